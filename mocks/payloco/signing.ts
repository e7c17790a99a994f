import { createHmac, type KeyObject, sign, verify } from 'node:crypto';
import { availableParallelism } from 'node:os';

// As many signatures at once as the machine has cores: more would only time-share them (every answer in flight then
// waits longer), and the pool's other threads stay free for the rest of Node.
const signingSlots = Math.max(1, availableParallelism());
let signing = 0;
const queued: Array<() => void> = [];

/**
 * Base64(SHA256withRSA(bytes)), as the docs' Java sample produces it, computed on Node's thread pool: an RSA-2048
 * signature is most of an answer's CPU, and on the main thread it would cap the mock at one core. PKCS#1 v1.5 is
 * deterministic, so the bytes are the same as signing in place. First come, first signed.
 */
export function rsaSign(
  bytes: Buffer,
  privateKey: KeyObject,
  done: (error: Error | null, signatureBase64: string) => void,
): void {
  const start = () => {
    signing += 1;
    sign('sha256', bytes, privateKey, (error, signature) => {
      signing -= 1;
      queued.shift()?.();
      done(error, error ? '' : signature.toString('base64'));
    });
  };
  if (signing < signingSlots) start();
  else queued.push(start);
}

export function rsaVerify(
  bytes: Buffer,
  signatureBase64: string,
  publicKey: KeyObject,
  hash: 'sha256' | 'sha1' = 'sha256',
): boolean {
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  if (signature.length === 0) return false;
  try {
    return verify(hash, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

export function hmacHex(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

import { createHmac, type KeyObject, sign, verify } from 'node:crypto';

/** Base64(SHA256withRSA(bytes)), as the docs' Java sample produces it. */
export function rsaSign(bytes: Buffer, privateKey: KeyObject): string {
  return sign('sha256', bytes, privateKey).toString('base64');
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

import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { registerSecret } from '../core/redact.js';
import type { Gateway } from '../core/results.js';
import type { Credentials, LesspayCredentials, PaylocoCredentials } from '../gateways/index.js';
import { loadPrivateKey, loadPublicKey } from '../signing/payloco.js';

/** Where credentials may come from: flags override the environment. Secrets come from files or the environment. */
export interface CredentialFlags {
  appId?: string;
  appSecretFile?: string;
  merchantId?: string;
  privateKey?: string;
  platformPublicKey?: string;
  webhookSecretFile?: string;
}

// No message here ever echoes a value: an environment variable meant to hold a path may hold a key or a secret
// (CI often passes `KEY="$(cat key.pem)"`), so errors name where the value came from, never the value itself.

function readFile(path: string, source: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the ${what} file named by ${source}: ${code === 'ENOENT' ? 'no such file' : code}`,
    );
  }
  if (text.trim() === '') throw new UsageError(`the ${what} file named by ${source} is empty`);
  return text;
}

/** A long run of base64 and nothing else: a key's body without its PEM lines, not a path. */
const BARE_BASE64 = /^[A-Za-z0-9+/]{64,}={0,2}$/;

/** A key variable or flag holds either a path to a PEM file or the PEM text itself. */
export function pemOrFile(value: string, source: string, what: string): string {
  if (/-----BEGIN [A-Z ]+-----/.test(value)) {
    const pem = value.replace(/\\n/g, '\n');
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem)) throw encrypted(source);
    return pem;
  }
  if (BARE_BASE64.test(value.replace(/\s+/g, '')) && !existsSync(value))
    throw new UsageError(
      `${source} holds a base64 key without its PEM lines, not a file path: give the path of the PEM file, or the PEM itself with its -----BEGIN …----- and -----END …----- lines`,
    );
  const text = readFile(value, source, what);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) throw encrypted(source);
  return text;
}

function encrypted(source: string): UsageError {
  return new UsageError(
    `${source} is an encrypted private key (a passphrase protects it): paycert needs it unencrypted; decrypt a copy with \`openssl pkcs8 -in key.pem -out plain.pem\` and keep that copy secret`,
  );
}

function samePublicKey(privatePem: string, publicPem: string): boolean {
  try {
    const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
    return spki(createPublicKey(privatePem)) === spki(createPublicKey(publicPem));
  } catch {
    return false;
  }
}

function need(value: string | undefined, what: string): string {
  if (!value || value.trim() === '') throw new UsageError(`missing credential: ${what}`);
  return value.trim();
}

export function lesspayCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv): LesspayCredentials {
  const appId = need(flags.appId ?? env.LESSPAY_APP_ID, 'LESSPAY_APP_ID (or --app-id)');
  const secret = flags.appSecretFile
    ? readFile(flags.appSecretFile, '--app-secret-file', 'app secret')
    : env.LESSPAY_APP_SECRET;
  return { appId, appSecret: need(secret, 'LESSPAY_APP_SECRET (or --app-secret-file)') };
}

export function paylocoCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv): PaylocoCredentials {
  const merchantId = need(
    flags.merchantId ?? env.PAYLOCO_MERCHANT_ID,
    'PAYLOCO_MERCHANT_ID (or --merchant-id)',
  );
  const keySource = flags.privateKey ? '--private-key' : 'PAYLOCO_PRIVATE_KEY';
  const keyValue = need(
    flags.privateKey ?? env.PAYLOCO_PRIVATE_KEY,
    'PAYLOCO_PRIVATE_KEY (or --private-key)',
  );
  const privateKeyPem = pemOrFile(keyValue, keySource, 'private key');
  try {
    loadPrivateKey(privateKeyPem);
  } catch (err) {
    throw new UsageError(
      `${keySource} is not a usable merchant key: ${(err as Error).message} (give a path to a PKCS#8 PEM file, or the PEM itself)`,
    );
  }
  const pubSource = flags.platformPublicKey ? '--platform-public-key' : 'PAYLOCO_PLATFORM_PUBLIC_KEY';
  const pubValue = (flags.platformPublicKey ?? env.PAYLOCO_PLATFORM_PUBLIC_KEY)?.trim();
  let platformPublicKeyPem: string | undefined;
  if (pubValue) {
    platformPublicKeyPem = pemOrFile(pubValue, pubSource, 'platform public key');
    try {
      loadPublicKey(platformPublicKeyPem);
    } catch (err) {
      throw new UsageError(
        `${pubSource} is not a usable public key: ${(err as Error).message} (give a path to a PEM file, or the PEM itself)`,
      );
    }
    // The usual swap: the public half of the merchant's own key given as the platform's. Every signature of the
    // gateway would then fail to verify, and read as the gateway's fault (PL-SIG-008).
    if (samePublicKey(privateKeyPem, platformPublicKeyPem))
      throw new UsageError(
        `${pubSource} is the public half of your merchant key (${keySource}), not the platform's: give the platform public key Payloco publishes for this environment`,
      );
  }
  const webhookSecret = flags.webhookSecretFile
    ? readFile(flags.webhookSecretFile, '--webhook-secret-file', 'webhook secret').trim()
    : env.PAYLOCO_WEBHOOK_SECRET?.trim() || undefined;
  return { merchantId, privateKeyPem, platformPublicKeyPem, webhookSecret };
}

export function credentialsFor(
  gateway: Gateway,
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv,
): Credentials {
  return gateway === 'lesspay' ? lesspayCredentials(flags, env) : paylocoCredentials(flags, env);
}

/** Every secret value is registered before anything is printed or written, so redaction can mask it. */
export function registerCredentialSecrets(creds: Credentials): void {
  if ('appSecret' in creds) registerSecret(creds.appSecret);
  if ('privateKeyPem' in creds) {
    registerSecret(creds.privateKeyPem);
    registerSecret(creds.webhookSecret);
  }
}

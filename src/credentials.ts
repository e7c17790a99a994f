import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import type { Credentials, LesspayCredentials, PaylocoCredentials } from './gateways/index.js';
import { registerSecret } from './report/redact.js';
import type { Gateway } from './results.js';
import { loadPrivateKey, loadPublicKey } from './signing/payloco.js';

/** Where credentials may come from: flags override the environment. Secrets come from files or the environment. */
export interface CredentialFlags {
  appId?: string;
  appSecretFile?: string;
  merchantId?: string;
  privateKey?: string;
  platformPublicKey?: string;
  webhookSecretFile?: string;
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} file ${path}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
}

function need(value: string | undefined, what: string): string {
  if (!value || value.trim() === '') throw new UsageError(`missing credential: ${what}`);
  return value.trim();
}

export function lesspayCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv): LesspayCredentials {
  const appId = need(flags.appId ?? env.LESSPAY_APP_ID, 'LESSPAY_APP_ID (or --app-id)');
  const secret = flags.appSecretFile ? readFile(flags.appSecretFile, 'app secret') : env.LESSPAY_APP_SECRET;
  return { appId, appSecret: need(secret, 'LESSPAY_APP_SECRET (or --app-secret-file)') };
}

export function paylocoCredentials(flags: CredentialFlags, env: NodeJS.ProcessEnv): PaylocoCredentials {
  const merchantId = need(
    flags.merchantId ?? env.PAYLOCO_MERCHANT_ID,
    'PAYLOCO_MERCHANT_ID (or --merchant-id)',
  );
  const keyPath = need(flags.privateKey ?? env.PAYLOCO_PRIVATE_KEY, 'PAYLOCO_PRIVATE_KEY (or --private-key)');
  const privateKeyPem = readFile(keyPath, 'private key');
  try {
    loadPrivateKey(privateKeyPem);
  } catch (err) {
    throw new UsageError(`${keyPath} is not a usable merchant key: ${(err as Error).message}`);
  }
  const pubPath = flags.platformPublicKey ?? env.PAYLOCO_PLATFORM_PUBLIC_KEY;
  let platformPublicKeyPem: string | undefined;
  if (pubPath) {
    platformPublicKeyPem = readFile(pubPath, 'platform public key');
    try {
      loadPublicKey(platformPublicKeyPem);
    } catch (err) {
      throw new UsageError(`${pubPath}: ${(err as Error).message}`);
    }
  }
  const webhookSecret = flags.webhookSecretFile
    ? readFile(flags.webhookSecretFile, 'webhook secret').trim()
    : env.PAYLOCO_WEBHOOK_SECRET;
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

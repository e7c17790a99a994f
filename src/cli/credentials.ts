import { readFileSync } from 'node:fs';
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

/** A key variable or flag holds either a path to a PEM file or the PEM text itself. */
export function pemOrFile(value: string, source: string, what: string): string {
  return /-----BEGIN [A-Z ]+-----/.test(value) ? value.replace(/\\n/g, '\n') : readFile(value, source, what);
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

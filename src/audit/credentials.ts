import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pemOrFile } from '../cli/credentials.js';
import { UsageError } from '../core/errors.js';
import { registerSecret } from '../core/redact.js';
import type { Gateway } from '../core/results.js';
import type { RunningMock } from '../engine/embedded.js';
import { gatewayModel } from '../gateways/index.js';
import { loadPrivateKey } from '../signing/payloco.js';
import type { ClientCredentials } from './client-kit.js';

// The client's credentials: the ones already in the environment when set (the mock then accepts exactly those), else
// the bundled mock's test credentials, passed on to the command. Every secret is registered for redaction first.

export interface GivenCredentials {
  /** What the rules recompute signatures with. */
  client: ClientCredentials;
  /** Options that make the bundled mock accept exactly these credentials. */
  mockOptions: Record<string, unknown>;
  webhookSecret?: string;
}

/** The credentials set in the environment, or undefined when none is set; a partial set is a usage error. */
export function givenCredentials(gateway: Gateway, env: NodeJS.ProcessEnv): GivenCredentials | undefined {
  const [idVar, secretVar] = gatewayModel(gateway).credentials.required;
  const id = env[idVar]?.trim();
  const secret = env[secretVar]?.trim();
  if (!id && !secret) return undefined;
  if (!id || !secret)
    throw new UsageError(
      `set both ${idVar} and ${secretVar}, or neither (paycert then makes test credentials)`,
    );
  if (gateway === 'lesspay') {
    registerSecret(secret);
    return { client: { appId: id, appSecret: secret }, mockOptions: { appId: id, appSecret: secret } };
  }
  const pem = pemOrFile(secret, secretVar, 'private key');
  registerSecret(pem);
  let publicKeyPem: string;
  try {
    publicKeyPem = createPublicKey(loadPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();
  } catch (err) {
    throw new UsageError(`${secretVar} is not a usable merchant key: ${(err as Error).message}`);
  }
  const webhookSecret = env.PAYLOCO_WEBHOOK_SECRET?.trim() || undefined;
  registerSecret(webhookSecret);
  return {
    client: { merchantId: id, merchantPublicKeyPem: publicKeyPem },
    mockOptions: { merchant: { id, publicKeyPem }, ...(webhookSecret ? { webhookSecret } : {}) },
    webhookSecret,
  };
}

/** The environment of the audited command: the base URL, and the mock's test credentials where none was given. */
export function clientEnv(
  gateway: Gateway,
  env: NodeJS.ProcessEnv,
  baseUrl: string,
  mock: RunningMock | undefined,
  given: GivenCredentials | undefined,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  if (gateway === 'lesspay') {
    out.LESSPAY_BASE_URL = baseUrl;
    if (mock && !given) {
      out.LESSPAY_APP_ID = mock.credentials.appId;
      out.LESSPAY_APP_SECRET = mock.credentials.appSecret;
    }
    return out;
  }
  out.PAYLOCO_BASE_URL = baseUrl;
  if (mock) {
    // The mock signs its answers with its own platform key: the client can only verify them with its public half.
    out.PAYLOCO_PLATFORM_PUBLIC_KEY = mock.credentials.platformPublicKeyPath;
    out.PAYLOCO_WEBHOOK_SECRET = mock.credentials.webhookSecret;
    if (!given) {
      out.PAYLOCO_MERCHANT_ID = mock.credentials.merchantId;
      out.PAYLOCO_PRIVATE_KEY = mock.credentials.privateKeyPath;
    }
  }
  return out;
}

/** The rules' view of the mock's test credentials (used when the environment gave none). */
export function mockClientCredentials(gateway: Gateway, mock: RunningMock): ClientCredentials {
  const c = mock.credentials;
  if (gateway === 'lesspay') {
    registerSecret(c.appSecret);
    return { appId: c.appId, appSecret: c.appSecret };
  }
  registerSecret(c.webhookSecret);
  const pem = readFileSync(c.privateKeyPath!, 'utf8');
  registerSecret(pem);
  return {
    merchantId: c.merchantId,
    merchantPublicKeyPem: createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

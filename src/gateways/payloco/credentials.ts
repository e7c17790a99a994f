import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { registerSecret } from '../../core/redact.js';
import { loadPrivateKey, loadPublicKey } from '../../signing/payloco.js';
import { need, pemOrFile, readFile } from '../credential-files.js';
import type { CredentialFlags, CredentialModel } from '../model.js';
import type { PaylocoCredentials } from '../types.js';
import { card } from './card.js';

// Payloco credentials: a merchant id and the merchant's RSA key (P6); the platform's public key and the webhook
// secret are optional (the checks that need them say so).

function samePublicKey(privatePem: string, publicPem: string): boolean {
  try {
    const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
    return spki(createPublicKey(privatePem)) === spki(createPublicKey(publicPem));
  } catch {
    return false;
  }
}

function load(flags: CredentialFlags, env: NodeJS.ProcessEnv): PaylocoCredentials {
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

export const credentials: CredentialModel = {
  flagVars: card.flagVars,
  flagHelp: card.flagHelp,
  required: ['PAYLOCO_MERCHANT_ID', 'PAYLOCO_PRIVATE_KEY'],
  baseUrl: 'PAYLOCO_BASE_URL',
  webhookSecret: card.webhookSecret,
  load,
  client: {
    given(id, secret, secretVar, env) {
      const pem = pemOrFile(secret, secretVar, 'private key');
      registerSecret(pem);
      let publicKeyPem: string;
      try {
        publicKeyPem = createPublicKey(loadPrivateKey(pem))
          .export({ type: 'spki', format: 'pem' })
          .toString();
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
    },
    env(baseUrl, mock, given) {
      const out: Record<string, string> = { PAYLOCO_BASE_URL: baseUrl };
      if (mock) {
        // The mock signs its answers with its own platform key: the client can only verify them with its public half.
        out.PAYLOCO_PLATFORM_PUBLIC_KEY = mock.platformPublicKeyPath;
        out.PAYLOCO_WEBHOOK_SECRET = mock.webhookSecret;
        if (!given) {
          out.PAYLOCO_MERCHANT_ID = mock.merchantId;
          out.PAYLOCO_PRIVATE_KEY = mock.privateKeyPath;
        }
      }
      return out;
    },
    fromMock(mock) {
      registerSecret(mock.webhookSecret);
      const pem = readFileSync(mock.privateKeyPath, 'utf8');
      registerSecret(pem);
      return {
        merchantId: mock.merchantId,
        merchantPublicKeyPem: createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString(),
      };
    },
  },
  exportLines: (c) => [
    `export PAYLOCO_MERCHANT_ID='${c.merchantId}'`,
    `export PAYLOCO_PRIVATE_KEY='${c.privateKeyPath}'   # test-only key`,
    `export PAYLOCO_PLATFORM_PUBLIC_KEY='${c.platformPublicKeyPath}'`,
    `export PAYLOCO_WEBHOOK_SECRET='${c.webhookSecret}'   # test-only secret`,
  ],
};

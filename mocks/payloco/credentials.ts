import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// TEST ONLY: these keys and secrets are committed on purpose and protect nothing.
export const testMerchantId = '2001000000002036';
export const testMemberId = '1000000000001';
export const testWebhookSecret = 'paycert-payloco-test-webhook-secret';

const keyPath = (file: string) => fileURLToPath(new URL(`./keys/${file}`, import.meta.url));

export const keyPaths = {
  merchantPrivate: keyPath('merchant-private.pem'),
  merchantPublic: keyPath('merchant-public.pem'),
  platformPrivate: keyPath('platform-private.pem'),
  platformPublic: keyPath('platform-public.pem'),
} as const;

export interface GatewayKeys {
  /** merchantId → the public key the merchant uploaded. */
  merchants: ReadonlyMap<string, KeyObject>;
  platformPrivate: KeyObject;
}

let cached: GatewayKeys | undefined;

export function gatewayKeys(): GatewayKeys {
  cached ??= {
    merchants: new Map([[testMerchantId, createPublicKey(readFileSync(keyPaths.merchantPublic))]]),
    platformPrivate: createPrivateKey(readFileSync(keyPaths.platformPrivate)),
  };
  return cached;
}

import { dataDir } from '../core/paths.js';
import type { Gateway } from '../core/results.js';
import { gatewayNames } from '../gateways/index.js';

// What the consumer tests and the provider verification must agree on: pacticipant names, provider-state names and
// the placeholder credentials the consumer tests sign with (the verifier re-signs for the real target).

/** Pacticipant names: the consumer is paycert's client of the gateway, the provider the gateway by its name. */
export const CONSUMER: Record<Gateway, string> = Object.fromEntries(
  gatewayNames().map((g) => [g, `paycert-${g}-client`]),
);

export const PROVIDER: Record<Gateway, string> = Object.fromEntries(gatewayNames().map((g) => [g, g]));

export const contractsDir = dataDir('contracts');

/** The committed pact file of a gateway, as the consumer tests write it. */
export function contractFileName(gateway: Gateway): string {
  return `${CONSUMER[gateway]}-${PROVIDER[gateway]}.json`;
}

export function contractFile(gateway: Gateway): string {
  return `${contractsDir}${contractFileName(gateway)}`;
}

/** Consumer-test credentials: never valid anywhere; they only make the recorded examples realistic. */
export const CONTRACT_LESSPAY_CREDENTIALS = Object.freeze({
  appId: 'paycert-contract-app',
  appSecret: 'paycert-contract-secret',
});

/** The merchantId the Payloco contract carries; the verifier replaces it with the target's merchant. */
export const CONTRACT_PAYLOCO_MERCHANT_ID = 'PAYCERT-CONTRACT-MERCHANT';

export const LESSPAY_STATES = {
  unusedRequestId: 'an unused request_id',
  orderExists: 'an order exists',
  payoutExists: 'a payout exists',
  wrongSecret: 'the request is signed with a wrong app secret',
} as const;

export const PAYLOCO_STATES = {
  unusedMerchantOrderId: 'an unused merchantOrderId',
  orderExists: 'an order exists',
} as const;

/** Check-ID prefix of a gateway's contract interactions (results schema: `^[A-Z]+(-[A-Z0-9]+)+$`). */
export const CHECK_PREFIX: Record<Gateway, string> = { lesspay: 'PACT-LP', payloco: 'PACT-PL' };

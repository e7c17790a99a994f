import {
  LESSPAY_STATES,
  LesspayClient,
  type LesspayCredentials,
  lesspaySign,
  type PactProvider,
  type PactProviderContext,
} from '../../src/index.js';

// Lesspay's provider states for `paycert verify`: each sets its state up through the target's PUBLIC API (the same
// client an integrator uses) with fresh ids, and every replayed request is re-signed for the target's app secret.

const ORDER = {
  product_name: 'paycert contract',
  description: 'Order set up by paycert verify',
  target_currency: 'USD',
  transaction_type: 'PAY_IN' as const,
  success_url: 'https://merchant.example/success',
  fail_url: 'https://merchant.example/fail',
  api_version: 'V2' as const,
  pay_access_type: 1 as const,
};

const PAYOUT = {
  currency: 'PHP',
  way_type: 'BANK_TRANSFER',
  beneficiary: {
    beneficiary_type: 'individual',
    beneficiary_info: {
      name: 'Juan Dela Cruz',
      email: 'juan@example.com',
      address: { country: 'PH', city: 'Manila' },
    },
    destination: { type: 'bank', bank: { account_number: '1234567890', bank_name: 'BDO', country: 'PH' } },
  },
};

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

export function provider({ baseUrl, credentials, timeoutMs, freshId }: PactProviderContext): PactProvider {
  const creds = credentials as LesspayCredentials;
  const client = new LesspayClient({ baseUrl, credentials: creds, timeoutMs });
  /** Set by the wrong-secret state: the next replayed request is signed with a secret the target does not know. */
  let signWrongOnce = false;
  return {
    states: {
      [LESSPAY_STATES.unusedRequestId]: { setup: async () => ({ request_id: freshId('PCU') }) },
      [LESSPAY_STATES.orderExists]: {
        setup: async (p) => {
          const amount = text(p?.amount, '100.50');
          const requestId = freshId('PCO');
          const before = Date.now();
          const created = await client.createPayin({
            ...ORDER,
            request_id: requestId,
            target_amount: amount,
          });
          // A window around the creation time (L8: the window may filter by creation time).
          return {
            request_id: requestId,
            pay_order_id: created.pay_order_id,
            amount,
            start_time: String(before - 60_000),
            end_time: String(Date.now() + 60_000),
          };
        },
      },
      [LESSPAY_STATES.payoutExists]: {
        setup: async (p) => {
          const requestId = freshId('PCP');
          const data = await client.createPayout({
            ...PAYOUT,
            request_id: requestId,
            amount: text(p?.amount, '100.50'),
          });
          return { request_id: requestId, pay_order_id: data.pay_order_id };
        },
      },
      [LESSPAY_STATES.wrongSecret]: {
        setup: async () => {
          signWrongOnce = true;
          return undefined;
        },
        teardown: async () => {
          signWrongOnce = false;
          return undefined;
        },
      },
    },
    resign(body, headers) {
      const signed = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
      const secret = signWrongOnce ? `${creds.appSecret}-paycert-wrong` : creds.appSecret;
      signWrongOnce = false;
      headers['x-auth-appid'] = creds.appId;
      headers['x-auth-timestamp'] = String(Date.now());
      headers['x-auth-signature'] = lesspaySign(signed as Record<string, unknown>, secret);
    },
  };
}

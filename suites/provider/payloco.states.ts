import {
  CONTRACT_PAYLOCO_MERCHANT_ID,
  loadPrivateKey,
  PAYLOCO_STATES,
  type PactProvider,
  type PactProviderContext,
  PaylocoClient,
  type PaylocoCredentials,
  paylocoSign,
  requestTime,
} from '../../src/index.js';

// Payloco's provider states for `paycert verify`: each sets its state up through the target's PUBLIC API with fresh
// ids; every replayed request gets the target's merchant and a fresh requestTime, then is signed with its key.

export function provider({ baseUrl, credentials, timeoutMs, freshId }: PactProviderContext): PactProvider {
  const creds = credentials as PaylocoCredentials;
  const key = loadPrivateKey(creds.privateKeyPem);
  // State setup verifies nothing about the target's responses beyond what the client needs.
  const client = new PaylocoClient({
    baseUrl,
    credentials: { merchantId: creds.merchantId, privateKeyPem: creds.privateKeyPem },
    timeoutMs,
  });
  return {
    states: {
      [PAYLOCO_STATES.unusedMerchantOrderId]: { setup: async () => ({ merchantOrderId: freshId('PCU') }) },
      [PAYLOCO_STATES.orderExists]: {
        setup: async () => {
          const merchantOrderId = freshId('PCO');
          const paid = await client.pay({
            merchantOrderId,
            transAmt: '20.01',
            currency: 'USD',
            transChannel: 'WEIXIN',
            goodsName: 'paycert contract',
            payMode: 'QRCODE',
          });
          let orderId = paid.data.orderId;
          if (typeof orderId !== 'string') orderId = (await client.query({ merchantOrderId })).data.orderId;
          return { merchantOrderId, orderId };
        },
      },
    },
    resign(body, headers) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
      const fields = body as Record<string, unknown>;
      // Only the placeholder is replaced: a contract that names another merchant on purpose keeps it.
      if (fields.merchantId === CONTRACT_PAYLOCO_MERCHANT_ID) fields.merchantId = creds.merchantId;
      if (typeof fields.requestTime === 'string') fields.requestTime = requestTime(new Date());
      // forward() sends exactly JSON.stringify(body): these are the bytes signed.
      headers.signature = paylocoSign(JSON.stringify(fields), key);
    },
  };
}

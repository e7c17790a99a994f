import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto';

// Payloco request, response and webhook signatures (profile P6, P10; payloco.md §4.1, §4.5, §4.7).

/** Base64 SHA256withRSA over the raw body bytes (UTF-8) with the merchant's private key. */
export function paylocoSign(rawBody: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(Buffer.from(rawBody, 'utf8')).sign(privateKey, 'base64');
}

/** Verifies a Base64 SHA256withRSA signature (a response's `signature` header) with the platform public key. */
export function paylocoVerify(rawBody: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(Buffer.from(rawBody, 'utf8'))
      .verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** Webhook `x-signature`: hex HMAC-SHA256 of the raw body with the webhook secret. */
export function paylocoWebhookSignature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(Buffer.from(rawBody, 'utf8')).digest('hex');
}

/**
 * What a webhook's x-signature may cover (P10): the header table says "HMAC hex digest of the request body", the
 * overview that it uses "the request timestamp and request body" (cut there): the body alone, or the x-timestamp
 * value then the body, joined with '.' or directly.
 */
export const PAYLOCO_WEBHOOK_FORMS = ['body', 'timestamp.body', 'timestamp+body'] as const;
export type PaylocoWebhookForm = (typeof PAYLOCO_WEBHOOK_FORMS)[number];

/** The text a webhook HMAC is computed over in one of the forms P10 allows. */
export function paylocoWebhookSignedText(
  form: PaylocoWebhookForm,
  timestamp: string,
  rawBody: string,
): string {
  if (form === 'timestamp.body') return `${timestamp}.${rawBody}`;
  if (form === 'timestamp+body') return `${timestamp}${rawBody}`;
  return rawBody;
}

/** Loads a PKCS#8 private key, refusing anything else with a one-line reason. */
export function loadPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`expected an RSA key, got ${key.asymmetricKeyType}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new Error(`RSA key is ${bits} bits; Payloco requires at least 2048`);
  return key;
}

export function loadPublicKey(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch {
    throw new Error('not a PEM public key');
  }
}

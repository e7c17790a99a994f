import { constants, createHash, createHmac, createSign, type KeyObject, sign } from 'node:crypto';
import { lesspayStringToSign } from './lesspay.js';
import { loadPrivateKey } from './payloco.js';

// The signing mistakes gateways make, each as one way to sign a request wrongly (issue 22 "signing diagnosis").
// A gateway that refuses every request signed as the docs say but accepts one of these verifies that mistake: a
// gateway fault, named in the signing check. The same list reads the other direction in `audit` (a client's
// signature that matches one of them names the client's mistake).

/** One wrongly signed form of a request. */
export interface SigningMistake {
  /** What a gateway that accepts this form verifies, in words ("HMAC-SHA256 …"). */
  verifies: string;
  /** The body bytes to send. */
  raw: string;
  /** The value of the signature header. */
  signature: string;
}

type Flat = Record<string, string | number | boolean | null>;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmacHex = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text, 'utf8').digest('hex');
const byAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `k=v` pairs of a flat body, sorted or in the order sent, with or without its empty values. */
function pairs(body: Flat, opts: { sorted: boolean; keepEmpty: boolean }): string {
  const keys = Object.keys(body).filter((k) => opts.keepEmpty || (body[k] !== null && body[k] !== ''));
  if (opts.sorted) keys.sort(byAscii);
  return keys.map((k) => `${k}=${typeof body[k] === 'string' ? body[k] : JSON.stringify(body[k])}`).join('&');
}

/**
 * Lesspay (L3) mistakes on a flat body. The body should hold an empty member and keys out of ASCII order, so that
 * every mistake signs a string of its own (diagnose.ts builds such a body).
 */
export function lesspayMistakes(body: Flat, secret: string): SigningMistake[] {
  const raw = JSON.stringify(body);
  const l3 = lesspayStringToSign(body, secret);
  const joined = pairs(body, { sorted: true, keepEmpty: false });
  const mistakes: { verifies: string; signature: string }[] = [
    {
      verifies:
        'HMAC-SHA256 keyed with the app secret (L3: a plain SHA-256 of the string ending &key=<appSecret>)',
      signature: hmacHex(secret, l3).toUpperCase(),
    },
    {
      verifies:
        'HMAC-SHA256 of the sorted pairs without &key=, keyed with the app secret (L3: a plain SHA-256 of the string ending &key=<appSecret>)',
      signature: hmacHex(secret, joined).toUpperCase(),
    },
    {
      verifies: 'the digest in lower-case hex (L3: upper-case hex)',
      signature: sha256Hex(l3),
    },
    {
      verifies: 'a string that keeps empty values (null or "") (L3: they are left out)',
      signature: sha256Hex(`${pairs(body, { sorted: true, keepEmpty: true })}&key=${secret}`).toUpperCase(),
    },
    {
      verifies: 'the keys in the order sent (L3: sorted by ASCII)',
      signature: sha256Hex(`${pairs(body, { sorted: false, keepEmpty: false })}&key=${secret}`).toUpperCase(),
    },
    {
      verifies: 'a string without &key=<appSecret> (L3: the secret is appended before hashing)',
      signature: sha256Hex(joined).toUpperCase(),
    },
  ];
  return mistakes.map((m) => ({ ...m, raw }));
}

function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort(byAscii)
      .map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])]),
  );
}

const rsa = (algorithm: string, raw: string, key: KeyObject) =>
  createSign(algorithm).update(Buffer.from(raw, 'utf8')).sign(key, 'base64');

/**
 * Payloco (P6) mistakes. The body's keys should be out of ASCII order, so that a re-serialisation with sorted keys
 * differs from the bytes sent.
 */
export function paylocoMistakes(body: Record<string, unknown>, privateKeyPem: string): SigningMistake[] {
  const key = loadPrivateKey(privateKeyPem);
  const compact = JSON.stringify(body);
  const pretty = JSON.stringify(body, null, 2);
  return [
    {
      verifies: 'SHA1withRSA (P6: SHA256withRSA)',
      raw: compact,
      signature: rsa('RSA-SHA1', compact, key),
    },
    {
      verifies: 'RSA-PSS with SHA-256 (P6: SHA256withRSA, PKCS #1 v1.5)',
      raw: compact,
      signature: sign('sha256', Buffer.from(compact, 'utf8'), {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      }).toString('base64'),
    },
    {
      verifies: 'the body re-serialised as compact JSON, not the raw bytes sent (P6: the raw request body)',
      raw: pretty,
      signature: rsa('RSA-SHA256', compact, key),
    },
    {
      verifies:
        'the body re-serialised with its keys sorted, not the raw bytes sent (P6: the raw request body)',
      raw: compact,
      signature: rsa('RSA-SHA256', JSON.stringify(sortedKeys(body)), key),
    },
    {
      verifies: 'the body pretty-printed, not the raw bytes sent (P6: the raw request body)',
      raw: compact,
      signature: rsa('RSA-SHA256', pretty, key),
    },
  ];
}

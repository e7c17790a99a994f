import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../src/core/errors.js';
import type { Credentials, GatewayModel } from '../../../src/gateways/index.js';

// Toypay's model: the whole of what paycert knows of this gateway, in its own folder (README.md). Registered by the
// tests only (registerGateway), never by the shipped CLI.

const here = dirname(fileURLToPath(import.meta.url));

interface ToyCredentials {
  apiKey: string;
  secret: string;
}

const toy = (c: Credentials) => c as unknown as ToyCredentials;
const sign = (raw: string, secret: string) => createHmac('sha256', secret).update(raw).digest('hex');

function need(value: string | undefined, what: string): string {
  if (!value?.trim()) throw new UsageError(`missing credential: ${what}`);
  return value.trim();
}

export const gateway: GatewayModel = {
  name: 'toy',
  displayName: 'Toypay',
  idPrefixes: ['TY'],
  readingPrefix: 'T',
  readings: { envelope: 'T1' },
  endpoints: {
    create: { path: '/toy/orders', request: 'toy/create-request.schema.json' },
    query: { path: '/toy/orders/query', request: 'toy/query-request.schema.json' },
  },
  credentials: {
    flagVars: {},
    required: ['TOY_API_KEY', 'TOY_SECRET'],
    baseUrl: 'TOY_BASE_URL',
    webhookSecret: 'TOY_SECRET',
    load: (_flags, env) =>
      ({
        apiKey: need(env.TOY_API_KEY, 'TOY_API_KEY'),
        secret: need(env.TOY_SECRET, 'TOY_SECRET'),
      }) as unknown as Credentials,
    client: {
      given: (apiKey, secret) => ({ client: { apiKey, secret }, mockOptions: {} }),
      env: (baseUrl, mock, given) => ({
        TOY_BASE_URL: baseUrl,
        ...(mock && !given ? { TOY_API_KEY: mock.apiKey, TOY_SECRET: mock.secret } : {}),
      }),
      fromMock: (mock) => ({ apiKey: mock.apiKey, secret: mock.secret }),
    },
    exportLines: (c) => [
      `export TOY_API_KEY='${c.apiKey}'`,
      `export TOY_SECRET='${c.secret}'   # test-only secret`,
    ],
  },
  smoke: {
    request: () => ({ path: '/toy/orders/query', body: { order_id: 'PCSMOKE0000' } }),
  },
  signing: {
    header: 'x-toy-signature',
    diagnosisRequest: () => ({ path: '/toy/orders/query', body: { order_id: 'PCDIAG0000' } }),
    // One mistake: the signature in upper case hex.
    mistakes: (creds, body) => {
      const raw = JSON.stringify(body);
      return [
        {
          verifies: 'an upper-case hex signature',
          raw,
          signature: sign(raw, toy(creds).secret).toUpperCase(),
        },
      ];
    },
    refusesWith401: true,
  },
  hosts: { domains: ['toy.invalid'], sandboxes: ['sandbox.toy.invalid'] },
  webhookSigning: { only: 'Toypay sends no callbacks' },
  adapter: {
    name: 'toy',
    secretHeaders: ['x-toy-signature'],
    secrets: (c) => [toy(c).secret],
    replaySignature: (raw) => ({
      header: 'x-toy-signature',
      shell: `printf '%s' '${raw.replace(/'/g, "'\\''")}' | openssl dgst -sha256 -hmac "$TOY_SECRET" -r | cut -c1-64`,
    }),
    authHeaders(c, raw, _body, mode): Record<string, string> {
      const { apiKey, secret } = toy(c);
      if (mode === 'none') return {};
      if (mode === 'no-signature') return { 'x-toy-key': apiKey };
      if (mode === 'bad-signature')
        return { 'x-toy-key': apiKey, 'x-toy-signature': sign(`${raw} `, secret) };
      if (mode === 'foreign-key')
        return { 'x-toy-key': apiKey, 'x-toy-signature': sign(raw, 'paycert-foreign') };
      return { 'x-toy-key': apiKey, 'x-toy-signature': sign(raw, secret) };
    },
  },
  locations: {
    mock: join(here, 'mock'),
    probes: join(here, 'probes'),
    catalogue: { dir: join(here, 'catalogue'), main: 'toy' },
  },
};

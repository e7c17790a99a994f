import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayMock } from '../contract.js';
import { AnswerOrder } from './answer-order.js';
import { variantBehaviour, variants } from './behaviour.js';
import type { MockContext } from './context.js';
import { gatewayKeys, keyPaths, testMerchantId, testWebhookSecret } from './credentials.js';
import { applyFault, faults } from './faults/index.js';
import { Store } from './orders.js';
import { Scheduler } from './scheduler.js';
import { requestListener } from './server.js';
import type { Variant } from './types.js';
import { WebhookSender } from './webhooks.js';

export { faults, variants };

export interface PaylocoMockOptions {
  host?: string;
  port?: number;
  variant?: Variant;
  fault?: string;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** The integrator's own merchant (id and public key PEM), accepted instead of the bundled test merchant. */
  merchant?: { id: string; publicKeyPem: string };
  /** The webhook secret to sign callbacks with, instead of the bundled test secret. */
  webhookSecret?: string;
  /**
   * Sandbox policy, off by default: every active QR (payMode QRCODE) is paid by itself this many ms after it is
   * created, as if the payer scanned it: the order turns SUCCESS and its webhook is sent (`paycert audit --scenario
   * pending-then-success`). Until then it reads PENDING, as without the policy.
   */
  autoPayAfterMs?: number;
}

export interface RunningMock {
  url: string;
  credentials: {
    merchantId: string;
    privateKeyPath: string;
    platformPublicKeyPath: string;
    webhookSecret: string;
  };
  /** The same, as a client signs with them: key contents, not paths (mocks/contract.ts). */
  clientCredentials: {
    merchantId: string;
    privateKeyPem: string;
    platformPublicKeyPem: string;
    webhookSecret: string;
  };
  close(): Promise<void>;
}

const defaultRetryDelaysMs = [200, 1000, 3000];
const defaultWebhookTimeoutMs = 5000;

export async function startPaylocoMock(opts: PaylocoMockOptions = {}): Promise<RunningMock> {
  const variant: Variant = opts.variant ?? 'a';
  if (!variants.includes(variant))
    throw new Error(`unknown Payloco variant "${variant}"; known: ${variants.join(', ')}`);
  const behaviour =
    opts.fault === undefined ? variantBehaviour(variant) : applyFault(opts.fault, variantBehaviour(variant));
  const host = opts.host ?? '127.0.0.1';
  const { autoPayAfterMs } = opts;
  if (autoPayAfterMs !== undefined && !(Number.isFinite(autoPayAfterMs) && autoPayAfterMs >= 0))
    throw new Error(`autoPayAfterMs must be a number of ms >= 0, not ${String(autoPayAfterMs)}`);

  const scheduler = new Scheduler();
  const answers = new AnswerOrder();
  const webhooks = new WebhookSender(
    {
      secret: opts.webhookSecret ?? testWebhookSecret,
      retryDelaysMs: opts.webhookRetryDelaysMs ?? defaultRetryDelaysMs,
      timeoutMs: opts.webhookTimeoutMs ?? defaultWebhookTimeoutMs,
    },
    behaviour,
    scheduler,
    (send) => answers.afterAnswers(send),
  );
  let url = '';
  const ctx: MockContext = {
    behaviour,
    store: new Store((order) => webhooks.notify(order)),
    scheduler,
    answers,
    keys: opts.merchant
      ? {
          ...gatewayKeys(),
          merchants: new Map([[opts.merchant.id, createPublicKey(opts.merchant.publicKeyPem)]]),
        }
      : gatewayKeys(),
    publicUrl: () => url,
    sandbox: autoPayAfterMs === undefined ? {} : { autoPayAfterMs },
  };

  const server = createServer(requestListener(ctx));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${urlHost(host)}:${port}${behaviour.basePath}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      scheduler.close();
      webhooks.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    credentials: {
      merchantId: opts.merchant?.id ?? testMerchantId,
      privateKeyPath: keyPaths.merchantPrivate,
      platformPublicKeyPath: keyPaths.platformPublic,
      webhookSecret: opts.webhookSecret ?? testWebhookSecret,
    },
    clientCredentials: {
      merchantId: testMerchantId,
      privateKeyPem: readFileSync(keyPaths.merchantPrivate, 'utf8'),
      platformPublicKeyPem: readFileSync(keyPaths.platformPublic, 'utf8'),
      webhookSecret: testWebhookSecret,
    },
    close,
  };
}

/** A wildcard bind address is reached through loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** The Payloco mock as the contract of mocks/contract.ts describes every mock. */
export const mock = {
  gateway: 'payloco',
  variants,
  faults,
  // The variant is checked when the mock starts: an unknown one is refused with the known ones named.
  start: (opts = {}) => startPaylocoMock(opts as PaylocoMockOptions),
} satisfies GatewayMock;

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { codeDir, codeExt } from '../core/paths.js';
import type { Gateway } from '../core/results.js';
import type { Target } from './certify.js';

// The bundled reference mocks are loaded only here, dynamically, and talked to over HTTP like any target.

export interface EmbeddedOptions {
  variant?: string;
  fault?: string;
  port?: number;
  host?: string;
  webhookRetryDelaysMs?: number[];
  /** Lesspay sandbox policy (tests of waiting): payouts that never settle, callbacks only when triggered, no trigger. */
  payoutsSettle?: boolean;
  payoutCallbacks?: boolean;
  triggerNotify?: boolean;
}

export interface RunningMock {
  url: string;
  credentials: Record<string, string>;
  close(): Promise<void>;
}

interface MockModule {
  faults: Record<string, { reading: string; description: string }>;
  variants: readonly string[];
  start(opts: EmbeddedOptions): Promise<RunningMock>;
}

export async function mockModule(gateway: Gateway): Promise<MockModule> {
  const href = pathToFileURL(`${codeDir(`mocks/${gateway}`)}index${codeExt}`).href;
  const mod = await import(href);
  const start = gateway === 'lesspay' ? mod.startLesspayMock : mod.startPaylocoMock;
  return { faults: mod.faults, variants: mod.variants, start };
}

/** Starts a bundled mock on 127.0.0.1 and describes it as a target with its test credentials. */
export async function startEmbedded(gateway: Gateway, opts: EmbeddedOptions = {}) {
  const mod = await mockModule(gateway);
  const mock = await mod.start({ host: '127.0.0.1', port: 0, ...opts });
  const c = mock.credentials;
  const credentials =
    gateway === 'lesspay'
      ? { appId: c.appId, appSecret: c.appSecret }
      : {
          merchantId: c.merchantId,
          privateKeyPem: readFileSync(c.privateKeyPath, 'utf8'),
          platformPublicKeyPem: readFileSync(c.platformPublicKeyPath, 'utf8'),
          webhookSecret: c.webhookSecret,
        };
  const target: Target = { gateway, baseUrl: mock.url, credentials, kind: 'embedded-mock' };
  return { target, mock };
}

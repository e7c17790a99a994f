import { pathToFileURL } from 'node:url';
import { codeExt } from '../core/paths.js';
import type { Gateway } from '../core/results.js';
import { type Credentials, codeFolder, gatewayModel } from '../gateways/index.js';
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
  /** Lesspay sandbox policy: 'manual' holds every payout in PENDING_CONFIRM until approved at its admin endpoint. */
  payoutReview?: 'auto' | 'manual';
}

// The shape every mock's entry exports as `mock` (mocks/contract.ts, which the harness may not import: it is
// restated here, and test/selftest checks both entries against it by starting them through this module).
export interface FaultInfo {
  name: string;
  reading: string;
  level: 'MUST' | 'SHOULD';
  description: string;
}

export interface RunningMock {
  url: string;
  /** The test credentials as a person configures them (file paths where the gateway uses key files). */
  credentials: Record<string, string>;
  /** The same credentials as a client signs with them. */
  clientCredentials: Record<string, string>;
  close(): Promise<void>;
}

interface MockModule {
  gateway: Gateway;
  faults: Readonly<Record<string, FaultInfo>>;
  variants: readonly string[];
  start(opts: EmbeddedOptions): Promise<RunningMock>;
}

export async function mockModule(gateway: Gateway): Promise<MockModule> {
  const folder = gatewayModel(gateway).locations.mock;
  const href = pathToFileURL(`${codeFolder(folder)}index${codeExt}`).href;
  const { mock } = (await import(href)) as { mock: MockModule };
  if (mock?.gateway !== gateway) throw new Error(`${folder}/index does not export the mock of ${gateway}`);
  return mock;
}

/** Starts a bundled mock on 127.0.0.1 and describes it as a target with its test credentials. */
export async function startEmbedded(gateway: Gateway, opts: EmbeddedOptions = {}) {
  const mod = await mockModule(gateway);
  const mock = await mod.start({ host: '127.0.0.1', port: 0, ...opts });
  const credentials = { ...mock.clientCredentials } as unknown as Credentials;
  const target: Target = {
    gateway,
    baseUrl: mock.url,
    credentials,
    kind: 'embedded-mock',
    ...(opts.webhookRetryDelaysMs ? { webhookRetryDelaysMs: [...opts.webhookRetryDelaysMs] } : {}),
  };
  return { target, mock };
}

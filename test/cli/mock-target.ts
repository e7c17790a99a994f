import type { Gateway } from '../../src/core/results.js';
import { mockModule, type RunningMock } from '../../src/engine/embedded.js';

// A bundled mock started in the test process as a remote target would be: the CLI under test reaches it through
// --base-url and credentials in the environment, exactly as a tester's run against a sandbox.

export interface RemoteMock {
  url: string;
  mock: RunningMock;
  /** The environment a tester would export for this target (the Payloco key as a file path). */
  env: NodeJS.ProcessEnv;
}

export async function startRemoteMock(gateway: Gateway, fault?: string): Promise<RemoteMock> {
  const mod = await mockModule(gateway);
  const mock = await mod.start({ host: '127.0.0.1', port: 0, fault, webhookRetryDelaysMs: [50, 100, 200] });
  const c = mock.credentials;
  const env: NodeJS.ProcessEnv =
    gateway === 'lesspay'
      ? { LESSPAY_APP_ID: c.appId, LESSPAY_APP_SECRET: c.appSecret }
      : {
          PAYLOCO_MERCHANT_ID: c.merchantId,
          PAYLOCO_PRIVATE_KEY: c.privateKeyPath,
          PAYLOCO_PLATFORM_PUBLIC_KEY: c.platformPublicKeyPath,
        };
  return { url: mock.url, mock, env };
}

import { type CertifyOptions, certify } from '../certify.js';
import { type EmbeddedOptions, startEmbedded } from '../embedded.js';
import type { Gateway, Results } from '../results.js';

/** Certifies one bundled mock (a conformant variant or a fault) in-process, as `paycert run` would. */
export async function certifyMock(
  gateway: Gateway,
  mockOpts: EmbeddedOptions,
  overrides: Partial<CertifyOptions> = {},
): Promise<Results> {
  const { target, mock } = await startEmbedded(gateway, {
    ...mockOpts,
    webhookRetryDelaysMs: [50, 100, 200],
  });
  try {
    return await certify({
      targets: [target],
      timeoutMs: 5000,
      maxBodyBytes: 1_048_576,
      concurrency: 4,
      rate: 0,
      maxRequests: 20_000,
      retryAfterCapMs: 10_000,
      strict: false,
      selects: () => true,
      ...overrides,
    });
  } finally {
    await mock.close();
  }
}

export function idsWithStatus(results: Results, ...statuses: string[]): string[] {
  return results.checks
    .filter((c) => statuses.includes(c.status))
    .map((c) => c.id)
    .sort();
}

// The generated checks join the catalogue before anything loads it.
import '../../src/generate/register.js';
import { readdirSync, readFileSync } from 'node:fs';
import type { Gateway, Results } from '../../src/core/results.js';
import { type CertifyOptions, certify } from '../../src/engine/certify.js';
import { type EmbeddedOptions, startEmbedded } from '../../src/engine/embedded.js';

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

export interface Expectation {
  fails: string[];
  errors?: string[];
  /** Checks that cannot be judged under the fault (e.g. no retry to compare) and say so. */
  skips?: string[];
}

// `<gateway>.expected.json` plus `<gateway>.<area>.expected.json` parts, merged per fault.
export function expectations(gateway: Gateway): Record<string, Expectation> {
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${gateway}.`) && f.endsWith('.expected.json'));
  const out: Record<string, Expectation> = {};
  for (const file of files.sort()) {
    const part: Record<string, Expectation> = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    for (const [fault, e] of Object.entries(part)) {
      out[fault] ??= { fails: [], errors: [], skips: [] };
      const seen = out[fault];
      seen.fails.push(...e.fails);
      seen.errors!.push(...(e.errors ?? []));
      seen.skips!.push(...(e.skips ?? []));
    }
  }
  return out;
}

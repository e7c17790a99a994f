// The compact form of a run for scripts (`--format json`): verdict and counts per gateway, the failing checks by ID,
// the baseline gate and where the full report is. `--format json-full` writes results.json itself instead.
import type { Results } from '../core/results.js';
import { failsVerdict, notJudged } from '../core/verdict.js';

export function machineSummary(results: Results, files: { results: string; html: string }) {
  const strict = results.strict ?? false;
  return {
    format: 'paycert-summary/1',
    verdict: results.verdict,
    runId: results.runId,
    gateways: results.gateways.map((g) => {
      const checks = results.checks.filter((c) => c.gateway === g.gateway);
      return {
        gateway: g.gateway,
        target: g.target,
        verdict: g.verdict,
        summary: g.summary,
        ...(g.error ? { error: g.error } : {}),
        failing: checks
          .filter((c) => failsVerdict(c, strict))
          .map((c) => ({
            id: c.id,
            level: c.level,
            reading: c.reading,
            message: (c.message ?? '').split('\n')[0],
          })),
        notJudged: checks.filter((c) => notJudged(c, strict)).map((c) => c.id),
      };
    }),
    ...(results.gate ? { gate: results.gate } : {}),
    report: files,
  };
}

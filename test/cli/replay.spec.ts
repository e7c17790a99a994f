import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 16: a replay line in the report can be pasted into a shell. The signature is computed there from the
// tester's own environment (LESSPAY_APP_SECRET, PAYLOCO_PRIVATE_KEY), so no secret is printed and the target accepts
// the replayed request, instead of `x-auth-signature: [REDACTED]`.

const dir = mkdtempSync(join(tmpdir(), 'paycert-replay-'));
const run = promisify(execFile);

describe('paycert evidence · replay lines', function () {
  this.timeout(60_000);

  for (const [gateway, only, accepted] of [
    ['lesspay', 'LP-QO-016', /^\{"code":0,/],
    ['payloco', 'PL-QRY-*', /^\{"code":"00000000",/],
  ] as const) {
    it(`${gateway}: the replay line of a failed check, pasted into bash with the tester's environment, is accepted`, async () => {
      const target = await startRemoteMock(gateway, 'query-wrong-amount');
      try {
        const reportDir = join(dir, gateway);
        const out = await runCli(
          ['run', gateway, '--quiet', '--base-url', target.url, '--only', only, '--report-dir', reportDir],
          target.env,
        );
        expect(out.code, out.stderr).to.equal(1);
        const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
        const failed = results.checks.find((c) => c.status === 'failed')!;
        const curl = failed.evidence!.at(-1)!.curl!;
        expect(curl).to.match(/^SIG=\$\(printf '%s' .+\) && curl -sS /);
        expect(curl).to.include(
          gateway === 'lesspay' ? '-H "x-auth-signature: $SIG"' : '-H "signature: $SIG"',
        );
        expect(curl).not.to.include('[REDACTED]');
        const replayed = await run('bash', ['-c', curl], { env: { PATH: process.env.PATH, ...target.env } });
        expect(replayed.stdout).to.match(accepted);
      } finally {
        await target.mock.close();
      }
    });
  }
});

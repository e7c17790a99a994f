import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { type RemoteMock, startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 16: a verdict means what it says. A MUST check that could not be judged makes the verdict `incomplete`
// (exit 1), named in every output with what would let it run; --allow-incomplete accepts it and says so.

const dir = mkdtempSync(join(tmpdir(), 'paycert-verdicts-'));
let n = 0;
const lines = (text: string) => text.split('\n');

describe('paycert verdicts · incomplete', function () {
  this.timeout(60_000);
  let unsigned: RemoteMock;
  before(async () => {
    unsigned = await startRemoteMock('payloco', 'webhook-unsigned');
  });
  after(() => unsigned.mock.close());

  async function runUnsigned(extra: string[] = []) {
    const reportDir = join(dir, `r${n++}`);
    const out = await runCli(
      [
        'run',
        'payloco',
        '--quiet',
        '--base-url',
        unsigned.url,
        '--webhook-wait',
        '1500',
        '--report-dir',
        reportDir,
        ...extra,
      ],
      unsigned.env,
    );
    const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    return { ...out, reportDir, results };
  }

  it('a MUST check skipped for a missing webhook secret is not a certification: incomplete, exit 1, the reason named', async () => {
    const out = await runUnsigned();
    expect(out.code, out.stderr).to.equal(1);
    const stdout = lines(out.stdout);
    expect(stdout.find((l) => l.startsWith('payloco: '))).to.match(
      /^payloco: INCOMPLETE — \d+ passed, 0 failed, \d+ skipped, 0 error \(MUST failing: 0, MUST not judged: 1, SHOULD failing: 0\) — http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(stdout).to.include(
      '  not judged: PL-WH-002 — no webhook secret was given (PAYLOCO_WEBHOOK_SECRET or --webhook-secret-file)',
    );
    expect(stdout).to.include(
      'verdict: incomplete (1 MUST check not judged; give what the lines above name, or accept with --allow-incomplete)',
    );
    expect(out.results.verdict).to.equal('incomplete');
    expect(out.results.gateways[0]!.summary.mustNotJudged).to.equal(1);
  });

  it('--allow-incomplete exits 0 and keeps the note in the console, results.json, JUnit and HTML', async () => {
    const out = await runUnsigned(['--allow-incomplete']);
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout)).to.include(
      'verdict: incomplete (1 MUST check not judged; accepted by --allow-incomplete)',
    );
    expect(out.results).to.include({ verdict: 'incomplete', allowIncomplete: true });
    expect(out.results.scope).to.include({ allowIncomplete: true });
    const junit = readFileSync(join(out.reportDir, 'junit.xml'), 'utf8');
    expect(junit).to.include('<property name="verdict" value="incomplete"/>');
    expect(junit).to.include(
      '<property name="notJudged" value="PL-WH-002: no webhook secret was given (PAYLOCO_WEBHOOK_SECRET or --webhook-secret-file)"/>',
    );
    expect(junit).to.include('<property name="allowIncomplete" value="true"/>');
    const html = readFileSync(join(out.reportDir, 'index.html'), 'utf8');
    expect(html).to.include('<div class="word">INCOMPLETE</div>');
    expect(html).to.include('1 MUST check not judged');
    expect(html).to.include(
      '<div class="nj">Accepted by --allow-incomplete. Not judged:<ul><li><b>PL-WH-002</b> — no webhook secret was given (PAYLOCO_WEBHOOK_SECRET or --webhook-secret-file)</li></ul></div>',
    );
  });

  it("the README's `run --only 'LP-QO-*'` with the default gateway `all` passes Lesspay partially (no certification) and says Payloco was not run", async () => {
    const out = await runCli(['run', '--quiet', '--only', 'LP-QO-*', '--report-dir', join(dir, `r${n++}`)]);
    expect(out.code, out.stderr).to.equal(0);
    expect(lines(out.stdout)).to.include('payloco: not run — no check matches --only LP-QO-*');
    expect(lines(out.stdout).find((l) => l.startsWith('verdict: '))).to.match(
      /^verdict: passed-partial \(\d+ of \d+ MUST checks judged; not a certification \(--only LP-QO-\*\)\)$/,
    );
    expect(out.stderr).to.equal('');
  });

  it('--only matching no check of any gateway is a usage error (exit 2, one line)', async () => {
    const out = await runCli(['run', '--quiet', '--only', 'XX-*', '--report-dir', join(dir, `r${n++}`)]);
    expect(out.code).to.equal(2);
    expect(out.stderr).to.equal(
      'paycert: no check matches --only XX-* (check IDs look like LP-QO-004, PL-SIG-001)\n',
    );
  });
});

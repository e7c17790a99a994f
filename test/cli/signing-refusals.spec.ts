import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { type RemoteMock, startRemoteMock } from './mock-target.js';
import { runCli } from './run-cli.js';

// Issue 22: a gateway that refuses a request signed exactly as L3 says is failed at the rule it breaks (a MUST
// signing check, with the string to sign as evidence), not left "incomplete"; the checks that needed the refused
// request stay not judged and cite that failure, and --allow-incomplete cannot turn it into a pass.

const dir = mkdtempSync(join(tmpdir(), 'paycert-signing-'));
let n = 0;

describe('paycert run · a refused correctly signed request is a MUST failure', function () {
  this.timeout(120_000);
  let dropsArrays: RemoteMock;
  before(async () => {
    dropsArrays = await startRemoteMock('lesspay', 'signature-drops-arrays');
  });
  after(() => dropsArrays.mock.close());

  async function run(extra: string[] = []) {
    const reportDir = join(dir, `r${n++}`);
    const out = await runCli(
      [
        'run',
        'lesspay',
        '--quiet',
        '--base-url',
        dropsArrays.url,
        '--webhook-wait',
        '1500',
        '--report-dir',
        reportDir,
        ...extra,
      ],
      dropsArrays.env,
      110_000,
    );
    const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    return { ...out, reportDir, results };
  }

  for (const extra of [[], ['--allow-incomplete']]) {
    it(`a gateway that drops arrays from the signature is NOT-CERTIFIED at LP-AUTH-015${extra.length ? ' with --allow-incomplete' : ''}`, async () => {
      const out = await run(extra);
      expect(out.code, out.stderr).to.equal(1);
      expect(out.stdout).to.match(/^lesspay: NOT-CERTIFIED — /m);
      expect(out.results.verdict).to.equal('not-certified');
      const byId = new Map(out.results.checks.map((c) => [c.id, c]));
      const signing = byId.get('LP-AUTH-015')!;
      expect(signing).to.include({ status: 'failed', level: 'MUST' });
      expect(signing.message).to.include(
        'a request signed exactly as L3 says (arrays as compact JSON text) was refused as unauthenticated (HTTP 401)',
      );
      expect(signing.message).to.match(
        /string to sign \(L3\): .*payout_order_details=\[\{.*&key=<appSecret>/,
      );
      // The evidence is the refused request and its answer; the secret is in no output.
      expect(JSON.stringify(signing.evidence)).to.include('/api/global/payout/batch/create-order');
      expect(readFileSync(join(out.reportDir, 'results.json'), 'utf8')).not.to.include(
        dropsArrays.mock.credentials.appSecret,
      );
      // A check that needed a batch payout is not judged, and says which failure stopped it.
      expect(byId.get('LP-PO-005')).to.include({
        status: 'error',
        message: 'a correctly signed request was refused with HTTP 401 (see LP-AUTH-015)',
      });
      // The other documented shapes are signed and accepted.
      for (const id of ['LP-AUTH-007', 'LP-AUTH-010', 'LP-AUTH-014', 'LP-AUTH-016', 'LP-AUTH-017'])
        expect(byId.get(id)?.status, id).to.equal('passed');
    });
  }
});

// Issue 22 "signing diagnosis": a target that refuses every request signed as the docs say is tried with the signing
// mistakes gateways make. One accepted is the gateway's fault (exit 1, named); none accepted is the tester's
// credentials (exit 2 with the hint), as before.
describe('paycert run · signing diagnosis', function () {
  this.timeout(120_000);

  const cases = [
    {
      gateway: 'lesspay',
      fault: 'signature-hmac',
      check: 'LP-AUTH-007',
      verifies: 'HMAC-SHA256 keyed with the app secret',
    },
    {
      gateway: 'lesspay',
      fault: 'signature-lowercase-hex',
      check: 'LP-AUTH-007',
      verifies: 'the digest in lower-case hex (L3: upper-case hex)',
    },
    {
      gateway: 'payloco',
      fault: 'signature-sha1',
      check: 'PL-SIG-009',
      verifies: 'SHA1withRSA (P6: SHA256withRSA)',
    },
  ] as const;

  for (const c of cases) {
    it(`a ${c.gateway} target verifying the wrong thing (${c.fault}) exits 1 with the diagnosis at ${c.check}`, async () => {
      const target = await startRemoteMock(c.gateway, c.fault);
      try {
        const reportDir = join(dir, `r${n++}`);
        const out = await runCli(
          ['run', c.gateway, '--quiet', '--base-url', target.url, '--report-dir', reportDir],
          target.env,
          110_000,
        );
        expect(out.code, out.stderr).to.equal(1);
        expect(out.stderr).to.equal('');
        const line = `the target's signature check verifies ${c.verifies}`;
        expect(out.stdout).to.include(`  warning: ${line}`);
        expect(out.stdout).to.match(new RegExp(`^${c.gateway}: NOT-CERTIFIED — `, 'm'));
        const results: Results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
        const signing = results.checks.find((r) => r.id === c.check)!;
        expect(signing).to.include({ status: 'failed', level: 'MUST' });
        expect(signing.message).to.include(`diagnosis: ${line}`);
        expect(results.gateways[0]!.warning).to.include(line);
      } finally {
        await target.mock.close();
      }
    });
  }
});

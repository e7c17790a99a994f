import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type RemoteMock, startRemoteMock } from '../../test/cli/mock-target.js';
import { runCli } from '../../test/cli/run-cli.js';

// Issue 23: paycert.config.json through the real binary: found in the working directory or given with --config,
// flags over environment over file, problems with file, line and column, secrets refused with their variable.

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paycert-config-'));
let n = 0;

function config(text: string): string {
  const path = join(dir, `c${n++}.json`);
  writeFileSync(path, text);
  return path;
}

const results = (d: string) => JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));

let target: RemoteMock;
before(async () => {
  target = await startRemoteMock('lesspay');
});
after(async () => {
  await target.mock.close();
});

describe('paycert.config.json (issue 23)', function () {
  this.timeout(60_000);

  it('is found in the working directory (compiled binary, JSON with comments) and sets run options', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(
      join(cwd, 'paycert.config.json'),
      '{\n  // what this job certifies\n  "run": { "only": ["LP-QO-00*"], "reportDir": "out", "quiet": true, },\n}\n',
    );
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(root, 'bin', 'paycert.js'), 'run', 'lesspay'], {
        cwd,
        stdio: 'ignore',
      });
      child.on('close', resolve);
    });
    expect(code).to.equal(0);
    expect(results(join(cwd, 'out')).checks).to.have.length(9);
  });

  it('flags override the file; the environment overrides the file; a gateway section gives its base URL', async () => {
    const file = config(
      JSON.stringify({
        run: { only: 'LP-QO-00*', quiet: true },
        gateways: { lesspay: { run: { baseUrl: target.url, appId: 'not-the-app' } } },
      }),
    );
    const d = join(dir, `r${n++}`);
    const out = await runCli(
      ['run', 'lesspay', '--config', file, '--only', 'LP-QO-001', '--report-dir', d],
      target.env,
    );
    expect(out.code, out.stderr + out.stdout).to.equal(0);
    const r = results(d);
    expect(r.checks.map((c: { id: string }) => c.id)).to.deep.equal(['LP-QO-001']);
    expect(r.gateways[0].target).to.equal(target.url);
  });

  it('every command reads it: webhook-test takes its handler URL, audit its client command', async () => {
    const file = config(
      JSON.stringify({
        'webhook-test': { handlerUrl: 'http://127.0.0.1:9/notify', timeout: 500 },
        audit: { command: [process.execPath, '-e', 'process.exit(0)'], maxTime: 20 },
      }),
    );
    const missing = await runCli(['webhook-test', 'lesspay', '--report-dir', join(dir, `r${n++}`)]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.equal("paycert: required option '--handler-url <url>' not specified\n");
    const hook = await runCli(
      ['webhook-test', 'lesspay', '--config', file, '--report-dir', join(dir, `r${n++}`)],
      {
        LESSPAY_APP_SECRET: 'lp_test_secret',
      },
    );
    expect(hook.stderr).not.to.include('required option');
    expect(hook.stderr + hook.stdout).to.include('127.0.0.1:9');
    const audit = await runCli(['audit', 'lesspay', '--config', file, '--report-dir', join(dir, `r${n++}`)]);
    expect(audit.code).to.equal(2);
    expect(audit.stderr).to.match(/made no request/);
  });

  it('a problem names file, line and column in one line, exit 2', async () => {
    const cases: [string, string][] = [
      ['{\n  "run": { "only": ["LP-QO-*"] "strict": true }\n}\n', ':2:32: not valid JSON: comma expected'],
      [
        '{\n  "run": {\n    "timout": 5000\n  }\n}\n',
        ':3:5: unknown option "timout" in run (see schemas/paycert/config.schema.json)',
      ],
      ['{\n  "run": { "timeout": "5000" }\n}\n', ':2:23: run.timeout: must be integer'],
      [
        '{\n  "gateways": { "lesspay": { "run": { "appSecret": "s" } } }\n}\n',
        ':2:39: appSecret is a secret and never goes in the config file: use LESSPAY_APP_SECRET (or appSecretFile, a file holding it)',
      ],
      [
        '{ "run": { "privateKey": "-----BEGIN PRIVATE KEY-----" } }',
        ':1:26: privateKey is a secret and never goes in the config file: use a path to the PEM file (or PAYLOCO_PRIVATE_KEY)',
      ],
    ];
    for (const [text, message] of cases) {
      const file = config(text);
      const out = await runCli(['run', 'lesspay', '--config', file, '--report-dir', join(dir, `r${n++}`)]);
      expect(out.code, text).to.equal(2);
      expect(out.stderr).to.equal(`paycert: ${file}${message}\n`);
    }
    const none = await runCli(['run', '--config', join(dir, 'absent.json')]);
    expect(none.stderr).to.equal(`paycert: --config ${join(dir, 'absent.json')}: no such file\n`);
    expect(existsSync(join(dir, 'absent.json'))).to.equal(false);
  });
});

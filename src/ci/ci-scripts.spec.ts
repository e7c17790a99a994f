import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';

// Issue 23: the GitHub action's step and the GitLab example's script, run in a shell as the CI would run them,
// against the compiled binary (`npm run build`) and the bundled mock.

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${process.execPath} ${join(root, 'bin', 'paycert.js')}`;
const dir = mkdtempSync(join(tmpdir(), 'paycert-ci-'));

function bash(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = dir,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(LESSPAY|PAYLOCO|GITHUB|CI_|INPUT)_?/.test(k)),
    );
    const child = spawn('bash', args, { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CI integrations (issue 23)', function () {
  this.timeout(120_000);

  it("the action's run step: paycert writes the job summary and annotations; the step records the exit code", async () => {
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const out = await bash([join(root, 'action', 'run.sh')], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/gateway',
      GITHUB_RUN_ID: '42',
      INPUT_GATEWAY: 'lesspay',
      INPUT_SHARD: '',
      INPUT_ARGS: '--only LP-QO-* --mock-fault query-msg-not-found-wrong',
      INPUT_REPORT_DIR: join(dir, 'gh-reports'),
      PAYCERT_BIN: bin,
    });
    expect(out.code, out.stderr).to.equal(0);
    expect(readFileSync(output, 'utf8')).to.match(/^exit-code=1$/m);
    expect(readFileSync(output, 'utf8')).to.match(/^artifact=paycert-lesspay$/m);
    const md = readFileSync(summary, 'utf8');
    expect(md).to.include('## paycert: not-certified');
    expect(md).to.match(/\| `LP-QO-004` \| MUST \| L8 \| .*Order does not exist/);
    expect(md).to.include('https://github.com/acme/gateway/actions/runs/42');
    expect(out.stdout).to.match(/^::error title=LP-QO-004 MUST L8::/m);
    expect(existsSync(join(dir, 'gh-reports', 'junit.xml'))).to.equal(true);
  });

  it("action.yml passes every input to its run step and fails the job with paycert's code after the upload", () => {
    const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
    expect(action.runs.using).to.equal('composite');
    const run = action.runs.steps.find((s: { id?: string }) => s.id === 'run');
    expect(run.run).to.include('action/run.sh');
    for (const name of ['gateway', 'base-url', 'shard', 'args', 'report-dir', 'config'])
      expect(Object.values(run.env)).to.include(`\${{ inputs.${name} }}`);
    const names = action.runs.steps.map((s: { name?: string; uses?: string }) => s.name ?? s.uses);
    expect(names.indexOf('Upload the report')).to.be.lessThan(names.indexOf('Verdict'));
  });

  it('the README documents the action and links both CI examples', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('\n## CI\n'),
      readme.indexOf('\n## ', readme.indexOf('\n## CI\n') + 1),
    );
    for (const link of ['(examples/ci/paycert.yml)', '(examples/ci/gitlab-ci.yml)', '(action.yml)'])
      expect(section).to.include(link);
    expect(section).to.match(/uses: paycert\/paycert@v1/);
    expect(section).to.match(/shard: \$\{\{ matrix\.shard \}\}\/4/);
  });

  it("the GitLab example's script certifies one shard and writes the JUnit file its artifacts report", async () => {
    const pipeline = parse(readFileSync(join(root, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8'));
    const job = pipeline.paycert;
    expect(job.parallel).to.equal(3);
    const lines: string[] = job.script.filter((l: string) => !l.startsWith('npm install'));
    const script = lines.map((l) => l.replace(/npx paycert/g, bin)).join('\n');
    const cwd = mkdtempSync(join(dir, 'gitlab-'));
    const out = await bash(
      ['-c', script],
      {
        ...pipeline.variables,
        PAYCERT_ARGS: '--only LP-QO-00*',
        CI_NODE_INDEX: '1',
        CI_NODE_TOTAL: '3',
      },
      cwd,
    );
    expect(out.code, out.stdout + out.stderr).to.equal(0);
    expect(job.artifacts.reports.junit).to.equal('reports/shard-*/junit.xml');
    expect(readFileSync(join(cwd, 'reports', 'shard-1', 'junit.xml'), 'utf8')).to.include('<testsuites');
    expect(
      JSON.parse(readFileSync(join(cwd, 'reports', 'shard-1', 'results.json'), 'utf8')).shard,
    ).to.deep.equal({
      index: 1,
      total: 3,
    });
  });
});

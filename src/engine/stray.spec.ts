import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// runGateway turns an exception no check caught into an `error` for the checks running when it arrives
// (src/engine/runner.ts catchStrays). Mocha installs its own uncaughtException handler, which would see the stray
// first in-process, so the run happens in a child node under tsx, as the CLI tests run the sources.

const srcUrl = (path: string) => pathToFileURL(fileURLToPath(new URL(`../${path}`, import.meta.url))).href;

// One lane, three checks in order: one passes, one is hit by an exception thrown from a timer outside its promise
// chain, one fails on its own (.mts: the temp dir has no package.json saying these are ES modules). Real catalogue IDs, since the engine runs only catalogued checks (it reads their metadata from the catalogue, so the call sites name only the ID).
const probe = `
import { CheckFailure, probes } from '${srcUrl('index.ts')}';
export default probes('stray exceptions', (p) => {
  p.check({ id: 'LP-TR-001' }, async () => {});
  p.check({ id: 'LP-TR-002' }, async () => {
    setTimeout(() => { throw new Error('stray boom from a timer'); }, 10);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  });
  p.check({ id: 'LP-TR-003' }, async () => { throw new CheckFailure('failed on its own'); });
});
`;

const script = (probeFile: string) => `
import { runGateway } from '${srcUrl('engine/runner.ts')}';
const { results } = await runGateway(
  {
    gateway: 'lesspay',
    baseUrl: 'http://127.0.0.1:9',
    credentials: { appId: 'app', appSecret: 'secret' },
    timeoutMs: 1000,
    maxBodyBytes: 1_000_000,
    retryAfterCapMs: 0,
    runTag: 'stray',
  },
  { throttle: { concurrency: 1, rate: 0, maxRequests: 100 }, selects: () => true, files: [${JSON.stringify(probeFile)}] },
  10_000,
);
console.log(JSON.stringify(results.map(({ id, status, message }) => ({ id, status, message }))));
`;

function runNode(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the stray-exception run did not finish within 60 s'));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('engine: an exception no check caught', function () {
  this.timeout(70_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paycert-stray-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ends the check running at that moment with the error; the run finishes and other checks keep their status', async () => {
    const probeFile = join(dir, 'stray.probe.mts');
    const scriptFile = join(dir, 'run.mts');
    writeFileSync(probeFile, probe);
    writeFileSync(scriptFile, script(probeFile));
    const { code, stdout, stderr } = await runNode(scriptFile);
    assert.equal(code, 0, stderr);
    const results = JSON.parse(stdout.trim().split('\n').at(-1)!);
    // JSON drops the undefined message of a passed check.
    assert.deepEqual(results, [
      { id: 'LP-TR-001', status: 'passed' },
      { id: 'LP-TR-002', status: 'error', message: 'check error: stray boom from a timer' },
      { id: 'LP-TR-003', status: 'failed', message: 'failed on its own' },
    ]);
  });
});

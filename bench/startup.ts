// Start-up and whole-process cost of the compiled CLI, as a user's CI pays it (issues 14, 26). Targets, against
// baselines measured in the same run: `paycert --version` <= 2x bare `node -e 0`; a Lesspay run of the
// request/response checks against an external target (`paycert serve lesspay` in another process) <= 7.5 ms per
// check delivered, whole-process wall divided by checks, and <= 0.5x the per-check cost of a plain fetch + Ajv
// script (bench/floor.mjs); a 1-check run (`--only LP-ENV-001`) <= 350 ms wall on this machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveMock } from './targets.js';

const bin = fileURLToPath(new URL('../bin/paycert.js', import.meta.url));
const RUNS = 11;
const floorScript = fileURLToPath(new URL('./floor.mjs', import.meta.url));
const FLOOR_REQUESTS = 30;

function wallMs(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; status: number | null } {
  const started = performance.now();
  const res = spawnSync(process.execPath, args, { env, stdio: 'ignore', timeout: 60_000 });
  return { ms: performance.now() - started, status: res.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup() {
  // Interleaved, so a busy moment of the machine weighs on both sides alike.
  const bare: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(wallMs(['-e', '0']).ms);
    version.push(wallMs([bin, '--version']).ms);
  }

  const catalogue = JSON.parse(
    readFileSync(fileURLToPath(new URL('../suites/catalogue/lesspay.json', import.meta.url)), 'utf8'),
  );
  // The request/response checks: webhook checks wait for the gateway to call back, which no start-up can speed.
  const ids: string[] = catalogue.checks
    .map((c: { id: string }) => c.id)
    .filter((id: string) => !/-WH-/.test(id));
  const target = await serveMock('lesspay');
  const dir = mkdtempSync(join(tmpdir(), 'paycert-bench-startup-'));
  const runs: number[] = [];
  const bareDuringRuns: number[] = [];
  const oneCheck: number[] = [];
  const floor: number[] = [];
  let status: number | null = null;
  let oneStatus: number | null = null;
  let floorStatus: number | null = null;
  let delivered = 0;
  const env = { ...process.env, ...target.env };
  try {
    for (let i = 0; i < 7; i++) {
      bareDuringRuns.push(wallMs(['-e', '0']).ms);
      // Issue 26: the fixed cost of a run, one check against the external target.
      const one = wallMs(
        [
          bin,
          'run',
          'lesspay',
          '--base-url',
          target.url,
          '--only',
          'LP-ENV-001',
          '--quiet',
          '--report-dir',
          dir,
        ],
        env,
      );
      oneCheck.push(one.ms);
      oneStatus = one.status;
      // The floor of the per-check cost: a plain fetch + Ajv script doing FLOOR_REQUESTS checked requests.
      const plain = wallMs([floorScript, target.url, String(FLOOR_REQUESTS)], env);
      floor.push(plain.ms);
      floorStatus = plain.status;
      const run = wallMs(
        [
          bin,
          'run',
          'lesspay',
          '--base-url',
          target.url,
          '--only',
          ids.join(','),
          '--quiet',
          '--report-dir',
          dir,
        ],
        env,
      );
      runs.push(run.ms);
      status = run.status;
    }
    delivered = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).checks.length;
  } finally {
    target.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const bareMs = median(bare);
  const versionMs = median(version);
  const runMs = median(runs);
  const perCheck = runMs / delivered;
  const floorPerCheck = median(floor) / FLOOR_REQUESTS;
  const oneMs = median(oneCheck);
  return {
    bareNodeMs: +bareMs.toFixed(1),
    versionMs: +versionMs.toFixed(1),
    versionRatio: +(versionMs / bareMs).toFixed(2),
    bestVersionRatio: +(Math.min(...version) / Math.min(...bare)).toFixed(2),
    externalRun: {
      checks: delivered,
      exit: status,
      wallMs: Math.round(runMs),
      msPerCheck: +(runMs / delivered).toFixed(2),
      // The fastest of the runs: what the machine gives when nothing else competes for its two cores.
      bestMsPerCheck: +(Math.min(...runs) / delivered).toFixed(2),
      bareNodeMs: +median(bareDuringRuns).toFixed(1),
    },
    oneCheckRun: {
      exit: oneStatus,
      wallMs: Math.round(oneMs),
      bestWallMs: Math.round(Math.min(...oneCheck)),
      ratioToBareNode: +(oneMs / median(bareDuringRuns)).toFixed(2),
    },
    floor: {
      exit: floorStatus,
      requests: FLOOR_REQUESTS,
      wallMs: Math.round(median(floor)),
      msPerCheck: +floorPerCheck.toFixed(2),
      paycertMsPerCheck: +perCheck.toFixed(2),
      ratio: +(perCheck / floorPerCheck).toFixed(2),
    },
    targets: { versionRatio: 2, msPerCheck: 7.5, oneCheckRunMs: 350, perCheckToFloor: 0.5 },
    met: {
      version: versionMs / bareMs <= 2,
      perCheck: perCheck <= 7.5,
      oneCheckRun: oneMs <= 350,
      perCheckToFloor: perCheck / floorPerCheck <= 0.5,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchStartup(), null, 2));
}

// `npm run bench`: every performance target of the issues, measured on this machine, in one report.
// `npm run bench -- mock` (or any of the section names below) runs only the sections named; `--quick` skips the
// two 10 000-request mock load runs and the comparison with Prism, and shortens the wait bound.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchDrivers } from './drivers.js';
import { benchHugeBody } from './hostile.js';
import { benchMockVsPrism } from './mock-vs-prism.js';
import { benchPaylocoRsaFloor } from './payloco-rsa-floor.js';
import { benchProxy } from './proxy.js';
import { benchReport } from './report.js';
import { benchRun } from './run.js';
import { benchStartup } from './startup.js';
import { benchWaitBound } from './wait-bound.js';

const SECTIONS = ['startup', 'run', 'drivers', 'report', 'wait', 'hostile', 'proxy', 'mock'] as const;
const quick = process.argv.includes('--quick');
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = named.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`bench: unknown section ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wanted = (section: (typeof SECTIONS)[number]) => named.length === 0 || named.includes(section);

if (wanted('startup')) {
  console.log(
    '== compiled CLI start-up vs. bare `node -e 0` and a plain fetch + Ajv script (targets: --version <= 2x bare ' +
      'node; 1-check run <= 350 ms; external Lesspay run of the request/response checks <= 7.5 ms per check and ' +
      '<= 0.5x the fetch + Ajv floor per check, whole-process wall / checks)',
  );
  console.log(JSON.stringify(await benchStartup(), null, 2));
}

if (wanted('run')) {
  console.log(
    '\n== embedded certification run vs. the fetch + Ajv floor (targets: <= 3000 ms, ratio <= 1.5)',
  );
  const run = await benchRun();
  console.table(run.rows);
  console.log(JSON.stringify({ ...run, rows: undefined }, null, 2));
}

if (wanted('drivers')) {
  console.log('\n== payment drivers: time to complete one lifecycle payment, per driver and page shape');
  console.table(await benchDrivers());
}

if (wanted('report')) {
  console.log(
    '\n== reports of 10 000 checks, 20 % failing (targets: render <= 1000 ms, HTML <= 3 MB; results.json carries ' +
      'full evidence for failures only, against --evidence full)',
  );
  console.log(JSON.stringify(await benchReport({ failing: 0.2 }), null, 2));
}

if (wanted('wait')) {
  console.log(
    '\n== a target refusing every request with 429/503 and Retry-After: 2 (target: exit 2, and wall minus the same run with --max-wait 0 <= --max-wait)',
  );
  console.table(await benchWaitBound(quick ? 5_000 : 30_000));
}

if (wanted('hostile')) {
  console.log(
    '\n== hostile target: 50 MB bodies on four endpoints, 1 MiB body cap (target: live memory growth < 50 MB)',
  );
  console.log(JSON.stringify(await benchHugeBody(), null, 2));
}

if (wanted('proxy')) {
  console.log(
    '\n== paycert proxy: added latency at 200 requests/s and proxy RSS (targets: <= 1 ms median, <= 100 MB; ' +
      "Prism's validation proxy: about +4 ms, 166 MB)",
  );
  console.log(JSON.stringify(await benchProxy(), null, 2));
}

if (wanted('mock') && !quick) {
  console.log(
    "\n== the reference mocks vs Prism's mock of the same OpenAPI document, query endpoint, 50 connections " +
      '(targets: mock req/s >= 10x Prism, pair by pair; mock p99 <= 10 ms; every validation on)',
  );
  const vs = await benchMockVsPrism();
  console.log(vs.note);
  console.table(vs.rows);
  console.log(
    "\n== Payloco's RSA floor: verifying the request's signature and signing the answer (P6), CPU per request; " +
      'Prism signs nothing, so 1 s / this bounds the mock per core against it',
  );
  console.table([benchPaylocoRsaFloor()]);
  for (const gateway of ['lesspay', 'payloco']) {
    console.log(`\n== ${gateway} mock under load: 10 000 signed requests at concurrency 50`);
    const script = fileURLToPath(new URL(`./mock-load-${gateway}.ts`, import.meta.url));
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], {
      stdio: 'inherit',
      timeout: 300_000,
    });
    if (out.status !== 0) console.log(`(load run exited ${out.status})`);
  }
}

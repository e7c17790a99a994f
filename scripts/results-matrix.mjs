#!/usr/bin/env node
// The results matrix: `paycert run` over every bundled mock × conformant variant × fault variant, reduced to what a
// refactoring must not change (the verdicts and, per check, its ID, level, reading and status). Run it before and
// after a change and diff the two files: `npm run --silent matrix > before.json`, then
// `npm run matrix -- --diff before.json`. It drives the built binary (bin/paycert.js → dist/) as a
// user would, with a fixed seed and run id, so two runs of the same tree give the same matrix.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/paycert.js');
const args = process.argv.slice(2);
const diffWith = args.includes('--diff') ? args[args.indexOf('--diff') + 1] : undefined;
// --save FILE keeps this tree's matrix too when diffing, to look at a cell whole.
const saveTo = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
const jobs = Number(process.env.MATRIX_JOBS ?? 2);

/** The bundled mocks' variants and faults, read from their entry modules in dist/: where the gateway registry says
 * (dist/src/gateways/), or, on a tree that predates it, dist/mocks/<gateway>/. */
async function mockCells() {
  const built = await import(pathToFileURL(join(root, 'dist/src/gateways/index.js')).href).catch(
    () => undefined,
  );
  const registry = built?.gatewayNames ? built : undefined;
  const names = registry ? registry.gatewayNames() : ['lesspay', 'payloco'];
  const cells = [];
  for (const gateway of names) {
    const entry = registry
      ? `${registry.codeFolder(registry.gatewayModel(gateway).locations.mock)}index.js`
      : join(root, `dist/mocks/${gateway}/index.js`);
    if (!existsSync(entry)) throw new Error(`no built mock for ${gateway} (${entry}): run npm run build`);
    const m = await import(pathToFileURL(entry).href);
    for (const variant of m.variants) cells.push({ gateway, variant });
    for (const fault of Object.keys(m.faults).sort()) cells.push({ gateway, fault });
  }
  return cells;
}

function runCell(cell) {
  const dir = mkdtempSync(join(tmpdir(), 'paycert-matrix-'));
  const argv = [
    bin,
    'run',
    cell.gateway,
    '--seed',
    '1',
    '--run-id',
    'matrix',
    '--report-dir',
    dir,
    '--quiet',
  ];
  if (cell.variant) argv.push('--mock-variant', cell.variant);
  if (cell.fault) argv.push('--mock-fault', cell.fault);
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { timeout: 300_000, maxBuffer: 64 << 20 }, (err) => {
      let row;
      try {
        const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
        row = {
          exit: err ? (err.code ?? 'killed') : 0,
          verdict: r.verdict,
          gateways: Object.fromEntries(r.gateways.map((g) => [g.gateway, g.verdict])),
          checks: Object.fromEntries(
            r.checks
              .map((c) => [c.id, `${c.level} ${c.reading ?? ''} ${c.status}`])
              .sort(([a], [b]) => (a < b ? -1 : 1)),
          ),
        };
      } catch (e) {
        row = { exit: err ? (err.code ?? 'killed') : 0, error: `no results.json: ${e.message}` };
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(row);
    });
  });
}

function cellName(c) {
  return `${c.gateway} ${c.variant ? `variant ${c.variant}` : `fault ${c.fault}`}`;
}

async function main() {
  const cells = await mockCells();
  const out = {};
  let next = 0;
  async function worker() {
    while (next < cells.length) {
      const cell = cells[next++];
      out[cellName(cell)] = await runCell(cell);
      process.stderr.write(`${Object.keys(out).length}/${cells.length} ${cellName(cell)}\n`);
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  const matrix = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (saveTo) writeFileSync(saveTo, `${JSON.stringify(matrix, null, 1)}\n`);
  if (!diffWith) {
    process.stdout.write(`${JSON.stringify(matrix, null, 1)}\n`);
    return;
  }
  const before = JSON.parse(readFileSync(diffWith, 'utf8'));
  const lines = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(matrix)])) {
    const a = before[name];
    const b = matrix[name];
    if (!a || !b) {
      lines.push(`${name}: only ${a ? 'before' : 'after'}`);
      continue;
    }
    for (const key of ['exit', 'verdict', 'error']) {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
        lines.push(`${name}: ${key} ${a[key]} -> ${b[key]}`);
    }
    for (const id of new Set([...Object.keys(a.checks ?? {}), ...Object.keys(b.checks ?? {})])) {
      if (a.checks?.[id] !== b.checks?.[id])
        lines.push(`${name}: ${id} ${a.checks?.[id]} -> ${b.checks?.[id]}`);
    }
  }
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no difference\n');
  console.error(`${Object.keys(matrix).length} cells, ${lines.length} differences`);
  process.exitCode = lines.length ? 1 : 0;
}

await main();

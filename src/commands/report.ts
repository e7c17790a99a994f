import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeGithub } from '../ci/github.js';
import { loadBundlePublicKey } from '../cli/bundle-setup.js';
import { summaryLines } from '../cli/console.js';
import { UsageError } from '../core/errors.js';
import { validate } from '../core/schema-registry.js';
import { exitCodeOf } from '../core/verdict.js';
import { compareWithBaseline, type FailOn } from '../report/baseline.js';
import { verifyBundle } from '../report/bundle.js';
import { renderHtml } from '../report/html.js';
import { renderJunit } from '../report/junit.js';
import { mergeResults } from '../report/merge.js';
import { readResults } from './run.js';

export interface ReportFlags {
  output: string;
  baseline?: string;
  failOn?: FailOn;
}

/** `paycert report`: re-renders any past run; several files (shards) are merged into one verdict. */
export async function reportCommand(files: string[], flags: ReportFlags): Promise<number> {
  const parts = files.map((f) => {
    const r = readResults(f);
    const { valid, problems } = validate('paycert/results.schema.json', r);
    if (!valid) throw new UsageError(`${f} is not a paycert results file: ${problems[0].message}`);
    return r;
  });
  let results = parts[0];
  if (parts.length > 1) {
    try {
      results = mergeResults(parts);
    } catch (err) {
      throw new UsageError(`cannot merge these results: ${(err as Error).message}`);
    }
  }
  const baseline = flags.baseline ? readResults(flags.baseline) : undefined;
  if (flags.failOn === 'new' && !baseline)
    throw new UsageError(
      '--fail-on new compares with a baseline: give --baseline results.json of an earlier run',
    );
  // The merged run against the baseline: shards' own gates are replaced by the one of the whole run.
  if (baseline) results = { ...results, gate: compareWithBaseline(results, baseline, flags.failOn ?? 'any') };
  else if (results.gate) results = { ...results, gate: undefined };
  // `-o reports/merged` (a folder, existing or not: no .html ending) means reports/merged/index.html.
  const isDir =
    /[\\/]$/.test(flags.output) ||
    !/\.html?$/i.test(flags.output) ||
    (existsSync(flags.output) && statSync(flags.output).isDirectory());
  const output = isDir ? join(flags.output, 'index.html') : flags.output;
  const dir = dirname(output);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(output, renderHtml(results, baseline ? { baseline } : {}));
    writeFileSync(join(dir, 'junit.xml'), renderJunit(results));
    if (parts.length > 1) writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  } catch (err) {
    throw new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code}`);
  }
  process.stdout.write(`${summaryLines(results, output).join('\n')}\n`);
  writeGithub(results, process.env, process.stdout, dir);
  for (const g of results.gateways) if (g.error) process.stderr.write(`paycert: ${g.error}\n`);
  const code = exitCodeOf(results.verdict, results.allowIncomplete === true);
  if (code === 1 && results.gate?.failOn === 'new') return results.gate.passed ? 0 : 1;
  return code;
}

export async function verifyBundleCommand(
  file: string,
  flags: { publicKey?: string; allowUnsigned?: boolean } = {},
): Promise<number> {
  const source = flags.publicKey ? '--public-key' : 'PAYCERT_BUNDLE_PUBLIC_KEY';
  const pinned = flags.publicKey ?? process.env.PAYCERT_BUNDLE_PUBLIC_KEY?.trim();
  const publicKey = pinned ? loadBundlePublicKey(pinned, source) : undefined;
  const out = await verifyBundle(file, { publicKey, allowUnsigned: flags.allowUnsigned === true });
  if (out.ok) {
    const signed = out.signedBy
      ? `; manifest signed by ${out.signedBy}${publicKey ? ` (${source})` : ' (the key in the manifest: pin it with --public-key)'}`
      : '; manifest not signed (accepted by --allow-unsigned)';
    process.stdout.write(
      `bundle ${file} verified: ${out.manifest?.files.length ?? 0} files match their SHA-256${signed}\n`,
    );
    return 0;
  }
  process.stderr.write(`paycert: bundle ${file} does not verify: ${out.problems.join('; ')}\n`);
  return 1;
}

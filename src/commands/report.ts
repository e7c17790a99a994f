import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeGithub } from '../ci/github.js';
import { UsageError } from '../core/errors.js';
import { validate } from '../core/schema-registry.js';
import { exitCodeOf, recompute } from '../core/verdict.js';
import { loadBundlePublicKey } from '../output/bundle-setup.js';
import { summaryLines } from '../output/console.js';
import { prepareReportDir } from '../output/outputs.js';
import { loadTrustedKeys } from '../output/trusted-keys.js';
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
  // A single file is re-judged by the same rule too: one shard alone, or a run whose scope is not recorded, renders
  // as a partial result, never as certified.
  let results =
    parts[0]!.command === 'run' || parts[0]!.command === 'merged' ? recompute(parts[0]!) : parts[0]!;
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
  prepareReportDir(dir);
  try {
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

/**
 * `paycert verify-bundle`: exit 0 only when every file matches the manifest and the manifest is signed by a pinned
 * key (--public-key, PAYCERT_BUNDLE_PUBLIC_KEY, or one of --trusted-keys), or is unsigned and --allow-unsigned was
 * given; exit 1 when the bundle does not verify (a self-signed bundle with no pinned key included: it proves nothing);
 * exit 2 for bad input (an unreadable key or trust file).
 */
export async function verifyBundleCommand(
  file: string,
  flags: { publicKey?: string; trustedKeys?: string; allowUnsigned?: boolean } = {},
): Promise<number> {
  const source = flags.publicKey ? '--public-key' : 'PAYCERT_BUNDLE_PUBLIC_KEY';
  const pinned = flags.publicKey ?? process.env.PAYCERT_BUNDLE_PUBLIC_KEY?.trim();
  const publicKey = pinned ? loadBundlePublicKey(pinned, source) : undefined;
  const trusted = flags.trustedKeys ? loadTrustedKeys(flags.trustedKeys) : undefined;
  const out = await verifyBundle(file, {
    publicKey,
    ...(trusted ? { trusted } : {}),
    allowUnsigned: flags.allowUnsigned === true,
  });
  if (out.ok) {
    const by = out.signerName
      ? `${out.signerName} (${out.signedBy}, --trusted-keys)`
      : `${out.signedBy} (${source})`;
    const signed = out.signedBy
      ? `; manifest signed by ${by}`
      : '; manifest not signed (accepted by --allow-unsigned)';
    process.stdout.write(
      `bundle ${file} verified: ${out.manifest?.files.length ?? 0} files match their SHA-256${signed}\n`,
    );
    if (out.manifest?.statement) process.stdout.write(`${out.manifest.statement}\n`);
    return 0;
  }
  process.stderr.write(`paycert: bundle ${file} does not verify: ${out.problems.join('; ')}\n`);
  return 1;
}

// A certification bundle: results.json (the record), junit.xml, index.html and a manifest with their sha256, as one
// .tar.gz that verifyBundle can check offline. The manifest detects accidental or naive tampering; it is not a
// signature (whoever edits a file can rewrite the manifest too).
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, extract, list } from 'tar';
import { validate } from '../schema-registry.js';
import { RESULTS_SCHEMA_ID } from './types.js';

export const BUNDLE_FORMAT = 'paycert-bundle/1';
export const BUNDLE_FILES = ['results.json', 'junit.xml', 'index.html'] as const;

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  tool: { name: string; version: string };
  createdAt: string;
  files: ManifestFile[];
}

export interface BundleVerification {
  ok: boolean;
  problems: string[];
  manifest: Manifest | undefined;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * Writes `outFile` (.tar.gz) from `dir`, which must hold results.json, junit.xml and index.html. The results must
 * be valid against the results schema: an invalid record is not bundled.
 */
export async function writeBundle(dir: string, outFile: string): Promise<void> {
  const contents = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const name of BUNDLE_FILES) {
    try {
      contents.set(name, await readFile(join(dir, name)));
    } catch {
      missing.push(name);
    }
  }
  if (missing.length) throw new Error(`cannot bundle ${dir}: missing ${missing.join(', ')}`);
  const results = JSON.parse(contents.get('results.json')!.toString('utf8'));
  const { valid, problems } = validate(RESULTS_SCHEMA_ID, results);
  if (!valid)
    throw new Error(
      `cannot bundle ${dir}: results.json is invalid: ${problems.map((p) => p.message).join('; ')}`,
    );
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    tool: { name: results.tool.name, version: results.tool.version },
    createdAt: new Date().toISOString(),
    files: BUNDLE_FILES.map((name) => ({
      name,
      sha256: sha256(contents.get(name)!),
      bytes: contents.get(name)!.length,
    })),
  };
  // Staged in a temporary directory so the report directory is left as it was.
  const stage = await mkdtemp(join(tmpdir(), 'paycert-bundle-'));
  try {
    for (const [name, buf] of contents) await writeFile(join(stage, name), buf);
    await writeFile(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await create({ gzip: true, file: outFile, cwd: stage, portable: true }, [
      'manifest.json',
      ...BUNDLE_FILES,
    ]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Checks a bundle: only plain top-level files, each listed once in manifest.json with a matching sha256 and size,
 * nothing unlisted, the three report files present, and results.json valid against the results schema.
 */
export async function verifyBundle(file: string): Promise<BundleVerification> {
  const problems: string[] = [];
  let manifest: Manifest | undefined;
  const tmp = await mkdtemp(join(tmpdir(), 'paycert-verify-'));
  try {
    const entries: { path: string; type: string }[] = [];
    try {
      await list({
        file,
        strict: true,
        onReadEntry: (entry) => entries.push({ path: entry.path, type: entry.type }),
      });
    } catch (err) {
      return { ok: false, problems: [`not a readable tar.gz: ${(err as Error).message}`], manifest };
    }
    if (entries.length === 0) return { ok: false, problems: ['the archive is empty'], manifest };
    const seen = new Set<string>();
    const safe = new Set<string>();
    for (const { path, type } of entries) {
      const name = path.replace(/^\.\//, '');
      if (type !== 'File') problems.push(`${name}: unexpected entry of type ${type}`);
      else if (name.includes('/') || name === '..' || name === '.')
        problems.push(`${name}: not a top-level file`);
      else if (seen.has(name)) problems.push(`${name}: appears more than once`);
      else safe.add(name);
      seen.add(name);
    }
    await extract({
      file,
      cwd: tmp,
      strict: true,
      filter: (path, entry) =>
        safe.has(path.replace(/^\.\//, '')) && (entry as { type?: string }).type === 'File',
    });
    const present = new Set(await readdir(tmp));

    if (!present.has('manifest.json')) {
      problems.push('manifest.json is missing');
    } else {
      try {
        manifest = JSON.parse(await readFile(join(tmp, 'manifest.json'), 'utf8')) as Manifest;
      } catch (err) {
        problems.push(`manifest.json is not JSON: ${(err as Error).message}`);
      }
    }
    if (manifest) {
      if (manifest.format !== BUNDLE_FORMAT)
        problems.push(`manifest format is ${manifest.format}, not ${BUNDLE_FORMAT}`);
      const listed = new Set<string>();
      for (const f of Array.isArray(manifest.files) ? manifest.files : []) {
        if (listed.has(f.name)) problems.push(`${f.name}: listed twice in the manifest`);
        listed.add(f.name);
        if (!present.has(f.name)) {
          problems.push(`${f.name}: listed in the manifest but missing`);
          continue;
        }
        const buf = await readFile(join(tmp, f.name));
        if (buf.length !== f.bytes) problems.push(`${f.name}: ${buf.length} bytes, manifest says ${f.bytes}`);
        if (sha256(buf) !== f.sha256) problems.push(`${f.name}: sha256 does not match the manifest`);
      }
      for (const name of present) {
        if (name !== 'manifest.json' && !listed.has(name))
          problems.push(`${name}: not listed in the manifest`);
      }
      for (const name of BUNDLE_FILES) if (!listed.has(name)) problems.push(`${name}: not in the bundle`);
    }
    if (present.has('results.json') && (await stat(join(tmp, 'results.json'))).isFile()) {
      try {
        const results = JSON.parse(await readFile(join(tmp, 'results.json'), 'utf8'));
        const v = validate(RESULTS_SCHEMA_ID, results);
        for (const p of v.problems) problems.push(`results.json: ${p.message}`);
      } catch (err) {
        problems.push(`results.json is not JSON: ${(err as Error).message}`);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { ok: problems.length === 0, problems, manifest };
}

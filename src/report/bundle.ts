// A certification bundle: results.json (the record), coverage.json, junit.xml, index.html and a manifest with their
// sha256, the run's verdict and its scope, as one .tar.gz that verifyBundle can check offline. The hashes alone only
// catch accidents: whoever edits a file can recompute them. The manifest is therefore signed with Ed25519
// (node:crypto), and a signature proves something only when its key is known to the verifier: the manifest carries
// the signer's public key, so a bundle signed with any fresh key would verify against itself. verifyBundle therefore
// passes a signed bundle only when its key is pinned (a public key, or one of a list of trusted keys).
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, extract, list } from 'tar';
import { RESULTS_SCHEMA_ID, type Results, type Scope, type Verdict } from '../core/results.js';
import { validate } from '../core/schema-registry.js';

/** Version 2 adds coverage.json and the verdict, statement and scope of the run to the (signed) manifest. */
export const BUNDLE_FORMAT = 'paycert-bundle/2';
export const BUNDLE_FILES = ['results.json', 'coverage.json', 'junit.xml', 'index.html'] as const;

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface ManifestSignature {
  algorithm: 'Ed25519';
  /** SPKI PEM of the signing key. */
  publicKey: string;
  /** Base64 Ed25519 signature over the manifest without its `signature` member (see signedBytes). */
  value: string;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  tool: { name: string; version: string };
  createdAt: string;
  /** The run's verdict, as in results.json. */
  verdict: Verdict;
  /** What the verdict covers, one line: "certified: …", or "not a certification: N of M MUST checks judged …". */
  statement: string;
  /** The run's scope record (results.json `scope`); null for a results file that has none. */
  scope: Scope | null;
  files: ManifestFile[];
  signature?: ManifestSignature;
}

/** A public key the verifier trusts, by its fingerprint (keyFingerprint), with the name it is known by. */
export interface TrustedKey {
  name: string;
  fingerprint: string;
}

export interface BundleVerification {
  ok: boolean;
  problems: string[];
  manifest: Manifest | undefined;
  /** SHA-256 fingerprint of the key that signed the manifest, when the signature verified. */
  signedBy?: string;
  /** The trusted key's name, when the signer was found among the trusted keys. */
  signerName?: string;
}

export interface VerifyBundleOptions {
  /** The public key the manifest must be signed with. */
  publicKey?: KeyObject;
  /** Keys any of which may have signed the manifest. Without publicKey or trusted keys a signed bundle fails: the
   * key in the manifest proves only that someone signed it. */
  trusted?: TrustedKey[];
  /** Accept a manifest without a signature (its hashes then prove nothing against deliberate edits). */
  allowUnsigned?: boolean;
}

/** The bytes signed: the manifest's members in a fixed order, without the signature. */
function signedBytes(m: Manifest): Buffer {
  const { format, tool, createdAt, verdict, statement, scope, files } = m;
  return Buffer.from(JSON.stringify({ format, tool, createdAt, verdict, statement, scope, files }), 'utf8');
}

/** The manifest's one line on what the bundle certifies: the verdict and each gateway's statement (every verdict but
 * `certified` says "not a certification"). */
export function bundleStatement(results: Pick<Results, 'verdict' | 'scope' | 'gateways'>): string {
  const scope =
    results.scope?.statement ||
    results.gateways.map((g) => `${g.gateway}: ${g.statement ?? 'scope not recorded'}`).join('; ');
  return `${results.verdict}: ${scope}`;
}

/** `SHA256:<base64>` of the key's DER SPKI, as ssh-keygen prints fingerprints. */
export function keyFingerprint(key: KeyObject): string {
  const der = (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

function checkSignature(
  manifest: Manifest,
  opts: VerifyBundleOptions,
  problems: string[],
): { fingerprint: string; name?: string } | undefined {
  const sig = manifest.signature;
  if (!sig) {
    if (!opts.allowUnsigned)
      problems.push(
        'the manifest is not signed, so an edited bundle with recomputed hashes would pass (sign with PAYCERT_BUNDLE_KEY, or accept with --allow-unsigned)',
      );
    return undefined;
  }
  let key: KeyObject;
  try {
    key = createPublicKey(sig.publicKey);
  } catch {
    problems.push('the manifest signature carries no usable public key');
    return undefined;
  }
  if (key.asymmetricKeyType !== 'ed25519' || sig.algorithm !== 'Ed25519') {
    problems.push(`the manifest is signed with ${sig.algorithm}, not Ed25519`);
    return undefined;
  }
  const fingerprint = keyFingerprint(key);
  if (opts.publicKey && keyFingerprint(opts.publicKey) !== fingerprint) {
    problems.push(
      `the manifest is signed by key ${fingerprint}, not by the given public key ${keyFingerprint(opts.publicKey)}`,
    );
    return undefined;
  }
  const trusted = opts.trusted?.find((t) => t.fingerprint === fingerprint);
  if (!opts.publicKey && opts.trusted && !trusted) {
    problems.push(`the manifest is signed by key ${fingerprint}, which is not among the trusted keys`);
    return undefined;
  }
  if (!opts.publicKey && !opts.trusted) {
    problems.push(
      `the manifest is signed by key ${fingerprint}, which is not pinned: a self-signed bundle proves nothing (pin the signer with --public-key FILE or --trusted-keys FILE)`,
    );
    return undefined;
  }
  let good = false;
  try {
    good = verify(null, signedBytes(manifest), key, Buffer.from(String(sig.value), 'base64'));
  } catch {}
  if (!good) {
    problems.push('the manifest signature does not verify: the manifest was changed after signing');
    return undefined;
  }
  return { fingerprint, ...(trusted ? { name: trusted.name } : {}) };
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * Writes `outFile` (.tar.gz) from `dir`, which must hold results.json, coverage.json, junit.xml and index.html. The
 * results must be valid against the results schema: an invalid record is not bundled. The manifest repeats the
 * verdict and the scope, so whoever reads only the manifest learns what was (and was not) certified.
 */
export async function writeBundle(dir: string, outFile: string, signingKey?: KeyObject): Promise<void> {
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
    verdict: results.verdict,
    statement: bundleStatement(results),
    scope: results.scope ?? null,
    files: BUNDLE_FILES.map((name) => ({
      name,
      sha256: sha256(contents.get(name)!),
      bytes: contents.get(name)!.length,
    })),
  };
  if (signingKey) {
    if (signingKey.asymmetricKeyType !== 'ed25519') throw new Error('the bundle signing key must be Ed25519');
    manifest.signature = {
      algorithm: 'Ed25519',
      publicKey: createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(),
      value: sign(null, signedBytes(manifest), signingKey).toString('base64'),
    };
  }
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
export async function verifyBundle(
  file: string,
  opts: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  const problems: string[] = [];
  let manifest: Manifest | undefined;
  let signer: { fingerprint: string; name?: string } | undefined;
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
      signer = checkSignature(manifest, opts, problems);
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
        // The manifest's verdict and scope are what a reader of the manifest trusts: they must be the record's.
        if (manifest && v.valid && manifest.verdict !== results.verdict)
          problems.push(`the manifest says ${manifest.verdict}, results.json says ${results.verdict}`);
        if (manifest && v.valid && JSON.stringify(manifest.scope) !== JSON.stringify(results.scope ?? null))
          problems.push('the manifest scope is not the scope in results.json');
      } catch (err) {
        problems.push(`results.json is not JSON: ${(err as Error).message}`);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return {
    ok: problems.length === 0,
    problems,
    manifest,
    ...(signer ? { signedBy: signer.fingerprint } : {}),
    ...(signer?.name ? { signerName: signer.name } : {}),
  };
}

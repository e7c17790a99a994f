import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { registerSecret } from '../core/redact.js';
import { pemOrFile } from '../gateways/credential-files.js';
import { refuseKernelPath } from './outputs.js';

// What `run --bundle` needs, checked before the run: a file it can write, and the signing key when one is set.

const WHY: Record<string, string> = {
  EEXIST: 'a part of its folder path is a file',
  ENOTDIR: 'a part of its folder path is a file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
};

export interface BundlePlan {
  file: string;
  key?: KeyObject;
}

/** Checks the bundle path can be written and loads PAYCERT_BUNDLE_KEY (PEM or a path; optional). */
export function prepareBundle(file: string, env: NodeJS.ProcessEnv): BundlePlan {
  const abs = resolve(file);
  refuseKernelPath(abs, `the bundle ${file}`);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, '');
    unlinkSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write the bundle to ${file}: ${WHY[code] ?? code}`);
  }
  const value = env.PAYCERT_BUNDLE_KEY?.trim();
  if (!value) return { file: abs };
  const pem = pemOrFile(value, 'PAYCERT_BUNDLE_KEY', 'bundle signing key');
  registerSecret(pem);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new UsageError('PAYCERT_BUNDLE_KEY is not a PEM private key (openssl genpkey -algorithm ed25519)');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new UsageError(
      `PAYCERT_BUNDLE_KEY is an ${key.asymmetricKeyType} key; bundles are signed with Ed25519 (openssl genpkey -algorithm ed25519)`,
    );
  return { file: abs, key };
}

/** The public key verify-bundle pins (--public-key or PAYCERT_BUNDLE_PUBLIC_KEY): PEM or a path; a private key is
 * accepted too (its public half is used). */
export function loadBundlePublicKey(value: string, source: string): KeyObject {
  const pem = pemOrFile(value, source, 'public key');
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new UsageError(`${source} is not an Ed25519 public key in PEM`);
  }
}

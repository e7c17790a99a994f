import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { keyFingerprint, type TrustedKey } from '../report/bundle.js';

// The signers verify-bundle accepts besides one pinned --public-key: a trust file, as ssh's known_hosts is for hosts.

/**
 * `--trusted-keys FILE`: one accepted signer per line, `<name> <key>`, where the key is the signer's Ed25519 public
 * key as one line of base64 DER (`openssl pkey -pubin -in key.pub -outform DER | base64 -w0`) or its fingerprint as
 * verify-bundle prints it (`SHA256:…`). Blank lines and lines starting with # are ignored.
 */
export function loadTrustedKeys(file: string): TrustedKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --trusted-keys file ${file}: ${(err as NodeJS.ErrnoException).code}`);
  }
  const keys: TrustedKey[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const where = `--trusted-keys ${file} line ${i + 1}`;
    const m = /^(\S+)\s+(\S+)$/.exec(line);
    if (!m)
      throw new UsageError(
        `${where}: expected "<name> <key>" (the key as one line of base64 DER, or SHA256:…)`,
      );
    const [, name, value] = m as unknown as [string, string, string];
    if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(value)) {
      keys.push({ name, fingerprint: value });
      continue;
    }
    let key: KeyObject;
    try {
      key = createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    } catch {
      throw new UsageError(`${where}: ${name}'s key is neither base64 DER of a public key nor SHA256:…`);
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new UsageError(`${where}: ${name}'s key is ${key.asymmetricKeyType}, not Ed25519`);
    keys.push({ name, fingerprint: keyFingerprint(key) });
  }
  if (keys.length === 0) throw new UsageError(`--trusted-keys file ${file} names no key`);
  return keys;
}

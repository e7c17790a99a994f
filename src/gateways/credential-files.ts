import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

// How any gateway's credentials are read from flags, files and the environment. No message here ever echoes a value:
// an environment variable meant to hold a path may hold a key or a secret (CI often passes `KEY="$(cat key.pem)"`),
// so errors name where the value came from, never the value itself.

export function readFile(path: string, source: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the ${what} file named by ${source}: ${code === 'ENOENT' ? 'no such file' : code}`,
    );
  }
  if (text.trim() === '') throw new UsageError(`the ${what} file named by ${source} is empty`);
  return text;
}

/** A long run of base64 and nothing else: a key's body without its PEM lines, not a path. */
const BARE_BASE64 = /^[A-Za-z0-9+/]{64,}={0,2}$/;

/** A key variable or flag holds either a path to a PEM file or the PEM text itself. */
export function pemOrFile(value: string, source: string, what: string): string {
  if (/-----BEGIN [A-Z ]+-----/.test(value)) {
    const pem = value.replace(/\\n/g, '\n');
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem)) throw encrypted(source);
    return pem;
  }
  if (BARE_BASE64.test(value.replace(/\s+/g, '')) && !existsSync(value))
    throw new UsageError(
      `${source} holds a base64 key without its PEM lines, not a file path: give the path of the PEM file, or the PEM itself with its -----BEGIN …----- and -----END …----- lines`,
    );
  const text = readFile(value, source, what);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) throw encrypted(source);
  return text;
}

function encrypted(source: string): UsageError {
  return new UsageError(
    `${source} is an encrypted private key (a passphrase protects it): paycert needs it unencrypted; decrypt a copy with \`openssl pkcs8 -in key.pem -out plain.pem\` and keep that copy secret`,
  );
}

/** A required credential, trimmed; missing or blank is a usage error naming `what`. */
export function need(value: string | undefined, what: string): string {
  if (!value || value.trim() === '') throw new UsageError(`missing credential: ${what}`);
  return value.trim();
}

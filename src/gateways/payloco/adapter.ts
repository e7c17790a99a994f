import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { shellQuote } from '../../core/shell.js';
import { loadPrivateKey, paylocoSign } from '../../signing/payloco.js';
import type { AuthMode, Credentials, GatewayAdapter, PaylocoCredentials } from '../types.js';

const keys = new Map<string, KeyObject>();
let foreign: KeyObject | undefined;

function merchantKey(pem: string): KeyObject {
  let key = keys.get(pem);
  if (!key) {
    key = loadPrivateKey(pem);
    keys.set(pem, key);
  }
  return key;
}

// A key the target cannot know: generated once per process, never written anywhere. Generation (~150 ms) runs on
// the thread pool from the adapter's first use (a run registers its credentials' secrets before anything else), so a
// run does not wait for it, and a command that never signs a Payloco request (the registry lists every gateway) never
// starts it.
let foreignReady: Promise<void> | undefined;
function startForeign(): Promise<void> {
  foreignReady ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey }) => {
    foreign = privateKey;
  });
  return foreignReady;
}

function foreignKey(): KeyObject {
  if (!foreign) throw new Error('the foreign test key is not ready: await adapter.prepare() first');
  return foreign;
}

export const payloco: GatewayAdapter = {
  name: 'payloco',
  secretHeaders: ['signature', 'x-signature'],
  prepare: () => startForeign(),
  secrets: (c: Credentials) => {
    startForeign();
    const p = c as PaylocoCredentials;
    return [p.privateKeyPem, p.webhookSecret ?? ''].filter((s) => s !== '');
  },
  replaySignature(raw) {
    return {
      header: 'signature',
      shell: `printf '%s' ${shellQuote(raw)} | openssl dgst -sha256 -sign "$PAYLOCO_PRIVATE_KEY" | base64 -w0`,
    };
  },
  authHeaders(c: Credentials, raw, _body, mode: AuthMode): Record<string, string> {
    startForeign();
    const key = merchantKey((c as PaylocoCredentials).privateKeyPem);
    switch (mode) {
      case 'none':
      case 'no-signature':
      case 'no-id':
        return {};
      case 'bad-signature':
        // A genuine signature, but of other bytes: what a body tampered after signing looks like.
        return { signature: paylocoSign(`${raw} `, key) };
      case 'foreign-key':
        return { signature: paylocoSign(raw, foreignKey()) };
      default:
        return { signature: paylocoSign(raw, key) };
    }
  },
};

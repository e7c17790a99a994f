import { fork } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { trackProcess } from '../core/children.js';
import { codeDir, codeExt, compiled } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import type { Results } from '../core/results.js';
import type { VerifyContractsOptions } from './verify.js';

// Runs verifyContracts in a child process (verify-child) with its stdout in `logFile`: the Pact verifier's own
// report goes there, redacted and without colours, never to the console.

// Colour and cursor escapes (CSI sequences) of the verifier's report.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

export async function verifyInChild(
  opts: VerifyContractsOptions,
  secrets: string[],
  logFile: string,
): Promise<Results> {
  const child = `${codeDir('src/pact')}verify-child${codeExt}`;
  // A TypeScript source needs tsx in the child too (the tests run the sources under tsx).
  const execArgv = compiled ? [] : ['--import', pathToFileURL(createRequire(child).resolve('tsx/esm')).href];
  const out = openSync(logFile, 'w');
  try {
    const proc = fork(child, [], {
      execArgv,
      stdio: ['ignore', out, out, 'ipc'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    // Interrupted, paycert ends the verifier too (core/children).
    trackProcess('pact verifier', proc);
    const reply = await new Promise<{ results?: Results; error?: string }>((resolve) => {
      let answered = false;
      proc.once('message', (m) => {
        answered = true;
        resolve(m as { results?: Results; error?: string });
      });
      proc.once('exit', (code) => {
        if (!answered) resolve({ error: `the verifier process ended (exit ${code}) without a result` });
      });
      proc.send({ opts, secrets });
    });
    if (!reply.results) throw new Error(reply.error ?? 'the verifier process gave no result');
    return reply.results;
  } finally {
    closeSync(out);
    writeFileSync(logFile, redactText(readFileSync(logFile, 'utf8').replace(ANSI, '')));
  }
}

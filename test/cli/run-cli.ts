import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from '../kits/build.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

// The compiled bin when dist/ is current: a third of the start-up cost of the sources under tsx, and the command a
// user runs. Otherwise the sources under tsx, so a test never runs a stale build.
/** node arguments that start `paycert`: `spawn(process.execPath, [...cliArgs, ...args])`. */
export const cliArgs = buildIsCurrent()
  ? [join(repo, 'bin/paycert.js')]
  : ['--import', 'tsx', join(repo, 'src/main.ts')];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the real `paycert` command line with `env` over this process's environment, less any gateway credential
 * of the developer's shell (a test names every credential it means). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(LESSPAY|PAYLOCO)_/.test(k)),
  ) as NodeJS.ProcessEnv;
  return spawn(process.execPath, [...cliArgs, ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the real `paycert` command line, as a user would, with a bounded wall time. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`paycert ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

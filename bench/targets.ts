// The servers the load comparison aims at, each in a process of its own: a bundled mock as an integrator runs it
// (`paycert serve`, compiled) and Prism's mock served from our OpenAPI document of the same gateway.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/paycert.js', import.meta.url));
const prismBin = fileURLToPath(
  new URL('../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url),
);
const openapi = (gateway: string) =>
  fileURLToPath(new URL(`../schemas/openapi/${gateway}.openapi.json`, import.meta.url));

export interface Target {
  url: string;
  /** What `paycert serve` printed as `export NAME='value'` lines (empty for Prism). */
  env: Record<string, string>;
  child: ChildProcess;
  /** CPU milliseconds (user + system) the process has used so far, from /proc: less noisy than req/s. */
  cpuMs(): number;
}

/** Waits until the child's stdout shows `ready`, then returns what it printed. */
function started(child: ChildProcess, ready: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${what} did not start in 60 s: ${text.slice(-500)}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited ${code} before it listened: ${text.slice(-500)}`));
    });
    child.stdout!.on('data', (d) => {
      text += d;
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

function cpuOf(child: ChildProcess): () => number {
  return () => {
    try {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return Number.NaN;
    }
  };
}

export async function serveMock(gateway: 'lesspay' | 'payloco'): Promise<Target> {
  const child = spawn(process.execPath, [bin, 'serve', gateway, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const text = await started(child, /Stop with/, `paycert serve ${gateway}`);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
  const env = Object.fromEntries([...text.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
  return { url, env, child, cpuMs: cpuOf(child) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
async function accepting(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode} before it listened`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const done = (accepted: boolean) => {
        socket.destroy();
        resolve(accepted);
      };
      socket.once('connect', () => done(true)).once('error', () => done(false));
      socket.setTimeout(1_000, () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen in 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Prism's mock of the gateway's OpenAPI document: static examples, request validation on (its default). Logging is
 * turned down to warnings: Prism's default logs every request, which would slow it and flatter the mocks.
 */
export async function servePrism(gateway: 'lesspay' | 'payloco'): Promise<Target> {
  // Prism's bin script (its package.json's bin.prism) by path: the package offers no entry point to it.
  const main = prismBin;
  const port = await freePort();
  const args = [main, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn', openapi(gateway)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  await accepting(port, child, `Prism (${gateway})`);
  return { url: `http://127.0.0.1:${port}`, env: {}, child, cpuMs: cpuOf(child) };
}

export async function stop(target: Target | undefined): Promise<void> {
  if (!target || target.child.exitCode !== null) return;
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (target.child.exitCode === null) target.child.kill('SIGKILL');
}

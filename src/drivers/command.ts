import { spawn } from 'node:child_process';
import { trackProcess } from '../core/children.js';
import type { Completion, DriverIO, PaymentDriver, PaymentOrder, PaymentOutcome } from '../engine/drivers.js';

// `--driver command:CMD`: the team's own script finishes the payment. It gets the page URL, the outcome and the
// order's ids in its environment; exit 0 means done, any other exit means it could not (its last line says why).

const OUTPUT_CAP = 4096;
// A tester's command starts a process of its own (a script, a browser): a short --webhook-wait is not a budget for
// that, so a command gets at least this long, whatever the target.
const COMMAND_MIN_WAIT_MS = 10_000;

export function commandEnv(order: PaymentOrder, outcome: PaymentOutcome): Record<string, string> {
  const env: Record<string, string> = {
    PAYCERT_GATEWAY: order.gateway,
    PAYCERT_URL: order.url,
    PAYCERT_URL_FIELD: order.field,
    PAYCERT_OUTCOME: outcome,
    PAYCERT_AMOUNT: order.amount,
    PAYCERT_CURRENCY: order.currency,
  };
  for (const [k, v] of Object.entries(order.ids))
    env[`PAYCERT_${k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`] = v;
  return env;
}

const lastLine = (s: string) => s.trim().split('\n').pop()?.trim() ?? '';

/**
 * Runs a tester's command in its own process group with `env` added, for at most `waitMs`: exit 0 is done, any other
 * exit (or no exit in time) is why not, with the command's last output line.
 */
export function runCommand(
  command: string,
  env: Record<string, string>,
  waitMs: number,
): Promise<Completion> {
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so a command that hangs is ended with everything it started.
    const child = spawn(command, {
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    // A signal to paycert ends the command's whole group too (see core/children).
    trackProcess(`driver command ${command}`, child, true);
    let out = '';
    const keep = (chunk: Buffer) => {
      if (out.length < OUTPUT_CAP) out += chunk.toString('utf8').slice(0, OUTPUT_CAP - out.length);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, waitMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ done: false, reason: `the command could not start: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const said = lastLine(out);
      if (timedOut) resolve({ done: false, reason: `the command did not finish within ${waitMs} ms` });
      else if (code === 0)
        resolve({ done: true, how: `the command exited 0 after ${ms} ms${said ? `: ${said}` : ''}` });
      else
        resolve({
          done: false,
          reason: `the command exited ${code ?? signal} after ${ms} ms${said ? `: ${said}` : ''}`,
        });
    });
  });
}

export class CommandDriver implements PaymentDriver {
  readonly name: string;

  constructor(private readonly command: string) {
    this.name = `command:${command}`;
  }

  complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    return runCommand(this.command, commandEnv(order, outcome), Math.max(io.waitMs, COMMAND_MIN_WAIT_MS));
  }
}

import { createInterface, type Interface } from 'node:readline';
import { UsageError } from '../core/errors.js';
import type { Completion, PayoutDriver, PayoutIO, PayoutOrder } from '../engine/drivers.js';
import { runCommand } from './command.js';

// `--payout-driver manual|command:CMD`: how a payout that waits for a person's review (a sandbox whose operations
// team approves payouts in the merchant dashboard) gets approved, as `--driver` finishes a payment. Without one, a
// payout that stays PENDING_CONFIRM leaves the payout webhook checks unjudged, unless the target declares the
// "payout-manual-review" capability (they are then not applicable).

export const PAYOUT_DRIVER_USAGE = 'manual or command:CMD';

const POLL_MS = 1000;
const describe = (order: PayoutOrder) =>
  Object.entries(order.ids)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** A person approves the payout in the dashboard and presses Enter; the payout leaving review also ends the wait. */
export class ManualPayoutDriver implements PayoutDriver {
  readonly name = 'manual';
  private lines?: Interface;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {}

  private listen(): void {
    if (this.lines) return;
    this.lines = createInterface({ input: this.input, terminal: false });
    this.lines.on('line', () => this.waiting.shift()?.());
  }

  async approve(order: PayoutOrder, io: PayoutIO): Promise<Completion> {
    this.listen();
    const ids = describe(order);
    io.say(
      `paycert: action needed: approve this ${order.gateway} payout in the merchant dashboard (${ids}, ${order.amount} ${order.currency})`,
    );
    io.say('paycert: then press Enter here');
    let told = false;
    let wake = () => {};
    const said = () => {
      told = true;
      wake();
    };
    this.waiting.push(said);
    const started = Date.now();
    try {
      for (;;) {
        const reviewed = told || (order.reviewed ? await order.reviewed() : false);
        const s = Math.round((Date.now() - started) / 100) / 10;
        if (reviewed) {
          io.say(`paycert: payout ${ids}: approved after ${s} s, thank you`);
          const how = told ? 'the person said it was approved' : 'the payout left its review';
          return { done: true, how: `a person was asked to approve payout ${ids}; ${how} after ${s} s` };
        }
        const left = started + io.waitMs - Date.now();
        if (left <= 0) break;
        io.say(`paycert: waiting for you to approve payout ${ids}: ${Math.ceil(left / 1000)} s left`, {
          transient: true,
        });
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, Math.min(POLL_MS, left));
        });
      }
    } finally {
      const i = this.waiting.indexOf(said);
      if (i >= 0) this.waiting.splice(i, 1);
    }
    return { done: false, reason: `nobody approved payout ${ids} within ${io.waitMs} ms (--webhook-wait)` };
  }

  async close(): Promise<void> {
    this.lines?.close();
    this.lines = undefined;
    if (this.input === process.stdin) process.stdin.pause();
  }
}

/** The environment of a payout command: what the payout is and where the sandbox is. */
export function payoutEnv(order: PayoutOrder): Record<string, string> {
  const env: Record<string, string> = {
    PAYCERT_GATEWAY: order.gateway,
    PAYCERT_ACTION: 'approve-payout',
    PAYCERT_BASE_URL: order.baseUrl,
    PAYCERT_AMOUNT: order.amount,
    PAYCERT_CURRENCY: order.currency,
  };
  for (const [k, v] of Object.entries(order.ids))
    env[`PAYCERT_${k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`] = v;
  return env;
}

/** The team's script approves the payout through the sandbox's admin API; exit 0 means approved. */
export class CommandPayoutDriver implements PayoutDriver {
  readonly name: string;

  constructor(private readonly command: string) {
    this.name = `command:${command}`;
  }

  approve(order: PayoutOrder, io: PayoutIO): Promise<Completion> {
    return runCommand(this.command, payoutEnv(order), io.waitMs);
  }
}

/**
 * The run's payout driver, or undefined without --payout-driver. `manual` needs a person at a terminal: with stdin
 * not a terminal (CI) it is refused at once, rather than waiting for an Enter that cannot come.
 */
export function openPayoutDriver(
  spec: string | undefined,
  stdinIsTTY = process.stdin.isTTY === true,
): PayoutDriver | undefined {
  if (spec === undefined) return undefined;
  if (spec === 'manual') {
    if (!stdinIsTTY)
      throw new UsageError(
        '--payout-driver manual waits for Enter on a terminal, but stdin is not one: use --payout-driver command:CMD, or declare the "payout-manual-review" capability',
      );
    return new ManualPayoutDriver();
  }
  if (spec.startsWith('command:')) {
    const command = spec.slice('command:'.length);
    if (command.trim() === '')
      throw new UsageError('--payout-driver command: needs a command after "command:"');
    return new CommandPayoutDriver(command);
  }
  throw new UsageError(`--payout-driver "${spec}" is not a payout driver: use ${PAYOUT_DRIVER_USAGE}`);
}

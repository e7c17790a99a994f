import { createInterface, type Interface } from 'node:readline';
import type { Completion, DriverIO, PaymentDriver, PaymentOrder, PaymentOutcome } from '../engine/drivers.js';

// `--driver manual`: a person finishes the payment. paycert prints the page (and, for a scan page, a QR code the
// person's test wallet can scan) and waits up to --webhook-wait with a countdown, as the OpenID suite's "waiting for
// the user" state does. The person says when they are done by pressing Enter (or typing the page URL, when several
// pages wait); paycert also stops waiting once the target's public API shows the order final. The API alone is not
// enough: a target whose query never shows the payment would make the person's work invisible.

const POLL_MS = 1000;
const ACT: Record<PaymentOutcome, string> = {
  success: 'pay it',
  failure: 'make it fail',
  cancel: 'cancel it',
};

async function qrFor(url: string): Promise<string> {
  // Loaded only when a person is asked to scan; the package is CommonJS.
  const mod = (await import('qrcode-terminal')) as unknown as { default?: typeof import('qrcode-terminal') };
  const qr = mod.default ?? (mod as unknown as typeof import('qrcode-terminal'));
  return new Promise((resolve) => qr.generate(url, { small: true }, resolve));
}

interface Waiting {
  url: string;
  done: () => void;
}

export class ManualDriver implements PaymentDriver {
  readonly name = 'manual';
  private lines?: Interface;
  private readonly waiting: Waiting[] = [];

  constructor(private readonly input: NodeJS.ReadableStream = process.stdin) {}

  /** A line from the person: a page URL finishes that page, an empty line the page waiting longest. */
  private listen(): void {
    if (this.lines) return;
    this.lines = createInterface({ input: this.input, terminal: false });
    this.lines.on('line', (line) => {
      const said = line.trim();
      const i = said === '' ? 0 : this.waiting.findIndex((w) => w.url === said);
      if (i >= 0 && this.waiting[i]) this.waiting.splice(i, 1)[0].done();
    });
  }

  async complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    this.listen();
    const ids = Object.entries(order.ids)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    io.say(`paycert: action needed: open this ${order.gateway} payment page and ${ACT[outcome]} (${ids}):`);
    io.say(`PAYCERT-OPEN ${outcome} ${order.url}`);
    if (order.field === 'qrCode') io.say(await qrFor(order.url));
    io.say('paycert: then press Enter here (or type the page URL when several pages wait)');
    let told = false;
    let wake = () => {};
    const entry: Waiting = {
      url: order.url,
      done: () => {
        told = true;
        wake();
      },
    };
    this.waiting.push(entry);
    const started = Date.now();
    const deadline = started + io.waitMs;
    try {
      for (;;) {
        const final = told || (order.settled ? await order.settled() : false);
        const s = Math.round((Date.now() - started) / 100) / 10;
        if (final) {
          io.say(`paycert: ${ids}: done after ${s} s, thank you`);
          const how = told ? 'the person said it was done' : 'the order was final';
          return {
            done: true,
            how: `a person was asked to ${ACT[outcome]} at ${order.url}; ${how} after ${s} s`,
          };
        }
        const left = deadline - Date.now();
        if (left <= 0) break;
        io.say(`paycert: waiting for you to ${ACT[outcome]} (${ids}): ${Math.ceil(left / 1000)} s left`, {
          transient: true,
        });
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, Math.min(POLL_MS, left));
        });
      }
    } finally {
      const i = this.waiting.indexOf(entry);
      if (i >= 0) this.waiting.splice(i, 1);
    }
    return {
      done: false,
      reason: `nobody finished the payment at ${order.url} within ${io.waitMs} ms (--webhook-wait)`,
    };
  }

  async close(): Promise<void> {
    this.lines?.close();
    this.lines = undefined;
    // Stop reading the terminal, so the process can exit.
    if (this.input === process.stdin) process.stdin.pause();
  }
}

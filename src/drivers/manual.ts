import type { Completion, DriverIO, PaymentDriver, PaymentOrder, PaymentOutcome } from './types.js';

// `--driver manual`: a person finishes the payment. paycert prints the page (and, for a scan page, a QR code the
// person's test wallet can scan) and waits up to --webhook-wait with a countdown, asking the target through its
// public API whether the order is final, as the OpenID suite's "waiting for the user" state does.

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

export class ManualDriver implements PaymentDriver {
  readonly name = 'manual';

  async complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    const ids = Object.entries(order.ids)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    io.say(`paycert: action needed: open this ${order.gateway} payment page and ${ACT[outcome]} (${ids}):`);
    io.say(`PAYCERT-OPEN ${outcome} ${order.url}`);
    if (order.field === 'qrCode') io.say(await qrFor(order.url));
    if (!order.settled) {
      return {
        done: true,
        how: `a person was asked to ${ACT[outcome]} at ${order.url} (the run cannot see when)`,
      };
    }
    const started = Date.now();
    const deadline = started + io.waitMs;
    for (;;) {
      if (await order.settled()) {
        const s = Math.round((Date.now() - started) / 100) / 10;
        io.say(`paycert: ${ids}: done after ${s} s, thank you`);
        return {
          done: true,
          how: `a person was asked to ${ACT[outcome]} at ${order.url}; the order was final after ${s} s`,
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      io.say(`paycert: waiting for you to ${ACT[outcome]} (${ids}): ${Math.ceil(left / 1000)} s left`, {
        transient: true,
      });
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
    }
    return {
      done: false,
      reason: `nobody finished the payment at ${order.url} within ${io.waitMs} ms (--webhook-wait)`,
    };
  }
}

import { randomBytes } from 'node:crypto';
import type { CheckDefinition } from '../core/check-definition.js';
import { CheckSkipped, SetupError } from '../core/outcome.js';
import type { Exchange, Gateway } from '../core/results.js';
import { type HttpResponse, send } from '../engine/http.js';
import type { PaylocoWebhookForm } from '../signing/payloco.js';

// What a handler check (`paycert webhook-test`) sees: the integrator's handler URL, the secret to sign with, and
// the optional order-status endpoint through which paycert observes what the handler processed.

export interface OrderState {
  /** False when the order-status endpoint does not know the order (HTTP 404). */
  found: boolean;
  status?: string;
  processed?: number;
  /**
   * The answer has the documented shape {"status", "processed"} (one of the two members at least, maybe null): a
   * usable answer about the order, even when it shows the order unapplied. False for any other JSON object.
   */
  documented?: boolean;
}

export interface HandlerKitOptions {
  gateway: Gateway;
  handlerUrl: string;
  secret: string;
  /** e.g. http://127.0.0.1:3000/orders/{request_id}; `{request_id}`, `{merchantOrderId}` and `{id}` are replaced. */
  orderStatusUrl?: string;
  timeoutMs: number;
  runTag: string;
  /**
   * A valid callback for a fresh order (the gateway's preflight delivery), sent as a barrier by `settledState`.
   * Without it `settledState` reads the order at once.
   */
  barrier?: Pick<HandlerPreflight, 'valid' | 'acknowledged'>;
  /** POSTed {id, amount, currency} before the first callback of each order (`--order-setup-url`). */
  orderSetupUrl?: string;
  /** Payloco: what x-signature covers (P10; `--webhook-signed`); default the body alone. */
  signedForm?: PaylocoWebhookForm;
  /** The order a callback body (parsed JSON object) is about, for the order setup; undefined when it names none. */
  orderOf?: (body: Record<string, unknown>) => OrderSetup | undefined;
}

/** What a handler that refuses callbacks for orders it never created needs to know of an order. */
export interface OrderSetup {
  id: string;
  amount: string;
  currency: string;
}

/** The order-status endpoint shows the order as processed (or, without a count, with a status). */
function shown(s: OrderState): boolean {
  return s.found && (s.processed === undefined ? s.status !== undefined : s.processed > 0);
}

let counter = 0;

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export class HandlerKit {
  readonly evidence: Exchange[] = [];
  readonly notes: string[] = [];

  private readonly setUp = new Set<string>();

  constructor(private readonly opts: HandlerKitOptions) {}

  get gateway(): Gateway {
    return this.opts.gateway;
  }

  get secret(): string {
    return this.opts.secret;
  }

  get signedForm(): PaylocoWebhookForm {
    return this.opts.signedForm ?? 'body';
  }

  /** A new order id for this run (Lesspay request_id allows 20 characters). */
  orderId(prefix = 'WH'): string {
    return `${prefix}${this.opts.runTag}${(counter++).toString(36).padStart(4, '0')}`.slice(0, 20);
  }

  /** A new event id. */
  eventId(): string {
    return `evt_${randomBytes(12).toString('hex')}`;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** POSTs a callback to the handler as the gateway would. */
  async deliver(body: string, headers: Record<string, string>): Promise<HttpResponse> {
    await this.setUpOrder(body);
    return this.exchange(
      'POST',
      this.opts.handlerUrl,
      { 'content-type': 'application/json', ...headers },
      body,
    );
  }

  /** A valid callback was refused with a 4xx: without --order-setup-url, the order may be unknown to the handler. */
  noteRefusedValid(res: { status: number }): void {
    if (res.status >= 400 && res.status < 500 && !this.opts.orderSetupUrl)
      this.note(
        `HTTP ${res.status}: if the handler refuses callbacks for orders it never created, give --order-setup-url`,
      );
  }

  /** Skips the check when no --order-status-url was given. */
  needOrderStatus(): void {
    if (!this.opts.orderStatusUrl) {
      throw new CheckSkipped('needs --order-status-url to observe what the handler processed');
    }
  }

  /** The handler's view of an order, from the order-status endpoint. */
  async orderState(id: string): Promise<OrderState> {
    this.needOrderStatus();
    const url = this.opts.orderStatusUrl!.replace(
      /\{(?:request_id|merchantOrderId|id)\}/g,
      encodeURIComponent(id),
    );
    const res = await this.exchange('GET', url, { accept: 'application/json' });
    if (res.status === 404) return { found: false };
    const body = res.json as Record<string, unknown> | undefined;
    if (res.status !== 200 || !body || typeof body !== 'object') {
      throw new SetupError(`the order-status endpoint answered HTTP ${res.status} ${res.text.slice(0, 80)}`);
    }
    const processed = body.processed ?? body.processedCount ?? body.processed_count;
    // The documented shape is {"status": …, "processed": n}: the status is whatever the handler calls it, and a
    // handler may show it as the gateway's code (Lesspay's order_status_int) rather than its name. The checks
    // only compare a status with itself, so a number is read as its text.
    const status = body.status;
    const documented = ['status', 'processed', 'processedCount', 'processed_count'].some((k) => k in body);
    return {
      found: true,
      documented,
      status: typeof status === 'string' ? status : typeof status === 'number' ? String(status) : undefined,
      processed: typeof processed === 'number' ? processed : undefined,
    };
  }

  /**
   * Reads the order until the handler shows it processed, or until the deadline (the request timeout); returns the
   * last state read. A handler may acknowledge a callback as soon as it has received it and apply it afterwards
   * (Lesspay §6.4: "Return the string SUCCESS to acknowledge receipt"; Payloco retries on a timeout, so a queue is
   * the usual design): an order that is not there yet right after the acknowledgement is not a fault.
   */
  async waitForOrder(id: string): Promise<OrderState> {
    const deadline = Date.now() + this.opts.timeoutMs;
    let pause = 10;
    for (;;) {
      const state = await this.orderState(id);
      if (shown(state) || Date.now() + pause > deadline) return state;
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 200);
    }
  }

  /**
   * The order's state once the handler has applied every callback sent before. Checks that expect nothing to
   * happen (a forged callback, a duplicate, an older event) cannot wait for a change, so they send a barrier: a
   * valid callback for a fresh order, and wait until that order shows. A handler that applies callbacks in the
   * order it received them, at once or from a queue, has then applied the earlier ones too.
   */
  async settledState(id: string): Promise<OrderState> {
    if (this.opts.barrier) {
      const barrierId = this.orderId('BR');
      const delivery = this.opts.barrier.valid(this, barrierId);
      const res = await this.deliver(delivery.body, delivery.headers);
      if (!this.opts.barrier.acknowledged(res)) {
        this.noteRefusedValid(res);
        throw new SetupError(
          `a valid callback for order ${barrierId}, sent after the others as a barrier, was not acknowledged (HTTP ${res.status}): cannot tell what the handler processed`,
        );
      }
      if (!shown(await this.waitForOrder(barrierId)))
        throw new SetupError(
          `a valid callback for order ${barrierId}, sent after the others as a barrier, did not show on the order-status endpoint within ${this.opts.timeoutMs} ms: cannot tell what the handler processed`,
        );
    }
    return this.orderState(id);
  }

  /**
   * A handler may refuse a callback for an order it never created, as a merchant's records would (Payloco asks to
   * "validate that the notification data matches the merchant's own records"). With --order-setup-url, paycert
   * creates each order through the tester's route before its first callback, with the amount and currency the
   * callback carries.
   */
  private async setUpOrder(body: string): Promise<void> {
    const { orderSetupUrl, orderOf, gateway } = this.opts;
    const parsed = orderSetupUrl && orderOf ? jsonObject(body) : undefined;
    const order = parsed && orderOf!(parsed);
    if (!order || this.setUp.has(order.id)) return;
    this.setUp.add(order.id);
    const res = await this.exchange(
      'POST',
      orderSetupUrl!,
      { 'content-type': 'application/json' },
      JSON.stringify({ gateway, ...order }),
    ).catch((err: Error) => {
      throw new SetupError(`--order-setup-url is unreachable: ${err.message}`);
    });
    if (res.status < 200 || res.status > 299)
      throw new SetupError(`--order-setup-url answered HTTP ${res.status} for order ${order.id}`);
  }

  private async exchange(method: string, url: string, headers: Record<string, string>, body?: string) {
    const exchange: Exchange = { request: { method, url, headers, body: body ?? null } };
    this.evidence.push(exchange);
    try {
      const res = await send(
        { method, url, headers, body },
        { timeoutMs: this.opts.timeoutMs, maxBodyBytes: 1_048_576 },
      );
      exchange.response = {
        status: res.status,
        headers: res.headers,
        body: res.text,
        durationMs: res.durationMs,
      };
      return res;
    } catch (err) {
      exchange.error = (err as Error).message;
      throw err;
    }
  }
}

/** One handler check: its catalogue ID and what it does. */
export interface HandlerCase {
  id: string;
  run(h: HandlerKit): Promise<void>;
}

/** A handler case with its definition (catalogue entry and killing faults) beside it: the one source of the check. */
export interface DefinedHandlerCase extends HandlerCase {
  check: CheckDefinition;
}

export function handlerCase(check: CheckDefinition, run: HandlerCase['run']): DefinedHandlerCase {
  return { id: check.id, check, run };
}

/** One delivery a preflight sends: a JSON text and its headers. */
export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * What the runner needs from a gateway's cases to tell a tester's mistake from a handler's fault before any check:
 * a valid callback for an order, the same callback with a wrong signature, and what counts as an acknowledgement.
 */
export interface HandlerPreflight {
  valid(h: HandlerKit, orderId: string): Delivery;
  wronglySigned(h: HandlerKit, orderId: string): Delivery;
  acknowledged(res: { status: number; text: string; json: unknown }): boolean;
  /** The order a callback body (parsed JSON object) is about (for --order-setup-url); undefined when it names none. */
  orderOf(body: Record<string, unknown>): OrderSetup | undefined;
}

import { randomBytes } from 'node:crypto';
import { CheckSkipped, SetupError } from '../core/outcome.js';
import type { Exchange, Gateway } from '../core/results.js';
import { type HttpResponse, send } from '../engine/http.js';

// What a handler check (`paycert webhook-test`) sees: the integrator's handler URL, the secret to sign with, and
// the optional order-status endpoint through which paycert observes what the handler processed.

export interface OrderState {
  /** False when the order-status endpoint does not know the order (HTTP 404). */
  found: boolean;
  status?: string;
  processed?: number;
}

export interface HandlerKitOptions {
  gateway: Gateway;
  handlerUrl: string;
  secret: string;
  /** e.g. http://127.0.0.1:3000/orders/{request_id}; `{request_id}`, `{merchantOrderId}` and `{id}` are replaced. */
  orderStatusUrl?: string;
  timeoutMs: number;
  runTag: string;
}

let counter = 0;

export class HandlerKit {
  readonly evidence: Exchange[] = [];
  readonly notes: string[] = [];

  constructor(private readonly opts: HandlerKitOptions) {}

  get gateway(): Gateway {
    return this.opts.gateway;
  }

  get secret(): string {
    return this.opts.secret;
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
  deliver(body: string, headers: Record<string, string>): Promise<HttpResponse> {
    return this.exchange(
      'POST',
      this.opts.handlerUrl,
      { 'content-type': 'application/json', ...headers },
      body,
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
    return {
      found: true,
      status: typeof body.status === 'string' ? body.status : undefined,
      processed: typeof processed === 'number' ? processed : undefined,
    };
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
}

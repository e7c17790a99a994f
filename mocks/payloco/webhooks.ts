import { setMaxListeners } from 'node:events';
import { postOnce } from './http-post.js';
import type { Scheduler } from './scheduler.js';
import { hmacHex } from './signing.js';
import type { Behaviour, Json, Order } from './types.js';
import { eventBody, eventData, malformedBody, newEventId } from './webhook-event.js';

export interface WebhookOptions {
  secret: string;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

interface Delivery {
  url: URL;
  eventId: string;
  createdAt: string;
  data: Json;
}

/** P10: POSTs the final state of an order to its notifyUrl until the merchant acknowledges it. */
export class WebhookSender {
  private readonly closing = new AbortController();

  constructor(
    private readonly options: WebhookOptions,
    private readonly behaviour: Behaviour,
    private readonly scheduler: Scheduler,
    /** Holds a new delivery until the answers being signed when it was decided are written (answer-order.ts). */
    private readonly afterAnswers: (send: () => void) => void = (send) => send(),
  ) {
    // Every delivery in flight listens on this one signal; many at once is normal, not a leak.
    setMaxListeners(0, this.closing.signal);
  }

  notify(order: Order): void {
    if (!order.notifyUrl) return;
    const delivery = {
      url: new URL(order.notifyUrl),
      eventId: newEventId(),
      createdAt: new Date().toISOString(),
      data: eventData(order),
    };
    this.afterAnswers(() => void this.attempt(delivery, 0));
  }

  close(): void {
    this.closing.abort();
  }

  private async attempt(delivery: Delivery, retry: number): Promise<void> {
    const { behaviour, options } = this;
    const id = behaviour.webhookStableId || retry === 0 ? delivery.eventId : newEventId();
    const body =
      behaviour.webhookBody === 'malformed'
        ? malformedBody(delivery.data)
        : eventBody(id, delivery.createdAt, delivery.data);
    if (await this.deliver(delivery.url, body)) return;
    const delay = options.retryDelaysMs[retry];
    if (!behaviour.webhookRetries || delay === undefined || this.closing.signal.aborted) return;
    this.scheduler.after(delay, () => void this.attempt(delivery, retry + 1));
  }

  private async deliver(url: URL, body: string): Promise<boolean> {
    const timestamp = String(Date.now());
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-timestamp': timestamp,
    };
    const { webhookSignature, webhookSignedText } = this.behaviour;
    if (webhookSignature !== 'none') {
      const secret = webhookSignature === 'hmac' ? this.options.secret : `${this.options.secret}-wrong`;
      headers['x-signature'] = hmacHex(signedText(webhookSignedText, timestamp, body), secret);
    }
    try {
      const reply = await postOnce(url, body, headers, this.options.timeoutMs, this.closing.signal);
      return reply.status === 200 && (!this.behaviour.webhookAckNeedsCode || acknowledges(reply.text));
    } catch {
      return false;
    }
  }
}

function signedText(form: Behaviour['webhookSignedText'], timestamp: string, body: string): string {
  if (form === 'timestamp-body') return `${timestamp}${body}`;
  if (form === 'timestamp-dot-body') return `${timestamp}.${body}`;
  // A timestamp a minute older than the one in the header: the signature then covers nothing the receiver sees.
  if (form === 'stale-timestamp') return `${Number(timestamp) - 60_000}.${body}`;
  return body;
}

/** The ack is HTTP 200 with a JSON body whose code is 00000000 (webhooks-overview). */
function acknowledges(text: string): boolean {
  try {
    const reply = JSON.parse(text) as { code?: unknown };
    return reply?.code === '00000000';
  } catch {
    return false;
  }
}

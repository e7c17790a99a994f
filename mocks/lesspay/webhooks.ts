import type { Agent } from 'undici';
import type { Knobs } from './knobs.js';
import type { Scheduler } from './scheduler.js';
import { sign } from './sign.js';

/** Pay-in fields a v1 callback leaves out of the signed set (vendor demo, digest §6.1). */
export const V1_UNSIGNED_FIELDS = [
  'api_version',
  'order_status_int',
  'channel_biz_data',
  'event',
  'event_data',
];

export interface WebhookOptions {
  appId: string;
  appSecret: string;
  retryDelaysMs: number[];
  timeoutMs: number;
  knobs: Knobs;
  scheduler: Scheduler;
}

export type WebhookKind = 'payin' | 'payout';

function isV1(apiVersion: unknown): boolean {
  return apiVersion === undefined || apiVersion === null || String(apiVersion).trim().toLowerCase() === 'v1';
}

function without(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out = { ...body };
  for (const f of fields) delete out[f];
  return out;
}

/**
 * Delivers callbacks: one attempt now, then one after each retry delay until the merchant answers a 2xx
 * with the body `SUCCESS`. Every attempt carries the same body and signature.
 */
export class WebhookSender {
  // undici (~100 ms of CPU to load, 110 modules) is loaded with the first callback: a run or a server that sends
  // none (most of `paycert run --only …` against the bundled mock) never pays for it.
  private agent: Agent | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly opts: WebhookOptions) {}

  /** The fields that are signed for this callback (L11). */
  signedPart(kind: WebhookKind, body: Record<string, unknown>): Record<string, unknown> {
    const mode = this.opts.knobs.webhookSigning;
    if (kind !== 'payin') return body;
    const v1 = isV1(body.api_version);
    if (mode === 'v1-signs-all' && v1) return body;
    if (v1 || mode === 'v2-signs-v1-set') return without(body, V1_UNSIGNED_FIELDS);
    return body;
  }

  send(kind: WebhookKind, url: string, fullBody: Record<string, unknown>): void {
    const { knobs, appSecret } = this.opts;
    const body = without(fullBody, knobs.webhookDropFields);
    const headers: Record<string, string> = { 'X-Auth-Timestamp': '', 'x-auth-appid': this.opts.appId };
    const signed = this.signedPart(kind, body);
    if (knobs.webhookSigning === 'wrong') headers['x-auth-signature'] = sign(signed, `${appSecret}-rotated`);
    else if (knobs.webhookSigning !== 'none') headers['x-auth-signature'] = sign(signed, appSecret);
    let payload: string;
    if (knobs.webhookEncoding === 'form') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body))
        form.set(k, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
      payload = form.toString();
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    void this.attempt(url, payload, headers, 0);
  }

  private async attempt(
    url: string,
    payload: string,
    headers: Record<string, string>,
    n: number,
  ): Promise<void> {
    const { scheduler, retryDelaysMs, timeoutMs, knobs } = this.opts;
    if (scheduler.isClosed) return;
    let acknowledged = false;
    try {
      const { Agent, fetch } = await import('undici');
      if (this.abort.signal.aborted) return;
      this.agent ??= new Agent({ keepAliveTimeout: 1000, connections: 16 });
      const res = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'X-Auth-Timestamp': String(Date.now()) },
        body: payload,
        dispatcher: this.agent,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
      const text = await res.text();
      acknowledged = res.ok && text.trim() === 'SUCCESS';
    } catch {
      // Refused, reset or timed out: the same as an unacknowledged delivery.
    }
    if (acknowledged || !knobs.webhookRetry || n >= retryDelaysMs.length) return;
    scheduler.after(retryDelaysMs[n], () => void this.attempt(url, payload, headers, n + 1));
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.agent?.destroy().catch(() => {});
  }
}

import { ensureSchema } from '../checks/response.js';
import { CheckFailure, SetupError } from '../core/outcome.js';
import type { CheckContext } from '../engine/context.js';
import type { Delivery as WebhookDelivery } from '../engine/receiver.js';

/** What a webhook scenario saw: the deliveries within the wait, or why it could not be played on this target. */
export interface ObservedDeliveries {
  skip?: string;
  deliveries: WebhookDelivery[];
  waitMs: number;
}

/** The first callback of a scenario: the check skips when the scenario could not be played, fails when none came. */
export function firstDelivery(
  t: CheckContext,
  o: ObservedDeliveries,
  to: string,
  after: string,
): WebhookDelivery {
  if (o.skip) t.skip(o.skip);
  const first = o.deliveries[0];
  if (!first) {
    throw new CheckFailure(
      `no callback reached ${to} within ${o.waitMs} ms after ${after}`,
      `a POST to ${to}`,
      'nothing',
    );
  }
  return first;
}

/** A callback body as a JSON object; anything else is a failed precondition here, judged by `judgedBy`. */
export function deliveryJson(d: WebhookDelivery, judgedBy: string): Record<string, any> {
  try {
    const body = JSON.parse(d.body);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {}
  throw new SetupError(`the callback body is not a JSON object (see ${judgedBy}): ${d.body.slice(0, 120)}`);
}

/** The callback body is JSON matching the webhook schema `schema` (a path below schemas/). */
export function ensureDeliverySchema(d: WebhookDelivery, schema: string, what: string): void {
  let body: unknown;
  try {
    body = JSON.parse(d.body);
  } catch {
    throw new CheckFailure(`the ${what} is not JSON`, `a body matching ${schema}`, d.body.slice(0, 200));
  }
  ensureSchema(body, schema, what);
}

import type { Completion, DriverIO, PaymentDriver, PaymentOrder, PaymentOutcome } from '../engine/drivers.js';
import { type DriverFile, pageFor, readDriverFile } from './driver-file.js';
import { parsePage } from './page-forms.js';

// `--driver form:FILE`: the sandbox team declares, per page URL pattern, the request that finishes a payment with
// each outcome. Fields named in `copy` are read from the page first (a per-order token).

export class FormDriver implements PaymentDriver {
  readonly name: string;
  private readonly file: DriverFile;

  constructor(path: string) {
    this.name = `form:${path}`;
    this.file = readDriverFile(path, 'form', `--driver ${this.name}`);
  }

  async complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    const hit = pageFor(this.file, order);
    if (!hit) return { done: false, reason: `no page of ${this.name} matches ${order.url}` };
    const submit = hit.page.submit!;
    const declared = submit.fields[outcome];
    if (!declared)
      return { done: false, reason: `${this.name} declares no fields for the outcome "${outcome}"` };
    const fields: [string, string][] = [];
    if (submit.copy?.length) {
      const page = await io.fetch({ method: 'GET', url: order.url });
      if (page.status !== 200)
        return { done: false, reason: `the page ${order.url} answered HTTP ${page.status}` };
      const controls = parsePage(page.text, order.url).forms.flatMap((f) => f.controls);
      for (const name of submit.copy) {
        const found = controls.find((c) => c.name === name);
        if (!found) return { done: false, reason: `the page ${order.url} has no field "${name}" to copy` };
        fields.push([name, found.value]);
      }
    }
    for (const [k, v] of Object.entries(declared)) fields.push([hit.fill(k), hit.fill(v)]);
    const action = new URL(hit.fill(submit.action ?? order.url), order.url);
    const method = submit.method ?? 'POST';
    if (method === 'GET') for (const [k, v] of fields) action.searchParams.append(k, v);
    const res = await io.fetch({ method, url: action.href, form: method === 'POST' ? fields : undefined });
    const sent = `${method} ${action.href} with ${fields.map(([k, v]) => `${k}=${v}`).join('&')} → HTTP ${res.status}`;
    if (res.status >= 400) return { done: false, reason: `the target refused the declared request: ${sent}` };
    return { done: true, how: sent };
  }
}

import type {
  Completion,
  DriverIO,
  PageResponse,
  PaymentDriver,
  PaymentOrder,
  PaymentOutcome,
} from '../engine/drivers.js';
import { choose, type Submission } from './choose.js';
import { parsePage } from './page-forms.js';

// The default driver: reads the payment page like a person would and submits the form that clearly leads to the
// outcome, with the page's own hidden fields. It follows the pages a submission leads to (a confirm step, a card
// step) while they stay on the cashier's sites, and records every form and value it sent.

const MAX_STEPS = 4;
const MAX_REDIRECTS = 5;

/** Session cookies per origin, so a cashier that keeps state in a cookie sees one visitor. */
class Cookies {
  private readonly jar = new Map<string, Map<string, string>>();

  header(url: string): Record<string, string> {
    const got = this.jar.get(new URL(url).origin);
    if (!got || got.size === 0) return {};
    return { cookie: [...got].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  keep(url: string, res: PageResponse): void {
    const raw = res.headers['set-cookie'];
    if (!raw) return;
    const origin = new URL(url).origin;
    const got = this.jar.get(origin) ?? new Map<string, string>();
    // Joined headers: split where a new name=value starts (Expires dates carry commas too).
    for (const part of raw.split(/,(?=\s*[^\s=;,]+=)/)) {
      const [pair] = part.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) got.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.jar.set(origin, got);
  }
}

const isHtml = (res: PageResponse) => /html|xml/i.test(res.headers['content-type'] ?? 'text/html');

const describe = (s: Submission) =>
  [
    `form ${s.form.index} (${s.method} ${s.action})`,
    s.chose.length ? `chose ${s.chose.join(', ')}` : '',
    s.typed.length ? `typed ${s.typed.join(', ')}` : '',
    `sent ${s.fields.map(([k, v]) => `${k}=${v}`).join('&') || '(no fields)'}`,
  ]
    .filter(Boolean)
    .join('; ');

export class AutoDriver implements PaymentDriver {
  readonly name = 'auto';

  async complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    const cookies = new Cookies();
    // Sites the cashier itself is on: where its page was, and where its forms sent us.
    const sites = new Set([new URL(order.url).origin]);
    const trail: string[] = [];
    const sent: Submission[] = [];

    // Redirects within the cashier's sites are followed; `left` notes one that pointed elsewhere.
    let left = '';
    const fetchFollowing = async (first: {
      method: 'GET' | 'POST';
      url: string;
      form?: [string, string][];
    }) => {
      let req = first;
      left = '';
      for (let hops = 0; ; hops++) {
        const res = await io.fetch({ ...req, headers: cookies.header(req.url) });
        cookies.keep(req.url, res);
        const location = res.headers.location;
        if (res.status < 300 || res.status >= 400 || !location || hops >= MAX_REDIRECTS) return res;
        const next = new URL(location, req.url).href;
        if (!sites.has(new URL(next).origin)) {
          // A redirect to another site after paying is the merchant's return page: nothing to do there.
          left = `, redirected to ${next} (another site, not followed)`;
          return res;
        }
        req = { method: 'GET', url: next };
      }
    };

    let page = await fetchFollowing({ method: 'GET', url: order.url });
    for (let step = 0; step < MAX_STEPS; step++) {
      if (page.status !== 200 || !isHtml(page)) {
        if (sent.length > 0) break;
        return {
          done: false,
          reason:
            `the ${order.field} page answered HTTP ${page.status} ${page.headers['content-type'] ?? ''}`.trim(),
        };
      }
      const choice = choose(parsePage(page.text, page.url), outcome);
      if ('reason' in choice) {
        if (sent.length > 0) break;
        return { done: false, reason: `on the ${order.field} page ${page.url}: ${choice.reason}` };
      }
      const s = choice.submission;
      if (sent.some((p) => p.action === s.action && JSON.stringify(p.fields) === JSON.stringify(s.fields))) {
        return {
          done: false,
          reason: `the page showed the same form again after it was submitted (${describe(s)}): the submission was not taken`,
        };
      }
      sites.add(new URL(s.action).origin);
      const url = s.method === 'GET' ? withQuery(s.action, s.fields) : s.action;
      const res = await fetchFollowing({
        method: s.method,
        url,
        form: s.method === 'POST' ? s.fields : undefined,
      });
      sent.push(s);
      trail.push(`${describe(s)} → HTTP ${res.status}${left}`);
      if (res.status >= 400) {
        return { done: false, reason: `the cashier refused the submission: ${trail.join(' | ')}` };
      }
      if (order.settled && (await order.settled())) break;
      page = res;
    }
    return { done: true, how: `on ${order.url}: ${trail.join(' | ')}` };
  }
}

function withQuery(action: string, fields: [string, string][]): string {
  const u = new URL(action);
  u.search = new URLSearchParams(fields).toString();
  return u.href;
}

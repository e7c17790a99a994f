import type { ClientFinding, ClientRequest, ClientVerdict } from '../../src/audit/client-kit.js';
import { canonical, isObject } from './shared.js';

// LPC rules that judge the client's next move after a scenario's answer (`paycert audit --scenario`): a duplicate,
// an answer that never came, an order still pending, a refused signature, a payout rejected in review. Each judges
// only what the recorded traffic shows; where the client may act on a webhook paycert cannot see, it says so.

type Json = Record<string, unknown>;

const PAYIN_CREATE = '/api/global/v1/pay/create-order';
const PAYIN_QUERY = '/api/global/v1/pay/query-order';
const PAYOUT_QUERY = '/api/global/payout/query';
const PAYOUT_CREATES = ['/api/global/payout/create-order', '/api/global/payout/batch/create-order'];
const QUERY_OF: Record<string, string> = {
  [PAYIN_CREATE]: PAYIN_QUERY,
  '/api/global/payout/create-order': PAYOUT_QUERY,
  '/api/global/payout/batch/create-order': PAYOUT_QUERY,
};
const CREATES = Object.keys(QUERY_OF);
/** Order states after which nothing more happens to an order (lesspay.md §5.5): names, or their integers. */
// biome-ignore format: one state per name/integer pair reads better than one per line
const FINAL = new Set<unknown>(['SUCCEED', 2, 'FAILED', 3, 'CANCELED', 4, 'REFUND', 5, 'CLOSED', 6, 'PARTIAL_SUCCESS', 11]);

const body = (r: ClientRequest): Json => (isObject(r.json) ? r.json : {});
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const requestId = (r: ClientRequest) => str(body(r).request_id);

/** The order an answer describes: `data` itself, or the first of `data.records` (L8 allows either). */
function orderIn(a: Json | undefined): Json | undefined {
  const data = a?.data;
  if (!isObject(data)) return undefined;
  return Array.isArray(data.records) ? (data.records.find(isObject) as Json | undefined) : data;
}

/** What makes two creates the same order whatever their request_id: amount, currency and what is bought or paid to. */
function orderKey(r: ClientRequest): string {
  const b = body(r);
  if (r.path === PAYIN_CREATE) return canonical([b.target_amount, b.target_currency, b.product_name]);
  const account = (v: unknown) => {
    const o = isObject(v) ? v : {};
    const dest = isObject(o.destination) ? o.destination : {};
    const bank = isObject(dest.bank) ? dest.bank : {};
    return bank.account_number ?? o.bank_account_no;
  };
  if (Array.isArray(b.payout_order_details))
    return canonical([
      b.currency,
      b.payout_order_details.map((d) => canonical([isObject(d) ? d.amount : d, account(d)])).sort(),
    ]);
  return canonical([b.amount, b.currency, account(b.beneficiary)]);
}

/** A later query naming the order by its request_id or by the pay_order_id the gateway gave it. */
function queriesOf(reqs: readonly ClientRequest[], create: ClientRequest): ClientRequest[] {
  const id = requestId(create);
  const payOrderId = str(orderIn(create.answer)?.pay_order_id);
  return reqs.filter((r) => {
    if (r.seq <= create.seq || r.path !== QUERY_OF[create.path]) return false;
    const b = body(r);
    return (
      (id !== undefined && b.request_id === id) || (payOrderId !== undefined && b.pay_order_id === payOrderId)
    );
  });
}

/** The same order created again under another request_id, between the requests `after` and `until` (seq). */
function recreation(
  reqs: readonly ClientRequest[],
  create: ClientRequest,
  until = Number.POSITIVE_INFINITY,
  after = create.seq,
) {
  const id = requestId(create);
  const key = orderKey(create);
  return reqs.find(
    (r) =>
      r.seq > after && r.seq < until && r.path === create.path && requestId(r) !== id && orderKey(r) === key,
  );
}

const resends = (reqs: readonly ClientRequest[], create: ClientRequest) =>
  reqs.filter((r) => r.seq > create.seq && r.path === create.path && requestId(r) === requestId(create));

function recreated(create: ClientRequest, again: ClientRequest, why: string): ClientFinding {
  return {
    request: again,
    message: `request #${again.seq} creates the order of request #${create.seq} (request_id ${requestId(create)}) again under the new request_id ${requestId(again)} ${why}: if both go through, the customer is charged or paid twice`,
    expected: { [QUERY_OF[create.path]!]: { request_id: requestId(create) } },
    received: again.json,
    corrected: { request_id: requestId(create) },
  };
}

/** LPC-DUP-001: after 1201 Duplicate Data Exists, no create with that request_id again ("Do not retry with the same ID"). */
export function noResendAfterDuplicate(reqs: readonly ClientRequest[]): ClientVerdict {
  const hits = reqs.filter((r) => CREATES.includes(r.path) && requestId(r) && r.answer?.code === 1201);
  const verdict: ClientVerdict = { judged: hits, findings: [], notes: [] };
  const done = new Set<string>();
  for (const hit of hits) {
    const id = requestId(hit)!;
    if (done.has(id)) continue;
    done.add(id);
    const again = resends(reqs, hit)[0];
    if (again) {
      verdict.findings.push({
        request: again,
        message: `request #${again.seq} sends request_id ${id} again after request #${hit.seq} was answered 1201 Duplicate Data Exists ("Do not retry with the same ID", lesspay.md §5.2)`,
        expected: `no create with request_id ${id}; query the order by it instead`,
        received: again.json,
        corrected: { [QUERY_OF[hit.path]!]: { request_id: id } },
      });
    } else if (queriesOf(reqs, hit).length)
      verdict.notes!.push(`after the 1201 on request #${hit.seq} the client queried order ${id}`);
    else {
      // The other way the docs leave open: the id is taken, so the order goes under a new one.
      const renamed = recreation(reqs, hit);
      if (renamed)
        verdict.notes!.push(
          `after the 1201 on request #${hit.seq} the client created the order again under the new request_id ${requestId(renamed)} (request #${renamed.seq})`,
        );
    }
  }
  return verdict;
}

/** LPC-RTY-003: a create whose answer was withheld is given up on, then resolved by the same request_id. */
export function timeoutResolvedBySameId(reqs: readonly ClientRequest[]): ClientVerdict {
  const held = reqs.filter((r) => r.injected !== undefined && CREATES.includes(r.path));
  const verdict: ClientVerdict = { judged: held, findings: [], notes: [] };
  for (const h of held) {
    const id = requestId(h);
    if (h.abandonedAfterMs === undefined) {
      verdict.findings.push({
        request: h,
        message: `the client waited out the whole hold of request #${h.seq} and got the HTTP ${h.status ?? '(none)'}: it has no deadline shorter than --scenario-hold, so a gateway that never answers blocks it`,
        expected: 'a per-request deadline (e.g. AbortSignal.timeout) shorter than the hold',
        received: `waited for the scenario's HTTP ${h.status ?? '(none)'}`,
      });
      continue;
    }
    const resolved = [...resends(reqs, h), ...queriesOf(reqs, h)].sort((a, b) => a.seq - b.seq)[0];
    const again = recreation(reqs, h, resolved?.seq);
    if (again)
      verdict.findings.push(
        recreated(h, again, `after giving up on it (no answer in ${h.abandonedAfterMs} ms)`),
      );
    else if (!resolved)
      verdict.findings.push({
        request: h,
        message: `the client gave up on request #${h.seq} after ${h.abandonedAfterMs} ms and never asked about request_id ${id} again: the gateway may have created the order`,
        expected: `a query by request_id ${id}, or a resend of the identical body (1201 if it exists)`,
        received: '(nothing more about this order)',
        corrected: { [QUERY_OF[h.path]!]: { request_id: id } },
      });
    else
      verdict.notes!.push(
        `the client gave up on request #${h.seq} after ${h.abandonedAfterMs} ms, then ${resolved.path === h.path ? 'resent it' : 'queried it'} by request_id ${id} (request #${resolved.seq})`,
      );
  }
  return verdict;
}

/** LPC-PND-001: a pay-in answered pending is queried, and not created again under a new request_id first. */
export function pendingQueriedNotRecreated(reqs: readonly ClientRequest[]): ClientVerdict {
  const pending = reqs.filter((r) => {
    const a = r.answer;
    return r.path === PAYIN_CREATE && requestId(r) && a?.code === 0 && !FINAL.has(orderIn(a)?.order_status);
  });
  const verdict: ClientVerdict = { judged: pending, findings: [], notes: [] };
  for (const c of pending) {
    const id = requestId(c)!;
    const query = queriesOf(reqs, c)[0];
    const again = recreation(reqs, c, query?.seq);
    const same = resends(reqs, c);
    if (same.length)
      verdict.notes!.push(
        `request #${same[0]!.seq} resends pending order ${id} unchanged (harmless: L7 answers 1201)`,
      );
    if (again) verdict.findings.push(recreated(c, again, 'while it was pending, without querying it first'));
    else if (query)
      verdict.notes!.push(`pending order ${id} was queried (request #${query.seq}), not created again`);
    else if (!query && str(body(c).notify_url))
      verdict.notes!.push(
        `pending order ${id} was never queried; the client may wait for the webhook to its notify_url, which paycert does not see`,
      );
    else if (!query)
      verdict.findings.push({
        request: c,
        message: `order ${id} was answered pending (request #${c.seq}) and the client never queried it, with no notify_url to learn the outcome from (dev guide Step 4)`,
        expected: `${PAYIN_QUERY} with request_id ${id} until the order is final`,
        received: '(no query of this order)',
        corrected: { request_id: id },
      });
  }
  return verdict;
}

/** LPC-AUTH-003: a body refused with HTTP 401 is not resent unchanged more than once. */
export function signatureRefusalNotRetried(reqs: readonly ClientRequest[]): ClientVerdict {
  const refused = reqs.filter((r) => r.status === 401 && isObject(r.json));
  const verdict: ClientVerdict = { judged: refused, findings: [], notes: [] };
  const seen = new Set<string>();
  for (const r of refused) {
    const same = canonical(r.json);
    if (seen.has(`${r.path} ${same}`)) continue;
    seen.add(`${r.path} ${same}`);
    const again = reqs.filter((x) => x.seq > r.seq && x.path === r.path && canonical(x.json) === same);
    if (again.length === 0)
      verdict.notes!.push(`the body refused with HTTP 401 on request #${r.seq} was not sent again`);
    if (again.length === 1)
      verdict.notes!.push(
        `request #${again[0]!.seq} resends the body refused with HTTP 401 on request #${r.seq} once (tolerated)`,
      );
    if (again.length > 1)
      verdict.findings.push({
        request: again[1]!,
        message: `the body refused with HTTP 401 on request #${r.seq} is sent ${again.length} more times unchanged (requests #${again.map((x) => x.seq).join(', #')}): a wrong signature is not transient, the same body is refused again`,
        expected: 'at most one resend; then fix the signing (key, sorting, empty values) or report the error',
        received: `${again.length} resends`,
      });
  }
  return verdict;
}

/** LPC-REJ-001: a payout is looked up after creation, and a rejected one is not resubmitted. */
export function rejectedPayoutNotResubmitted(reqs: readonly ClientRequest[]): ClientVerdict {
  const created = reqs.filter((r) => PAYOUT_CREATES.includes(r.path) && requestId(r) && r.answer?.code === 0);
  const verdict: ClientVerdict = { judged: created, findings: [], notes: [] };
  const resubmissions = new Set<ClientRequest>();
  for (const c of created) {
    const id = requestId(c)!;
    // A resubmission is judged as one, not again as a payout of its own.
    if (resubmissions.has(c)) continue;
    const queries = queriesOf(reqs, c);
    const final = queries.find((q) => FINAL.has(orderIn(q.answer)?.order_status));
    // Two identical payouts before the outcome was known may be two payouts meant; after it, a resubmission.
    const resubmitted =
      resends(reqs, c)[0] ?? (final ? recreation(reqs, c, Number.POSITIVE_INFINITY, final.seq) : undefined);
    if (resubmitted) {
      resubmissions.add(resubmitted);
      verdict.findings.push({
        request: resubmitted,
        message: `request #${resubmitted.seq} resubmits payout ${id} (request #${c.seq})${final ? ` after its query answered ${String(orderIn(final.answer)?.order_status)}` : ''}: a payout rejected in review is a decision of Lesspay Operations, not a transient failure`,
        expected: 'no new payout of the same amount to the same account until a person decides so',
        received: resubmitted.json,
      });
    } else if (!queries.length && str(body(c).notify_url))
      verdict.notes!.push(
        `payout ${id} was never queried; the client may learn its outcome from the webhook to its notify_url, which paycert does not see`,
      );
    else if (!queries.length)
      verdict.findings.push({
        request: c,
        message: `payout ${id} (request #${c.seq}) was never queried and named no notify_url: the client cannot learn that it was rejected`,
        expected: `${PAYOUT_QUERY} with request_id ${id} until the payout is final`,
        received: '(no query of this payout)',
        corrected: { request_id: id },
      });
    else
      verdict.notes!.push(
        final
          ? `payout ${id} was queried until ${String(orderIn(final.answer)?.order_status)} and not resubmitted`
          : `payout ${id} was queried but the client stopped before it was final`,
      );
  }
  return verdict;
}

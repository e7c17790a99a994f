import type { ClientFinding, ClientRequest, ClientVerdict } from '../../src/audit/client-kit.js';
import { canonical, isObject } from './shared.js';

// What a Payloco client does after a scenario's failure (`paycert audit payloco --scenario`): a duplicate answer,
// a refused signature, a pending QR, a pay that never answered. Payloco documents none of these follow-ups, so the
// checks are SHOULD; each judges the requests after the one the scenario touched.

type Json = Record<string, unknown>;

export const PAYS = ['/v1/payments/open/api/pay', '/v2/payments/open/api/pay'];
const QUERY = '/v1/payments/open/api/query';

const json = (r: ClientRequest): Json | undefined => (isObject(r.json) ? r.json : undefined);

/** Where the order id lives: top level on v1, in `data` on v2. */
export function merchantOrderId(r: ClientRequest): string | undefined {
  const b = json(r);
  const id = r.path.startsWith('/v2/') && isObject(b?.data) ? b.data.merchantOrderId : b?.merchantOrderId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The order a pay sends, id included; requestTime changes on every send, so it is left out. */
export const sameOrder = (r: ClientRequest) => canonical(r.json, ['requestTime']);

/** The order a pay sends without its merchantOrderId: equal for the same order re-created under a new id. */
function orderWithoutId(r: ClientRequest): string {
  const b = json(r);
  if (!b) return canonical(r.json);
  const data = isObject(b.data) ? canonical(b.data, ['merchantOrderId']) : undefined;
  return canonical({ ...b, ...(data ? { data } : {}) }, ['requestTime', 'merchantOrderId']);
}

/** The notifyUrl a pay gave (v1 top level, v2 in data or top level): the client may learn the outcome there. */
function notifyUrl(r: ClientRequest): string | undefined {
  const b = json(r);
  const url = (isObject(b?.data) ? b.data.notifyUrl : undefined) ?? b?.notifyUrl;
  return typeof url === 'string' && url !== '' ? url : undefined;
}

/** A query after `first` that names the order by its merchantOrderId or its orderId. */
function queryOf(reqs: readonly ClientRequest[], first: ClientRequest, id: string, orderId?: unknown) {
  return reqs.find((r) => {
    const b = r.seq > first.seq && r.path === QUERY ? json(r) : undefined;
    return b !== undefined && (b.merchantOrderId === id || (orderId !== undefined && b.orderId === orderId));
  });
}

const laterPays = (reqs: readonly ClientRequest[], first: ClientRequest) =>
  reqs.filter((r) => r.seq > first.seq && PAYS.includes(r.path) && json(r) !== undefined);

const injectedPays = (reqs: readonly ClientRequest[]) =>
  reqs.filter((r) => r.injected !== undefined && PAYS.includes(r.path));

const queryExample = (id: string) => ({
  url: QUERY,
  body: { transType: 'PAY', accessType: 's2s', merchantOrderId: id },
});

/** PLC-DUP-001: after a pay is answered as a duplicate, the client does not send that merchantOrderId again. */
export function duplicateNotResent(reqs: readonly ClientRequest[]): ClientVerdict {
  const hit = injectedPays(reqs);
  const verdict: ClientVerdict = { judged: hit, findings: [], notes: [] };
  for (const first of hit) {
    const id = merchantOrderId(first);
    if (id === undefined) {
      verdict.cannotJudge = `request #${first.seq} (answered as a duplicate) names no merchantOrderId`;
      continue;
    }
    for (const r of laterPays(reqs, first).filter((p) => merchantOrderId(p) === id))
      verdict.findings.push({
        request: r,
        message: `request #${r.seq} sends merchantOrderId ${id} again after request #${first.seq} was answered that it is a duplicate: the order exists, and a resend is answered the same way`,
        expected:
          'no pay with that merchantOrderId again: query the order by it, or pay under a new merchantOrderId',
        received: r.json,
        corrected: queryExample(id),
      });
    const q = queryOf(reqs, first, id);
    // The other way left open: the same order paid under a new merchantOrderId.
    const renamed = laterPays(reqs, first).find(
      (r) => merchantOrderId(r) !== id && orderWithoutId(r) === orderWithoutId(first),
    );
    if (q) verdict.notes!.push(`request #${q.seq} queries merchantOrderId ${id} after the duplicate answer`);
    else if (renamed)
      verdict.notes!.push(
        `request #${renamed.seq} pays the order of request #${first.seq} under a new merchantOrderId ${String(merchantOrderId(renamed))} after the duplicate answer`,
      );
  }
  return verdict;
}

/**
 * PLC-SIG-002: a refused signature is not transient. Resending the same signed bytes cannot change the answer;
 * one re-signed resend (a fresh requestTime) is tolerated and noted, more are not.
 */
export function signatureRefusalNotRetried(reqs: readonly ClientRequest[]): ClientVerdict {
  const hit = injectedPays(reqs);
  const verdict: ClientVerdict = { judged: hit, findings: [], notes: [] };
  for (const first of hit) {
    const resends = laterPays(reqs, first).filter((r) => sameOrder(r) === sameOrder(first));
    const unchanged = resends.find((r) => r.raw.equals(first.raw));
    if (unchanged)
      verdict.findings.push({
        request: unchanged,
        message: `request #${unchanged.seq} resends the bytes of request #${first.seq} unchanged after its signature was refused: the same bytes carry the same signature, so the answer cannot change`,
        expected:
          'a refused signature treated as a configuration error (check the key and the signed bytes), not retried',
        received: `the same ${first.raw.length} bytes and signature header`,
      });
    else if (resends.length > 1)
      verdict.findings.push({
        request: resends[1]!,
        message: `the order of request #${first.seq}, refused for its signature, is sent ${resends.length} more times (#${resends.map((r) => r.seq).join(', #')}): a refused signature is not transient`,
        expected: 'at most one re-signed resend, then stop',
        received: `${resends.length} resends`,
      });
    else if (resends.length === 1)
      verdict.notes!.push(
        `request #${resends[0]!.seq} re-signs and resends the refused order once (tolerated: a fresh requestTime)`,
      );
    else verdict.notes!.push(`the order refused on request #${first.seq} was not sent again`);
  }
  return verdict;
}

/**
 * PLC-PND-001: a pay answered as pending (00000003, status PENDING) is followed by a query of that order, not by
 * creating it again, under the same merchantOrderId or a new one.
 */
export function pendingQueriedNotRecreated(reqs: readonly ClientRequest[]): ClientVerdict {
  const pays = reqs.filter((r) => PAYS.includes(r.path) && json(r) !== undefined);
  const pending = pays.filter((r) => {
    const a = r.answer;
    return a?.code === '00000003' || (isObject(a?.data) && a.data.status === 'PENDING');
  });
  const verdict: ClientVerdict = { judged: pays, findings: [], notes: [] };
  if (pays.length && !pending.length)
    verdict.cannotJudge =
      'no pay was answered as pending (00000003, status PENDING): only an active QR (payMode QRCODE) waits for the payer';
  for (const first of pending) {
    const id = merchantOrderId(first);
    if (id === undefined) continue;
    const a = first.answer!;
    const orderId = isObject(a.data) ? a.data.orderId : undefined;
    for (const r of laterPays(reqs, first)) {
      const sameId = merchantOrderId(r) === id;
      if (!sameId && orderWithoutId(r) !== orderWithoutId(first)) continue;
      verdict.findings.push({
        request: r,
        message: sameId
          ? `request #${r.seq} sends merchantOrderId ${id} again while the order of request #${first.seq} is pending`
          : `request #${r.seq} creates the pending order of request #${first.seq} again under a new merchantOrderId ${String(merchantOrderId(r))}: if the payer pays both, they pay twice`,
        expected: `a query of merchantOrderId ${id} until the order is final`,
        received: r.json,
        corrected: queryExample(id),
      });
    }
    const q = queryOf(reqs, first, id, orderId);
    if (q) verdict.notes!.push(`request #${q.seq} queries the pending order of request #${first.seq}`);
    else if (notifyUrl(first))
      verdict.notes!.push(
        `the pending order of request #${first.seq} was not queried; it gave a notifyUrl, so the client may learn the outcome from the webhook (not observable here)`,
      );
    else
      verdict.findings.push({
        request: first,
        message: `the order of request #${first.seq} was answered as pending and never queried, and it gave no notifyUrl: the client cannot learn whether it was paid`,
        expected: `a query of merchantOrderId ${id} (or orderId ${String(orderId)}) until the order is final`,
        received: 'no query of that order',
        corrected: queryExample(id),
      });
  }
  return verdict;
}

/**
 * PLC-RTY-003: a pay that never answered is given up within a deadline, then its state is resolved with the same
 * merchantOrderId (a query by it, or a resend of the same order); a new merchantOrderId risks a second order.
 */
export function timeoutResolvedWithSameId(reqs: readonly ClientRequest[]): ClientVerdict {
  const hit = injectedPays(reqs);
  const verdict: ClientVerdict = { judged: hit, findings: [], notes: [] };
  const finding = (f: ClientFinding) => verdict.findings.push(f);
  for (const first of hit) {
    if (first.abandonedAfterMs === undefined) {
      if (first.status !== undefined)
        finding({
          request: first,
          message: `request #${first.seq} waited for the whole hold and got the scenario's HTTP ${first.status}: no client deadline shorter than the hold (--scenario-hold)`,
          expected: 'a per-request deadline: the client gives up on a pay that does not answer',
          received: `HTTP ${first.status} after the hold`,
        });
      else
        verdict.cannotJudge = `request #${first.seq} was neither answered nor given up (${first.injected})`;
      continue;
    }
    const id = merchantOrderId(first);
    if (id === undefined) {
      verdict.cannotJudge = `request #${first.seq} (never answered) names no merchantOrderId`;
      continue;
    }
    let resolved: ClientRequest | undefined = queryOf(reqs, first, id);
    for (const r of laterPays(reqs, first)) {
      const sameId = merchantOrderId(r) === id;
      if (sameId && sameOrder(r) === sameOrder(first)) {
        // The note names whichever came first, the resend or the query (a resend may be followed by a query).
        if (!resolved || r.seq < resolved.seq) resolved = r;
        continue;
      }
      if (!sameId && orderWithoutId(r) !== orderWithoutId(first)) continue;
      finding({
        request: r,
        message: sameId
          ? `request #${r.seq} resends merchantOrderId ${id} of request #${first.seq} (given up after ${first.abandonedAfterMs} ms) with a changed body`
          : `request #${r.seq} creates the order of request #${first.seq} (given up after ${first.abandonedAfterMs} ms) again under a new merchantOrderId ${String(merchantOrderId(r))}: the first attempt reached the gateway, so this is a second order`,
        expected: `a query of merchantOrderId ${id}, or the same body resent`,
        received: r.json,
        corrected: queryExample(id),
      });
    }
    if (resolved)
      verdict.notes!.push(
        `request #${first.seq} was given up after ${first.abandonedAfterMs} ms; request #${resolved.seq} ${resolved.path === QUERY ? 'queries' : 'resends'} merchantOrderId ${id}`,
      );
    else if (notifyUrl(first))
      verdict.notes!.push(
        `the order of request #${first.seq} was not asked about again; it gave a notifyUrl, so the client may learn the outcome from the webhook (not observable here)`,
      );
    else
      finding({
        request: first,
        message: `request #${first.seq} was given up after ${first.abandonedAfterMs} ms and merchantOrderId ${id} was never asked about again: the payment may exist unseen`,
        expected: `a query of merchantOrderId ${id}, or the same body resent`,
        received: 'no later request about that order',
        corrected: queryExample(id),
      });
  }
  return verdict;
}

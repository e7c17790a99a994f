import type { ClientFinding, ClientRequest, ClientVerdict } from '../../src/audit/client-kit.js';
import { validate } from '../../src/core/schema-registry.js';

// Helpers both gateways' client rules share: judging a set of requests one by one, schema problems as findings,
// and exact decimal sums (amounts are strings; a float sum would call 0.1 + 0.2 wrong).

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Runs `judgeOne` on every request in `applies`; each returns its findings for that request. */
export function each(
  applies: readonly ClientRequest[],
  judgeOne: (r: ClientRequest) => Omit<ClientFinding, 'request'>[] | undefined,
): ClientVerdict {
  const findings: ClientFinding[] = [];
  for (const r of applies) for (const f of judgeOne(r) ?? []) findings.push({ request: r, ...f });
  return { judged: [...applies], findings };
}

/** Schema problems of a body as one finding (or none), minus the problems another rule owns. */
export function schemaFinding(
  schema: string,
  body: unknown,
  ignore: (p: { pointer: string; expected?: unknown }) => boolean = () => false,
): Omit<ClientFinding, 'request'>[] {
  let problems: ReturnType<typeof validate>['problems'];
  try {
    problems = validate(schema, body).problems.filter((p) => !ignore(p));
  } catch (err) {
    return [{ message: `the body could not be validated: ${(err as Error).message}` }];
  }
  if (problems.length === 0) return [];
  // An amount or id sent as a JSON number is the most common slip: the corrected example sends it as a string.
  const corrected = Object.fromEntries(
    problems
      .filter((p) => p.expected === 'type string' && typeof p.received === 'number')
      .map((p) => [p.pointer, String(p.received)]),
  );
  return [
    {
      message: `the body does not match ${schema}: ${problems.map((p) => p.message).join('; ')}`,
      expected: problems.map((p) => ({ at: p.pointer, expected: p.expected })),
      received: problems.map((p) => ({ at: p.pointer, received: p.received })),
      ...(Object.keys(corrected).length ? { corrected } : {}),
    },
  ];
}

/** A positive decimal string as a scaled integer (18 places), or undefined when it is not one. */
export function decimal(v: unknown): bigint | undefined {
  if (typeof v !== 'string' || !/^\d+(\.\d{1,18})?$/.test(v)) return undefined;
  const [whole, frac = ''] = v.split('.');
  return BigInt(whole!) * 10n ** 18n + BigInt(frac.padEnd(18, '0'));
}

export function formatDecimal(n: bigint): string {
  const whole = n / 10n ** 18n;
  const frac = (n % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** The JSON body with members removed, canonical (sorted keys), to tell a retry from a different order. */
export function canonical(body: unknown, drop: readonly string[] = []): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : isObject(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  const copy = isObject(body)
    ? Object.fromEntries(Object.entries(body).filter(([k]) => !drop.includes(k)))
    : body;
  return JSON.stringify(sort(copy));
}

/**
 * Requests that create an order, by the id the client gave it: a later request with the same id and a different
 * body is a different order reusing the id (a finding); with the same body, a retry (a note). Only an id whose
 * first order the gateway accepted counts: a refused request created nothing.
 */
export function idReuse(
  creates: readonly ClientRequest[],
  idOf: (r: ClientRequest) => string | undefined,
  sameOrder: (r: ClientRequest) => string,
  accepted: (r: ClientRequest) => boolean,
  idName: string,
): ClientVerdict {
  const seen = new Map<string, ClientRequest>();
  const findings: ClientFinding[] = [];
  const notes: string[] = [];
  for (const r of creates) {
    const id = idOf(r);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (!first) {
      if (accepted(r)) seen.set(id, r);
      continue;
    }
    if (sameOrder(first) === sameOrder(r)) {
      notes.push(
        `request #${r.seq} resends order ${idName} ${id} of request #${first.seq} unchanged (a retry)`,
      );
      continue;
    }
    findings.push({
      request: r,
      message: `${idName} ${id} of the order created by request #${first.seq} is reused for a different order`,
      expected: `a ${idName} no earlier order used (or the identical body, as a retry)`,
      received: id,
      corrected: { [idName]: `${id}-2` },
    });
  }
  return { judged: [...creates], findings, notes };
}

/**
 * The gateway's answers against the response schemas (what `paycert proxy` sees of a sandbox): the envelope for every
 * JSON answer, and the endpoint's success schema where the answer says success. Not JSON answers are left alone:
 * the transport of error answers (401, 404) is the gateway suite's to judge.
 */
export function answersMatch(
  reqs: readonly ClientRequest[],
  envelope: string,
  success: Record<string, string>,
  succeeded: (json: Json) => boolean,
): ClientVerdict {
  const answered = reqs.filter((r) => r.responseText?.trim().startsWith('{') === true);
  return each(answered, (r) => {
    let answer: unknown;
    try {
      answer = JSON.parse(r.responseText!);
    } catch (err) {
      return [{ message: `the answer is not JSON (${(err as Error).message})` }];
    }
    const schema = isObject(answer) && succeeded(answer) && success[r.path] ? success[r.path]! : envelope;
    return schemaFinding(schema, answer).map((f) => ({
      ...f,
      message: `the gateway's answer (HTTP ${r.status}): ${f.message}`,
    }));
  });
}

/** L1 / P1: every request is a POST to a documented endpoint (`schemas` maps the endpoints' paths). */
export function postToDocumented(gateway: string, schemas: Record<string, string>) {
  return (reqs: readonly ClientRequest[]): ClientVerdict =>
    each(reqs, (r) => {
      const out = [];
      if (r.method !== 'POST')
        out.push({
          message: `${r.method} ${r.path}: every ${gateway} endpoint is POST`,
          expected: 'POST',
          received: r.method,
        });
      if (!(r.path in schemas))
        out.push({
          message: `${r.path} is not a documented ${gateway} endpoint`,
          expected: Object.keys(schemas),
          received: r.path,
        });
      return out;
    });
}

/** L1 / P1: every request carries a JSON object body labelled application/json. */
export function jsonObjectBody(reqs: readonly ClientRequest[]): ClientVerdict {
  return each(reqs, (r) => {
    const out = [];
    const type = r.headers['content-type'] ?? '(absent)';
    if (!/^application\/json\s*(;|$)/i.test(type))
      out.push({
        message: `Content-Type is ${type}`,
        expected: 'application/json',
        received: type,
        corrected: { 'content-type': 'application/json' },
      });
    if (r.bodyProblem || !isObject(r.json))
      out.push({
        message: r.bodyProblem ?? 'the body is JSON but not an object',
        expected: 'a JSON object body',
        received: r.text?.slice(0, 200) ?? '(not UTF-8)',
      });
    return out;
  });
}

/** How a gateway's rules tell one order from another: its id, and its body without what a resend may renew. */
export interface OrderKey {
  idOf: (r: ClientRequest) => string | undefined;
  sameOrder: (r: ClientRequest) => string;
}

/**
 * The request that resends `first`: a later one to the same path with the same id, or one whose body is the same
 * apart from the id (a resend under a new id). Not merely the next request to the path: a client may send several
 * orders at once, and another order sent meanwhile is no retry (examples/merchant-client-alt creates concurrently).
 */
function resendOf(reqs: readonly ClientRequest[], first: ClientRequest, key: OrderKey) {
  const later = reqs.filter((r) => r.seq > first.seq && r.path === first.path);
  const id = key.idOf(first);
  // The body with its own id masked wherever it appears (top level, or nested as in Payloco v2's data).
  const masked = (r: ClientRequest) => {
    const own = key.idOf(r);
    const text = key.sameOrder(r);
    return own === undefined ? text : text.split(JSON.stringify(own)).join('"<id>"');
  };
  // The earliest of either: a client that resends under a new id and later sends the first id again (its own
  // deliberate replay) is judged on the resend. Another order identical to the first but for its id cannot be told
  // from a resend under a new id, and is judged as one.
  return later.find((r) => (id !== undefined && key.idOf(r) === id) || masked(r) === masked(first));
}

/**
 * The requests a scenario answered with a 5xx, each with the client's resend of it (its retry), or why the sequel
 * cannot be judged: the client did not try again. No such request: the scenario never fired.
 */
function retries(reqs: readonly ClientRequest[], needRetryAfter: boolean, key: OrderKey) {
  const hit = reqs.filter(
    (r) =>
      r.injected !== undefined && (r.status ?? 0) >= 500 && (!needRetryAfter || r.retryAfter !== undefined),
  );
  const pairs: [ClientRequest, ClientRequest][] = [];
  for (const first of hit) {
    const next = resendOf(reqs, first, key);
    if (next) pairs.push([first, next]);
  }
  const verdict: ClientVerdict = { judged: hit, findings: [] };
  if (hit.length && !pairs.length)
    verdict.cannotJudge = `the client did not send ${hit[0]!.path} again after the HTTP ${hit[0]!.status} (no retry to judge)`;
  return { verdict, pairs };
}

/** A retry after a 5xx resends the same order: the same id, the same body (`sameOrder` drops what may change). */
export function retryKeepsOrder(
  idOf: (r: ClientRequest) => string | undefined,
  sameOrder: (r: ClientRequest) => string,
  idName: string,
): (reqs: readonly ClientRequest[]) => ClientVerdict {
  return (reqs) => {
    const { verdict, pairs } = retries(reqs, false, { idOf, sameOrder });
    for (const [first, next] of pairs) {
      const id = idOf(first);
      if (id !== undefined && idOf(next) === id && sameOrder(first) === sameOrder(next)) continue;
      verdict.findings.push({
        request: next,
        message: `request #${next.seq} retries #${first.seq} (answered HTTP ${first.status}) ${
          idOf(next) !== id ? `with a new ${idName} ${String(idOf(next))}` : 'with a changed body'
        }: had the first attempt reached the gateway, this is a second order`,
        expected: { [idName]: id, body: 'the body of the first attempt, unchanged' },
        received: next.json ?? next.text,
        corrected: first.json,
      });
    }
    return verdict;
  };
}

/** A retry after an answer with Retry-After (seconds) comes no sooner, timed from arrival to arrival. */
export function retryAfterHonoured(key: OrderKey): (reqs: readonly ClientRequest[]) => ClientVerdict {
  return (reqs) => {
    const { verdict, pairs } = retries(reqs, true, key);
    for (const [first, next] of pairs) {
      const waitMs = Number(first.retryAfter) * 1000;
      const waited = next.at - first.at;
      if (!Number.isFinite(waitMs) || waited >= waitMs) continue;
      verdict.findings.push({
        request: next,
        message: `request #${next.seq} came ${waited} ms after the HTTP ${first.status} with Retry-After: ${first.retryAfter}`,
        expected: `at least ${waitMs} ms`,
        received: `${waited} ms`,
      });
    }
    return verdict;
  };
}

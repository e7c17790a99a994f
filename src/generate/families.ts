import { ensureJsonContentType, ensureJsonObject, ensureSchema, ensureStatus } from '../checks/response.js';
import { CheckFailure, SetupError } from '../core/outcome.js';
import { validate } from '../core/schema-registry.js';
import type { CheckContext, ProbeResponse, Setup } from '../engine/context.js';
import { setup } from '../engine/probe.js';
import { type Body, getAt, setAt } from './body-path.js';
import { endpointFields, type Family, fieldName, type GeneratedCase, generatedCases } from './cases.js';
import {
  amountSpellingCorners,
  BAD_AMOUNT_CORNERS,
  BAD_URL_CORNERS,
  belowMinimumCorners,
  enumBreakCorners,
  nonAsciiCorners,
  UNKNOWN_SEGMENT_CORNERS,
  WINDOW_CORNERS,
  wrongTypeCorners,
} from './corners.js';
import type { Endpoint } from './endpoints.js';
import { property } from './property.js';
import { type Field, requiredOneOf } from './schema-walk.js';
import {
  amountSpelling,
  badAmount,
  badUrl,
  belowMinimum,
  enumBreak,
  fc,
  filler,
  formatBreaks,
  nonAscii,
  patternBreaks,
  unknownSegment,
  wrongType,
} from './values.js';

// One function per rule family (as Schemathesis' checks.py): each builds the request of its case from a valid
// body, sends it and judges the answer through the gateway's kit, which knows what the profile expects of it.

export type { Body } from './body-path.js';

/** What the generated families need to know of a gateway: valid bodies, and how the profile judges answers. */
export interface GatewayKit {
  /** A valid body of the endpoint, with fresh ids (a query names an order that exists). */
  body(t: CheckContext, ep: Endpoint): Promise<Body>;
  /** A value for a field that makes the body unique where the field is an id (request_id, merchantOrderId). */
  uniqueValue?(t: CheckContext, ep: Endpoint, field: Field, length: number): string | undefined;
  /** The answer refuses invalid input as the profile says (L6 / P2–P4). */
  refused(t: CheckContext, ep: Endpoint, res: ProbeResponse): void | Promise<void>;
  /** The answer accepts a valid request. */
  accepted(t: CheckContext, ep: Endpoint, res: ProbeResponse, body: Body): void | Promise<void>;
  /** Whether the order the body names is on record (creating endpoints). */
  exists(t: CheckContext, ep: Endpoint, body: Body): Promise<boolean>;
  /** The amount the target answers for the order created with `body`. */
  echoedAmount(t: CheckContext, ep: Endpoint, body: Body, res: ProbeResponse): Promise<unknown>;
  /** Sends the body with a broken authentication of the given kind. */
  sendBadAuth(t: CheckContext, ep: Endpoint, body: Body, variant: string): Promise<ProbeResponse>;
  /** The answer refuses the broken authentication (HTTP 401 on Lesspay, a failure code on Payloco). */
  authRefused(t: CheckContext, ep: Endpoint, res: ProbeResponse): void;
  /** A correctly signed request was not refused for its signature. */
  signaturePassed(t: CheckContext, ep: Endpoint, res: ProbeResponse, body: Body): void;
  /** Names of the members that carry the signing corner values (undocumented members where the body allows one). */
  cornerMembers: { empty: string; nil: string; nested: string; list: string; text: string };
  /** Schema $id of the envelope of an answer of this kind. */
  envelopeSchema(ep: Endpoint, kind: string): string;
  /** L8 combinations (Lesspay query-order only). */
  window?(t: CheckContext, ids: string, win: string, span: number): Promise<void>;
}

/** The schema must reject what a negative case sends and accept what a positive one sends: else the generator is wrong. */
function ensureGenerated(ep: Endpoint, body: Body, valid: boolean): void {
  const result = validate(ep.schema, body);
  if (result.valid !== valid)
    throw new SetupError(
      `generated ${valid ? 'valid' : 'invalid'} body ${valid ? 'breaks' : 'meets'} ${ep.schema}${
        valid ? `: ${result.problems[0]?.message}` : ''
      }`,
    );
}

async function sendRefused(t: CheckContext, kit: GatewayKit, ep: Endpoint, body: Body): Promise<void> {
  ensureGenerated(ep, body, false);
  const res = await t.post(ep.path, body);
  await kit.refused(t, ep, res);
  if (ep.creates && (await kit.exists(t, ep, body)))
    throw new CheckFailure(
      'the refused request created an order anyway',
      'nothing created',
      'an order on record',
    );
}

async function sendAccepted(
  t: CheckContext,
  kit: GatewayKit,
  ep: Endpoint,
  body: Body,
): Promise<ProbeResponse> {
  ensureGenerated(ep, body, true);
  const res = await t.post(ep.path, body);
  await kit.accepted(t, ep, res, body);
  return res;
}

/** A string of `length` for the field: unique where the field is an id, else filler. */
function sized(
  t: CheckContext,
  kit: GatewayKit,
  ep: Endpoint,
  f: Field,
  length: number,
  fill: string,
): string {
  const unique = kit.uniqueValue?.(t, ep, f, length);
  if (unique !== undefined) return unique;
  if (f.url) {
    const head = 'https://merchant.paycert.example/';
    return head + fill.padEnd(length - head.length, 'a').slice(0, length - head.length);
  }
  return fill.padEnd(length, 'a').slice(0, length);
}

type CaseFn = (t: CheckContext, kit: GatewayKit, c: GeneratedCase) => Promise<void>;

/** The values a case tries: its family's corners on every run, then random ones. */
interface Values {
  corners: unknown[];
  random: fc.Arbitrary<unknown>;
}

const negative =
  (values: (f: Field, t: CheckContext, kit: GatewayKit, c: GeneratedCase, base: Body) => Values) =>
  async (t: CheckContext, kit: GatewayKit, c: GeneratedCase) => {
    const f = c.field!;
    const base = await kit.body(t, c.endpoint);
    const { corners, random } = values(f, t, kit, c, base);
    await property(
      t,
      random,
      async (value) => {
        const body = setAt(await kit.body(t, c.endpoint), f.path, value, 'last');
        await sendRefused(t, kit, c.endpoint, body);
      },
      corners,
    );
  };

const same = (values: unknown[]): Values => ({ corners: values, random: fc.constantFrom(...values) });

const FAMILY: Record<Family, CaseFn> = {
  required: async (t, kit, c) => {
    await sendRefused(
      t,
      kit,
      c.endpoint,
      setAt(await kit.body(t, c.endpoint), c.field!.path, undefined, 'last'),
    );
  },
  'one-of': async (t, kit, c) => {
    let body = await kit.body(t, c.endpoint);
    for (const name of c.variant!.split('|')) body = setAt(body, [name], undefined);
    await sendRefused(t, kit, c.endpoint, body);
  },
  type: negative((f) => ({ corners: wrongTypeCorners(f), random: wrongType(f) })),
  'max-length': negative((f, t, kit, c) => ({
    corners: [sized(t, kit, c.endpoint, f, f.maxLength! + 1, '')],
    random: filler(f.maxLength! + 1).map((s) => sized(t, kit, c.endpoint, f, f.maxLength! + 1, s)),
  })),
  'min-length': negative(() => same([''])),
  minimum: negative((f) => ({ corners: belowMinimumCorners(f), random: belowMinimum(f) })),
  'min-items': negative(() => same([[]])),
  amount: negative(() => ({ corners: BAD_AMOUNT_CORNERS, random: badAmount })),
  url: negative(() => ({ corners: BAD_URL_CORNERS, random: badUrl })),
  pattern: negative((f, _t, _k, _c, base) => same(patternBreaks(f, getAt(base, f.path)))),
  enum: negative((f) => ({ corners: enumBreakCorners(f), random: enumBreak(f) })),
  format: negative((f) => same(formatBreaks(f.format!))),
  'at-max-length': async (t, kit, c) => {
    const f = c.field!;
    const base = await kit.body(t, c.endpoint);
    const current = getAt(base, f.path);
    // A field naming something that must exist (a queried request_id): the kit's valid body already holds one of
    // exactly the maximum length.
    if (typeof current === 'string' && current.length === f.maxLength) {
      await sendAccepted(t, kit, c.endpoint, base);
      return;
    }
    await property(
      t,
      filler(f.maxLength!),
      async (fill) => {
        const value = sized(t, kit, c.endpoint, f, f.maxLength!, fill);
        await sendAccepted(t, kit, c.endpoint, setAt(await kit.body(t, c.endpoint), f.path, value, 'first'));
      },
      [''],
    );
  },
  'optional-absent': async (t, kit, c) => {
    let body = await kit.body(t, c.endpoint);
    // "One of these is required" (a query's ids): the first one stays.
    const keep = requiredOneOf(c.endpoint.schema)?.[0];
    const optional = endpointFields(c.endpoint).filter(
      (x) => !x.required && !x.nested && fieldName(x) !== keep,
    );
    for (const f of optional.reverse()) body = setAt(body, f.path, undefined);
    await sendAccepted(t, kit, c.endpoint, body);
  },
  'non-ascii': async (t, kit, c) => {
    const f = c.field!;
    await property(
      t,
      nonAscii(f.maxLength ?? 40),
      async (text) => {
        await sendAccepted(t, kit, c.endpoint, setAt(await kit.body(t, c.endpoint), f.path, text, 'first'));
      },
      nonAsciiCorners(f.maxLength),
    );
  },
  'enum-value': async (t, kit, c) => {
    await sendAccepted(
      t,
      kit,
      c.endpoint,
      setAt(await kit.body(t, c.endpoint), c.field!.path, c.value, 'first'),
    );
  },
  'amount-spelling': async (t, kit, c) => {
    const f = c.field!;
    const floor = c.endpoint.amountFloor;
    await property(
      t,
      amountSpelling(floor),
      async (amount) => {
        const body = spelled(await kit.body(t, c.endpoint), f, amount);
        const res = await sendAccepted(t, kit, c.endpoint, body);
        const echoed = await kit.echoedAmount(t, c.endpoint, body, res);
        if (echoed !== amount) {
          throw new CheckFailure(
            `the amount sent as ${JSON.stringify(amount)} is answered as ${JSON.stringify(echoed)}`,
            amount,
            echoed,
          );
        }
      },
      amountSpellingCorners(floor),
    );
  },
  auth: async (t, kit, c) => {
    const body = await kit.body(t, c.endpoint);
    const res = await kit.sendBadAuth(t, c.endpoint, body, c.variant!);
    kit.authRefused(t, c.endpoint, res);
    if (c.endpoint.creates && (await kit.exists(t, c.endpoint, body)))
      throw new CheckFailure(
        'the request with broken authentication created an order anyway',
        'nothing created',
        'an order on record',
      );
  },
  signing: async (t, kit, c) => {
    const body = { ...(await kit.body(t, c.endpoint)), ...cornerValues(kit, c.variant!) };
    const res = await t.post(c.endpoint.path, body);
    kit.signaturePassed(t, c.endpoint, res, body);
  },
  method: async (t, kit, c) => {
    // A GET carries no body (HTTP clients and proxies refuse one); the other methods carry the valid body.
    const res = await t.request({
      method: c.variant!,
      path: c.endpoint.path,
      body: c.variant === 'GET' ? undefined : await kit.body(t, c.endpoint),
    });
    ensureStatus(res, [405], `HTTP status of a ${c.variant}`);
  },
  'unknown-path': async (t, kit, c) => {
    const prefix = c.endpoint.path.slice(0, c.endpoint.path.lastIndexOf('/') + 1);
    await property(
      t,
      unknownSegment,
      async (segment) => {
        const res = await t.post(prefix + segment, await kit.body(t, c.endpoint));
        ensureStatus(res, [404], `HTTP status of POST ${prefix}${segment}`);
      },
      UNKNOWN_SEGMENT_CORNERS,
    );
  },
  'content-type': async (t, kit, c) => {
    const res = await t.use(answerSetup(kit, c));
    if (res.text !== '') {
      ensureJsonContentType(res);
      ensureJsonObject(res);
    }
  },
  envelope: async (t, kit, c) => {
    const res = await t.use(answerSetup(kit, c));
    if ((c.variant === 'not-found' || c.variant === 'wrong-method') && res.text === '')
      t.note('the answer has no body: nothing to judge');
    else ensureSchema(ensureJsonObject(res), kit.envelopeSchema(c.endpoint, c.variant!));
  },
  window: async (t, kit, c) => {
    const [ids, win] = c.variant!.split(' ');
    const span =
      win === 'inside'
        ? fc.integer({ min: 3_600_000, max: 604_800_000 })
        : win === 'over-seven-days'
          ? fc.integer({ min: 604_800_001, max: 604_800_000 * 5 })
          : win === 'reversed'
            ? fc.integer({ min: 1, max: 604_800_000 })
            : fc.constant(win === 'seven-days' ? 604_800_000 : 0);
    await property(t, span, (s) => kit.window!(t, ids, win, s), WINDOW_CORNERS[win] ?? []);
  },
};

/** The members a signing corner case adds: empty and null values, a nested object, an array, non-ASCII text. */
function cornerValues(kit: GatewayKit, variant: string): Body {
  const m = kit.cornerMembers;
  if (variant === 'empty-and-null') return { [m.empty]: '', [m.nil]: null };
  if (variant === 'nested-object')
    return { [m.nested]: { zeta: 'z', alpha: 'a', inner: { b: '2', a: '1' } } };
  if (variant === 'array') return { [m.list]: ['b', 'a', 1] };
  return { [m.text]: 'Zürich 東京 Ω' };
}

/** The body with the amount field (and any total that must match it) spelled as given. */
function spelled(body: Body, f: Field, amount: string): Body {
  let out = setAt(body, f.path, amount);
  // A batch's total is the sum of its details: one detail carries the whole amount.
  if (fieldName(f) === 'total_amount' && Array.isArray(out.payout_order_details))
    out = { ...out, payout_order_details: [{ ...out.payout_order_details[0], amount }] };
  return out;
}

// The content-type and the envelope checks of one kind of answer judge the same exchange: it is sent once per run.
const answerSetups = new Map<string, Setup<ProbeResponse>>();

function answerSetup(kit: GatewayKit, c: GeneratedCase): Setup<ProbeResponse> {
  const key = `${c.endpoint.gateway} ${c.endpoint.name} ${c.variant}`;
  let hit = answerSetups.get(key);
  if (!hit) {
    hit = setup(`${c.endpoint.name}: ${c.variant} answer`, (t) => answerOf(t, kit, c));
    answerSetups.set(key, hit);
  }
  return hit;
}

/** One answer of the kind the case names: success, refusal, authentication failure, 404 or 405. */
async function answerOf(t: CheckContext, kit: GatewayKit, c: GeneratedCase): Promise<ProbeResponse> {
  const ep = c.endpoint;
  const body = await kit.body(t, ep);
  switch (c.variant) {
    case 'success':
      return t.post(ep.path, body);
    case 'refusal': {
      const required = generatedCases(ep.gateway).find((x) => x.endpoint === ep && x.family === 'type')!
        .field!;
      return t.post(ep.path, setAt(body, required.path, { paycert: 'wrong type' }));
    }
    case 'auth-failure':
      return kit.sendBadAuth(t, ep, body, 'no-signature');
    case 'not-found':
      return t.post(`${ep.path.slice(0, ep.path.lastIndexOf('/') + 1)}no-such-endpoint`, body);
    default:
      return t.request({ method: 'GET', path: ep.path });
  }
}

/** Runs one generated case: loaded by src/generate/checks.ts when the first generated check runs. */
export function runCase(t: CheckContext, kit: GatewayKit, c: GeneratedCase): Promise<void> {
  return FAMILY[c.family](t, kit, c);
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CatalogueEntry } from '../catalogue.js';
import { UsageError } from '../errors.js';
import type { CheckFailure, CheckSkipped } from '../outcome.js';
import { codeDir, codeExt, dataDir } from '../paths.js';
import { redactDeep, redactText } from '../report/redact.js';
import { checkHead, shownTarget, singleGatewayResults } from '../report/run-results.js';
import type { CheckResult, Gateway, Results } from '../results.js';
import { validate } from '../schema-registry.js';
import { type HandlerCase, HandlerKit, type HandlerPreflight } from './handler-kit.js';

// `paycert webhook-test`: a small data-driven runner. The checks are data (suites/handler/catalogue/<gw>.json)
// plus one case function each (suites/handler/<gw>.cases.ts), run one after another against the handler.

/** Where the handler cases run from (code); their catalogue is data, at the package root. */
export const handlerSuiteDir = codeDir('suites/handler');
const handlerCatalogueDir = dataDir('suites/handler/catalogue');

interface HandlerCatalogue {
  gateway: Gateway;
  docs: Record<string, string>;
  checks: CatalogueEntry[];
}

export function handlerCatalogue(gateway: Gateway): HandlerCatalogue {
  const file = `${handlerCatalogueDir}${gateway}.json`;
  const cat = JSON.parse(readFileSync(file, 'utf8')) as HandlerCatalogue;
  const { valid, problems } = validate('paycert/catalogue.schema.json', cat);
  if (!valid) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  if (cat.gateway !== gateway) throw new Error(`${file}: gateway must be ${gateway}`);
  return cat;
}

async function casesModule(gateway: Gateway): Promise<{ cases: HandlerCase[]; preflight: HandlerPreflight }> {
  return import(pathToFileURL(`${handlerSuiteDir}${gateway}.cases${codeExt}`).href);
}

export async function handlerCases(gateway: Gateway): Promise<HandlerCase[]> {
  return (await casesModule(gateway)).cases;
}

/**
 * Tells a tester's mistake from a handler's fault before any check (exit 2 with a hint, never a failed check): the
 * handler must answer, must not treat a correctly signed callback exactly as a wrongly signed one (a wrong secret),
 * and the order-status URL must find the order the handler just acknowledged and answer the documented JSON.
 */
export async function preflightHandler(opts: HandlerRunOptions & { secretVar: string }): Promise<void> {
  const { preflight } = await casesModule(opts.gateway);
  const kit = new HandlerKit({ ...opts, runTag: randomBytes(3).toString('hex').toUpperCase() });
  const id = kit.orderId('PF');
  const valid = preflight.valid(kit, id);
  let answer: Awaited<ReturnType<HandlerKit['deliver']>>;
  try {
    answer = await kit.deliver(valid.body, valid.headers);
  } catch (err) {
    throw new UsageError(
      `the handler at ${shownTarget(opts.handlerUrl)} is unreachable: ${(err as Error).message}`,
    );
  }
  const acked = preflight.acknowledged(answer);
  if (!acked) {
    const wrong = preflight.wronglySigned(kit, kit.orderId('PF'));
    const refused = await kit.deliver(wrong.body, wrong.headers).catch(() => undefined);
    if (refused && refused.status === answer.status && refused.text === answer.text)
      throw new UsageError(
        `the handler answered a correctly signed callback exactly as a wrongly signed one (HTTP ${answer.status}): check that ${opts.secretVar} is the secret the handler verifies with (if it is, the handler refuses every callback)`,
      );
  }
  if (!opts.orderStatusUrl || !acked) return;
  const where = `--order-status-url ${shownTarget(opts.orderStatusUrl)}`;
  let state: Awaited<ReturnType<HandlerKit['orderState']>>;
  try {
    state = await kit.orderState(id);
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TransportError') throw new UsageError(`${where} is unreachable: ${e.message}`);
    throw new UsageError(`${where} does not answer the documented JSON {"status","processed"}: ${e.message}`);
  }
  if (!state.found)
    throw new UsageError(
      `${where} answered HTTP 404 for order ${id}, which the handler had just acknowledged: is the template right (e.g. http://127.0.0.1:3000/orders/{request_id})?`,
    );
  if (state.status === undefined || state.processed === undefined)
    throw new UsageError(
      `${where} does not answer the documented JSON {"status": "…", "processed": n} for order ${id}, which the handler had just acknowledged`,
    );
}

export interface HandlerRunOptions {
  gateway: Gateway;
  handlerUrl: string;
  secret: string;
  orderStatusUrl?: string;
  timeoutMs: number;
  strict: boolean;
  allowIncomplete?: boolean;
  selects?: (entry: CatalogueEntry) => boolean;
  onResult?: (r: CheckResult) => void;
}

// By name, not instanceof: the case files are loaded with a dynamic import, which a test runner that requires
// the harness as CommonJS resolves to a second instance of the outcome classes.
function outcomeOf(err: unknown): Pick<CheckResult, 'status' | 'message' | 'expected' | 'received'> {
  const e = err as Partial<CheckFailure & CheckSkipped> | undefined;
  switch (e?.name) {
    case 'CheckFailure':
      return { status: 'failed', message: e.message, expected: e.expected, received: e.received };
    case 'CheckSkipped':
      return { status: 'skipped', message: e.reason };
    case 'TransportError':
      return { status: 'error', message: `transport: ${e.message}` };
    case 'SetupError':
      return { status: 'error', message: e.message };
    default:
      return { status: 'error', message: `check error: ${e?.message ?? String(err)}` };
  }
}

/** Runs the handler checks of one gateway; returns results.json data (command webhook-test). */
export async function runHandlerChecks(opts: HandlerRunOptions): Promise<Results> {
  const startedAt = new Date();
  const started = performance.now();
  const runTag = randomBytes(3).toString('hex').toUpperCase();
  const cat = handlerCatalogue(opts.gateway);
  const byId = new Map((await handlerCases(opts.gateway)).map((c) => [c.id, c]));
  const checks: CheckResult[] = [];
  for (const entry of cat.checks) {
    if (opts.selects && !opts.selects(entry)) continue;
    const kase = byId.get(entry.id);
    if (!kase)
      throw new Error(`handler check ${entry.id} has no case in suites/handler/${opts.gateway}.cases.ts`);
    const kit = new HandlerKit({ ...opts, runTag });
    const t0 = performance.now();
    let outcome: ReturnType<typeof outcomeOf> = { status: 'passed' };
    try {
      await kase.run(kit);
    } catch (err) {
      outcome = outcomeOf(err);
    }
    const message = [outcome.message, ...kit.notes].filter(Boolean).join('\n');
    const result: CheckResult = redactDeep({
      ...checkHead(entry, cat.docs, opts.gateway),
      ...outcome,
      ...(message ? { message: redactText(message) } : {}),
      durationMs: Math.round(performance.now() - t0),
      evidence: kit.evidence,
    });
    checks.push(result);
    opts.onResult?.(result);
  }
  return singleGatewayResults({
    command: 'webhook-test',
    gateway: opts.gateway,
    target: opts.handlerUrl,
    targetKind: 'remote',
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete,
    startedAt,
    started,
    runTag,
    checks,
  });
}

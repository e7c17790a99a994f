import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type Catalogue, type CatalogueEntry, loadCatalogue } from '../core/catalogue.js';
import { UsageError } from '../core/errors.js';
import { type RunClock, resultsDocument, startRun } from '../core/head.js';
import { outcomeOfRun, SetupError } from '../core/outcome.js';
import { codeExt } from '../core/paths.js';
import { redactDeep } from '../core/redact.js';
import { resultOf } from '../core/result.js';
import type { CheckResult, Gateway, Results } from '../core/results.js';
import { judgeGateway } from '../core/verdict.js';
import { checkModule } from '../gateways/index.js';
import type { PaylocoWebhookForm } from '../signing/payloco.js';
import { type HandlerCase, HandlerKit, type HandlerPreflight } from './handler-kit.js';

// `paycert webhook-test`: a small data-driven runner. The checks are data (suites/handler/catalogue/<gw>.json)
// plus one case function each (suites/handler/<gw>.cases.ts), run one after another against the handler.

/** Where the handler cases run from (code); their catalogue is data, at the package root. */

/** The handler checks of a gateway (suites/handler/catalogue/<gateway>.json), through the one catalogue loader. */
export function handlerCatalogue(gateway: Gateway): Catalogue {
  return loadCatalogue('handler', gateway);
}

async function casesModule(gateway: Gateway): Promise<{ cases: HandlerCase[]; preflight: HandlerPreflight }> {
  return import(pathToFileURL(`${checkModule(gateway, 'handler')}${codeExt}`).href);
}

export async function handlerCases(gateway: Gateway): Promise<HandlerCase[]> {
  return (await casesModule(gateway)).cases;
}

function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.href;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Tells a tester's mistake from a handler's fault before any check (exit 2 with a hint, never a failed check): the
 * handler must answer, must not treat a correctly signed callback exactly as a wrongly signed one (a wrong secret),
 * and the order-status URL must find the order the handler just acknowledged and answer the documented JSON.
 */
export async function preflightHandler(opts: HandlerRunOptions & { secretVar: string }): Promise<void> {
  const { preflight } = await casesModule(opts.gateway);
  const kit = new HandlerKit({
    ...opts,
    runTag: randomBytes(3).toString('hex').toUpperCase(),
    orderOf: preflight.orderOf,
  });
  const id = kit.orderId('PF');
  const valid = preflight.valid(kit, id);
  let answer: Awaited<ReturnType<HandlerKit['deliver']>>;
  try {
    answer = await kit.deliver(valid.body, valid.headers);
  } catch (err) {
    if (err instanceof SetupError) throw new UsageError(err.message);
    throw new UsageError(
      `the handler at ${shown(opts.handlerUrl)} is unreachable: ${(err as Error).message}`,
    );
  }
  const acked = preflight.acknowledged(answer);
  if (!acked) {
    const wrong = preflight.wronglySigned(kit, kit.orderId('PF'));
    const refused = await kit.deliver(wrong.body, wrong.headers).catch(() => undefined);
    const same = refused && refused.status === answer.status && refused.text === answer.text;
    // 404/405 to both callbacks is the web server's "no such route", not a signature verdict: the path is wrong.
    if (same && (answer.status === 404 || answer.status === 405))
      throw new UsageError(
        `the handler URL ${shown(opts.handlerUrl)} answered HTTP ${answer.status} to every callback, signed or not: nothing handles callbacks at that path; check the path of --handler-url${opts.orderSetupUrl ? '' : ' (or, if the handler answers 404 for orders it never created, see --order-setup-url)'}`,
      );
    if (same)
      throw new UsageError(
        `the handler answered a correctly signed callback exactly as a wrongly signed one (HTTP ${answer.status}): check that ${opts.secretVar} is the secret the handler verifies with (if it is, the handler refuses every callback${opts.orderSetupUrl ? '' : ', or those of orders it never created: see --order-setup-url'})`,
      );
  }
  if (!opts.orderStatusUrl || !acked) return;
  const where = `--order-status-url ${shown(opts.orderStatusUrl)}`;
  let state: Awaited<ReturnType<HandlerKit['orderState']>>;
  try {
    // Waits: a handler may acknowledge first and apply the callback from a queue afterwards.
    state = await kit.waitForOrder(id);
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TransportError') throw new UsageError(`${where} is unreachable: ${e.message}`);
    throw new UsageError(`${where} does not answer the documented JSON {"status","processed"}: ${e.message}`);
  }
  if (!state.found)
    throw new UsageError(
      `${where} answered HTTP 404 for order ${id}, which the handler had just acknowledged (read for ${opts.timeoutMs} ms): is the template right (e.g. http://127.0.0.1:3000/orders/{request_id})?`,
    );
  // An answer in the documented shape that shows the order unapplied (status null or missing, processed 0) is a
  // usable answer: the handler acknowledged without applying, which LPH-ACK-003 / PLH-ACK-002 fail. Only an answer
  // that is not that shape at all is the tester's to fix.
  if (!state.documented)
    throw new UsageError(
      `${where} does not answer the documented JSON {"status": "…", "processed": n} for order ${id}, which the handler had just acknowledged`,
    );
}

export interface HandlerRunOptions {
  gateway: Gateway;
  handlerUrl: string;
  secret: string;
  orderStatusUrl?: string;
  orderSetupUrl?: string;
  /** Payloco: what x-signature covers (`--webhook-signed`). */
  signedForm?: PaylocoWebhookForm;
  timeoutMs: number;
  strict: boolean;
  allowIncomplete?: boolean;
  selects?: (entry: CatalogueEntry) => boolean;
  /** The selection in words (`--only LPH-SIG-*`), for the verdict's statement. */
  selection?: string;
  onResult?: (r: CheckResult) => void;
}

/** Runs the handler checks of one gateway; returns results.json data (command webhook-test). */
export async function runHandlerChecks(opts: HandlerRunOptions): Promise<Results> {
  const clock = startRun();
  const { runTag } = clock;
  const cat = handlerCatalogue(opts.gateway);
  const { cases, preflight } = await casesModule(opts.gateway);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const checks: CheckResult[] = [];
  for (const entry of cat.checks) {
    if (opts.selects && !opts.selects(entry)) continue;
    const kase = byId.get(entry.id);
    if (!kase)
      throw new Error(`handler check ${entry.id} has no case in ${checkModule(opts.gateway, 'handler')}`);
    const kit = new HandlerKit({ ...opts, runTag, barrier: preflight, orderOf: preflight.orderOf });
    const t0 = performance.now();
    const outcome = await outcomeOfRun(() => kase.run(kit));
    const result: CheckResult = redactDeep(
      resultOf({
        gateway: opts.gateway,
        entry,
        url: cat.docs[entry.spec.section],
        outcome,
        notes: kit.notes,
        durationMs: performance.now() - t0,
        evidence: kit.evidence,
      }),
    );
    checks.push(result);
    opts.onResult?.(result);
  }
  return handlerResults(clock, opts, checks);
}

/** The results document of a handler run, from the checks it judged (all of them, or those before a signal). */
export function handlerResults(
  clock: RunClock,
  opts: Pick<HandlerRunOptions, 'gateway' | 'handlerUrl' | 'strict' | 'allowIncomplete' | 'selection'>,
  checks: CheckResult[],
): Results {
  // --only judges part of the handler catalogue: a pass of part of it is passed-partial, never certified.
  const mustTotal = handlerCatalogue(opts.gateway).checks.filter((e) => e.level === 'MUST').length;
  const judged = judgeGateway(checks, opts.strict, { mustTotal, selection: opts.selection });
  return resultsDocument(clock, {
    command: 'webhook-test',
    strict: opts.strict,
    allowIncomplete: opts.allowIncomplete,
    gateways: [
      {
        gateway: opts.gateway,
        target: shown(opts.handlerUrl),
        targetKind: 'remote',
        ...judged,
      },
    ],
    checks,
  });
}

import { pathToFileURL } from 'node:url';
import { type Catalogue, loadCatalogue } from '../core/catalogue.js';
import { type RunClock, resultsDocument } from '../core/head.js';
import { CheckFailure, CheckSkipped, outcomeOf, passedOutcome } from '../core/outcome.js';
import { codeExt } from '../core/paths.js';
import { redactDeep } from '../core/redact.js';
import { type Ran, resultOf } from '../core/result.js';
import type { CheckResult, Exchange, Gateway, Results } from '../core/results.js';
import { judgeGateway } from '../core/verdict.js';
import { checkModule } from '../gateways/index.js';
import {
  type ClientCredentials,
  type ClientFinding,
  type ClientRequest,
  type ClientRule,
  clientRequest,
  requestLine,
} from './client-kit.js';
import type { Recorded } from './recorder.js';
import { type Scenario, scenarioChecks } from './scenarios.js';

// `paycert audit` and `paycert proxy`: the client checks are data (suites/client/catalogue/<gw>.json) plus one rule
// each (suites/client/<gw>.rules.ts), run over the exchanges the recording front kept.

export type { Recorded, Recorder } from './recorder.js';
export { startRecorder } from './recorder.js';

/** The client checks of a gateway (suites/client/catalogue/<gateway>.json), through the one catalogue loader. */
export function clientCatalogue(gateway: Gateway): Catalogue {
  return loadCatalogue('client', gateway);
}

export async function clientRules(gateway: Gateway): Promise<ClientRule[]> {
  return (await import(pathToFileURL(`${checkModule(gateway, 'client')}${codeExt}`).href)).rules;
}

/** At most this many offending requests are kept as evidence of one check (the message counts them all). */
const SHOWN = 5;
const BODY_SHOWN = 4096;

function evidenceOf(r: ClientRequest, origin: string): Exchange {
  const text = r.text ?? `(${r.raw.length} bytes, not UTF-8)`;
  return {
    request: {
      method: r.method,
      url: `${origin}${r.path}${r.query ? `?${r.query}` : ''}`,
      headers: { ...r.headers },
      body: text.length > BODY_SHOWN ? `${text.slice(0, BODY_SHOWN)}…` : text,
    },
    response:
      r.status === undefined
        ? null
        : {
            status: r.status,
            body: (r.responseText ?? '').slice(0, BODY_SHOWN),
          },
  };
}

function findingLine(f: ClientFinding): string {
  const fix = f.corrected === undefined ? '' : `\n    corrected example: ${JSON.stringify(f.corrected)}`;
  return `${requestLine(f.request)}: ${f.message}${fix}`;
}

/**
 * What one client rule made of the traffic, as core/outcome records it: findings are a CheckFailure, traffic the
 * rule does not apply to (or cannot judge) a CheckSkipped, a rule that throws an error of the check.
 */
function ruleOutcome(
  rule: ClientRule,
  requests: readonly ClientRequest[],
  opts: JudgeOptions,
  selected: boolean,
): Pick<Ran, 'outcome' | 'notes' | 'evidence'> {
  try {
    const v = rule.judge(requests, opts.credentials);
    const notes = v.notes ?? [];
    if (v.judged.length === 0) {
      const scenario = opts.scenario!;
      throw selected
        ? new CheckSkipped(
            `scenario ${scenario.name} was selected but the client never sent a request it ${scenario.answer ? 'answers' : 'judges'} (${scenario.paths.join(', ')})`,
          )
        : new CheckSkipped('the client sent no request this check applies to', true);
    }
    if (v.cannotJudge) throw new CheckSkipped(v.cannotJudge);
    if (v.findings.length === 0)
      return { outcome: passedOutcome(), notes, evidence: [evidenceOf(v.judged[0]!, opts.origin)] };
    const shown = v.findings.slice(0, SHOWN);
    const more = v.findings.length - shown.length;
    const failure = new CheckFailure(
      [
        `${v.findings.length} of ${v.judged.length} requests break this rule`,
        ...shown.map(findingLine),
        ...(more > 0 ? [`… and ${more} more`] : []),
      ].join('\n'),
      shown[0]!.expected,
      shown[0]!.received,
    );
    return {
      outcome: outcomeOf(failure),
      notes,
      evidence: shown.map((f) => evidenceOf(f.request, opts.origin)),
    };
  } catch (err) {
    return { outcome: outcomeOf(err) };
  }
}

export interface JudgeOptions {
  gateway: Gateway;
  exchanges: readonly Recorded[];
  credentials: ClientCredentials;
  /** Origin shown in the evidence URLs (the base URL the client was given). */
  origin: string;
  /** The scenario the run injected (`--scenario`); its checks run, other scenarios' checks are left out. */
  scenario?: Scenario;
}

/** Judges the recorded traffic with every client check of the gateway; one result per catalogue entry. */
export async function judgeClient(opts: JudgeOptions): Promise<CheckResult[]> {
  const cat = clientCatalogue(opts.gateway);
  const byId = new Map((await clientRules(opts.gateway)).map((r) => [r.id, r]));
  const requests = opts.exchanges.map(clientRequest);
  const results: CheckResult[] = [];
  const onlyUnder = scenarioChecks(opts.gateway);
  const selected = new Set(opts.scenario?.checks ?? []);
  for (const entry of cat.checks.filter((e) => !onlyUnder.has(e.id) || selected.has(e.id))) {
    const rule = byId.get(entry.id);
    if (!rule)
      throw new Error(`client check ${entry.id} has no rule in ${checkModule(opts.gateway, 'client')}`);
    const t0 = performance.now();
    const found = ruleOutcome(rule, requests, opts, selected.has(entry.id));
    results.push(
      redactDeep(
        resultOf({
          gateway: opts.gateway,
          entry,
          url: cat.docs[entry.spec.section],
          ...found,
          durationMs: performance.now() - t0,
        }),
      ),
    );
  }
  return results;
}

export interface ClientRun extends JudgeOptions {
  command: 'audit' | 'proxy';
  target: string;
  targetKind: 'embedded-mock' | 'remote';
  strict: boolean;
  /** `--allow-incomplete`: recorded in the results (the verdict stays incomplete). */
  allowIncomplete?: boolean;
  clock: RunClock;
  /** The upstream (sandbox or mock) failed, not the client: the client could not be judged (verdict `error`). */
  upstreamError?: string;
  /** `audit`: the client's own command failed, so its tests saw something go wrong (verdict `not-certified`). */
  commandFailure?: string;
}

/** A URL as shown in a report: no credentials, no query. */
function shownTarget(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  u.search = '';
  return u.href;
}

export async function clientResults(run: ClientRun): Promise<Results> {
  const checks = await judgeClient(run);
  return resultsDocument(run.clock, {
    command: run.command,
    strict: run.strict,
    allowIncomplete: run.allowIncomplete,
    gateways: [
      {
        gateway: run.gateway,
        target: shownTarget(run.target),
        targetKind: run.targetKind,
        ...judgeGateway(checks, run.strict, {
          gatewayError: run.upstreamError,
          commandFailure: run.upstreamError ? undefined : run.commandFailure,
        }),
        ...(run.upstreamError ? { error: run.upstreamError } : {}),
        ...(run.commandFailure && !run.upstreamError ? { warning: run.commandFailure } : {}),
      },
    ],
    checks,
  });
}

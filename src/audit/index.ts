import { pathToFileURL } from 'node:url';
import { type Catalogue, loadCatalogue } from '../core/catalogue.js';
import { type RunClock, resultsDocument } from '../core/head.js';
import { codeDir, codeExt } from '../core/paths.js';
import { redactDeep, redactText } from '../core/redact.js';
import { describeCheck } from '../core/result.js';
import type { CheckResult, Exchange, Gateway, Results } from '../core/results.js';
import { summarize, verdictOf } from '../core/verdict.js';
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

const clientSuiteDir = codeDir('suites/client');

/** The client checks of a gateway (suites/client/catalogue/<gateway>.json), through the one catalogue loader. */
export function clientCatalogue(gateway: Gateway): Catalogue {
  return loadCatalogue('client', gateway);
}

export async function clientRules(gateway: Gateway): Promise<ClientRule[]> {
  return (await import(pathToFileURL(`${clientSuiteDir}${gateway}.rules${codeExt}`).href)).rules;
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
      throw new Error(`client check ${entry.id} has no rule in suites/client/${opts.gateway}.rules.ts`);
    const t0 = performance.now();
    let outcome: Pick<
      CheckResult,
      'status' | 'message' | 'expected' | 'received' | 'evidence' | 'notApplicable'
    >;
    try {
      const v = rule.judge(requests, opts.credentials);
      const notes = v.notes ?? [];
      if (v.judged.length === 0)
        outcome = selected.has(entry.id)
          ? {
              status: 'skipped',
              message: `scenario ${opts.scenario!.name} was selected but the client never sent a request it ${opts.scenario!.answer ? 'answers' : 'judges'} (${opts.scenario!.paths.join(', ')})`,
            }
          : {
              status: 'skipped',
              notApplicable: true,
              message: 'the client sent no request this check applies to',
            };
      else if (v.cannotJudge) outcome = { status: 'skipped', message: v.cannotJudge };
      else if (v.findings.length === 0)
        outcome = {
          status: 'passed',
          ...(notes.length ? { message: notes.join('\n') } : {}),
          evidence: [evidenceOf(v.judged[0]!, opts.origin)],
        };
      else {
        const shown = v.findings.slice(0, SHOWN);
        const more = v.findings.length - shown.length;
        outcome = {
          status: 'failed',
          message: [
            `${v.findings.length} of ${v.judged.length} requests break this rule`,
            ...shown.map(findingLine),
            ...(more > 0 ? [`… and ${more} more`] : []),
            ...notes,
          ].join('\n'),
          expected: shown[0]!.expected,
          received: shown[0]!.received,
          evidence: shown.map((f) => evidenceOf(f.request, opts.origin)),
        };
      }
    } catch (err) {
      outcome = { status: 'error', message: `check error: ${(err as Error).message}` };
    }
    results.push(
      redactDeep({
        ...describeCheck(opts.gateway, entry, cat.docs[entry.spec.section]),
        ...outcome,
        ...(outcome.message ? { message: redactText(outcome.message) } : {}),
        durationMs: Math.round(performance.now() - t0),
      }),
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
  const verdict = verdictOf(checks, run.strict);
  return resultsDocument(run.clock, {
    command: run.command,
    strict: run.strict,
    allowIncomplete: run.allowIncomplete,
    gateways: [
      {
        gateway: run.gateway,
        target: shownTarget(run.target),
        targetKind: run.targetKind,
        verdict,
        summary: summarize(checks),
      },
    ],
    checks,
  });
}

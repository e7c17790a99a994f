import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Verifier } from '@pact-foundation/pact';
import { resultsDocument, startRun } from '../core/head.js';
import { importOptional } from '../core/optional.js';
import { CheckError, CheckFailure, outcomeOf, passedOutcome } from '../core/outcome.js';
import type { CheckResult, Exchange, Gateway, Results } from '../core/results.js';
import { judgeGateway } from '../core/verdict.js';
import { displayUrl } from '../engine/certify.js';
import {
  type Credentials,
  gatewayModel,
  gateways,
  type LesspayCredentials,
  type PaylocoCredentials,
} from '../gateways/index.js';
import { CHECK_PREFIX, contractFile, PROVIDER } from './contract.js';
import { type ExchangeLog, providerSetup, type StateLog } from './provider-states.js';

// Replays the recorded contracts against any provider URL with the pact-js Verifier and maps each interaction to one
// paycert check. The verifier runs in-process (native pact core); its own proxy sits between the core and the target,
// and our requestFilter (provider-states.ts) re-signs every replayed request for the target's credentials.

export interface ConsumerVersionSelector {
  tag?: string;
  latest?: boolean;
  consumer?: string;
  deployedOrReleased?: boolean;
  deployed?: boolean;
  released?: boolean;
  environment?: string;
  fallbackTag?: string;
  branch?: string;
  mainBranch?: boolean;
  matchingBranch?: boolean;
}

export interface BrokerOptions {
  url: string;
  token?: string;
  consumerVersionSelectors?: ConsumerVersionSelector[];
  publishResults?: boolean;
  /** Required with publishResults. */
  providerVersion?: string;
  providerBranch?: string;
}

export interface VerifyContractsOptions {
  gateway: Gateway;
  baseUrl: string;
  credentials: Credentials;
  /** Pact files to replay; default the committed contract of the gateway. Ignored when `broker` is given. */
  pactFiles?: string[];
  broker?: BrokerOptions;
  /** Timeout of each replayed request and each state-setup call, in ms. */
  timeoutMs?: number;
  /** Hard limit on the whole verification (the native verifier cannot be cancelled, only abandoned). */
  deadlineMs?: number;
  targetKind?: 'embedded-mock' | 'remote';
  logLevel?: 'warn' | 'error';
}

export interface VerifyJson {
  result?: boolean;
  errors?: { interaction: string; mismatch?: { mismatches?: Mismatch[]; message?: string; type?: string } }[];
  interactionResults?: { description: string; result: string; duration?: string }[];
  output?: string[];
}

interface Mismatch {
  mismatch?: string;
  path?: string;
  type?: string;
  expected?: unknown;
  actual?: unknown;
  key?: string;
}

interface RecordedInteraction {
  description: string;
  method?: string;
  path?: string;
  reading?: string;
  states: string[];
}

/** Readings by endpoint (each gateway model's), for interactions whose pact carries no `comments.references.paycert.reading`. */
const READING_BY_PATH: Record<string, string> = Object.fromEntries(
  gateways().flatMap((g) =>
    Object.values(g.endpoints).flatMap((e): [string, string][] => (e.reading ? [[e.path, e.reading]] : [])),
  ),
);

export function readInteractions(files: string[]): RecordedInteraction[] {
  const out: RecordedInteraction[] = [];
  for (const file of files) {
    const pact = JSON.parse(readFileSync(file, 'utf8'));
    for (const i of pact.interactions ?? []) {
      out.push({
        description: i.description,
        method: i.request?.method,
        path: i.request?.path,
        reading: i.comments?.references?.paycert?.reading,
        states: (i.providerStates ?? []).map((s: { name: string }) => s.name),
      });
    }
  }
  return out;
}

/** Stable check IDs: the interactions' descriptions in sorted order, numbered from 001 (PACT-LP-001, …). */
export function checkIds(gateway: Gateway, descriptions: string[]): Map<string, string> {
  const sorted = [...new Set(descriptions)].sort();
  return new Map(sorted.map((d, i) => [d, `${CHECK_PREFIX[gateway]}-${String(i + 1).padStart(3, '0')}`]));
}

export function parseVerifierJson(text: string): VerifyJson | undefined {
  try {
    const json = JSON.parse(text);
    return json && typeof json === 'object' ? (json as VerifyJson) : undefined;
  } catch {
    return undefined;
  }
}

function mismatchText(m: Mismatch): string {
  const where = m.path ?? m.key ?? m.type ?? '';
  return where ? `${where}: ${m.mismatch ?? ''}`.trim() : (m.mismatch ?? '');
}

function errorsFor(json: VerifyJson, description: string): Mismatch[] {
  const suffix = ` - ${description}`;
  const out: Mismatch[] = [];
  for (const e of json.errors ?? []) {
    if (!e.interaction.endsWith(suffix)) continue;
    if (e.mismatch?.mismatches?.length) out.push(...e.mismatch.mismatches);
    else out.push({ mismatch: e.mismatch?.message ?? 'the interaction failed without a mismatch report' });
  }
  return out;
}

function durationMs(d?: string): number {
  if (!d) return 0;
  let ms = 0;
  for (const [, n, unit] of d.matchAll(/([\d.]+)\s*(ms|s|m)\b/g)) {
    const v = Number(n);
    ms += unit === 'ms' ? v : unit === 's' ? v * 1000 : v * 60_000;
  }
  return Math.round(ms);
}

/** Maps a verifier run to one check per interaction. Exported for tests. */
export function toChecks(
  gateway: Gateway,
  recorded: RecordedInteraction[],
  json: VerifyJson | undefined,
  extras: {
    stateErrors: StateLog[];
    exchanges: ExchangeLog[];
    runError?: string;
    hints?: RecordedInteraction[];
  },
): CheckResult[] {
  const results = json?.interactionResults ?? [];
  const descriptions = recorded.length
    ? recorded.map((r) => r.description)
    : results.map((r) => r.description);
  const ids = checkIds(gateway, descriptions);
  // One replayed request per interaction, in the verifier's order: zip them when the counts agree.
  const evidence = new Map<string, Exchange>();
  const zipped = results.length === extras.exchanges.length;
  if (zipped)
    for (const [i, r] of results.entries()) evidence.set(r.description, extras.exchanges[i]!.exchange);

  return [...ids.entries()].map(([description, id]) => {
    const rec =
      recorded.find((r) => r.description === description) ??
      extras.hints?.find((r) => r.description === description);
    const outcome = results.find((r) => r.description === description);
    const reading =
      rec?.reading ??
      (rec?.path ? READING_BY_PATH[rec.path] : undefined) ??
      gatewayModel(gateway).readings.envelope;
    const base: CheckResult = {
      id,
      gateway,
      endpoint: rec?.method && rec.path ? `${rec.method} ${rec.path}` : undefined,
      title: description,
      level: 'MUST',
      reading,
      specRef: { doc: 'contract', section: `${PROVIDER[gateway]} pact: ${description}` },
      ...passedOutcome(),
      durationMs: durationMs(outcome?.duration),
    };
    if (!base.endpoint) delete base.endpoint;
    const ex = evidence.get(description);
    if (ex) base.evidence = [ex];
    const judged = (failure?: Error): CheckResult => (failure ? { ...base, ...outcomeOf(failure) } : base);
    if (!outcome)
      return judged(new CheckError(extras.runError ?? 'the verifier did not report this interaction'));
    const mismatches = errorsFor(json!, description);
    if (/^ok$/i.test(outcome.result) && mismatches.length === 0) return judged();
    // The target could not be talked to: an error (like a probe's transport failure), not a conformance failure.
    if (ex?.error) return judged(new CheckError(`target unreachable: ${ex.error}`));
    // A setup belongs to the interaction replayed right after it; without that order, go by the state's name.
    const index = results.indexOf(outcome);
    const stateProblems = extras.stateErrors.filter((s) =>
      zipped && s.before !== undefined ? s.before === index : rec?.states.includes(s.state),
    );
    const unreachable = stateProblems.find((s) => s.transport);
    if (unreachable)
      return judged(new CheckError(`provider state "${unreachable.state}": ${unreachable.error}`));
    const lines = mismatches.map(mismatchText);
    for (const s of stateProblems) lines.push(`provider state "${s.state}" could not be set up: ${s.error}`);
    // A provider state the target refused to set up is a finding about the target, like a mismatch.
    return judged(
      new CheckFailure(
        lines.join('\n') || `verification result: ${outcome.result}`,
        mismatches[0]?.expected,
        mismatches[0]?.actual,
      ),
    );
  });
}

/** Replays the contracts against `baseUrl` and returns paycert results (format paycert-results/1, command verify). */
export async function verifyContracts(opts: VerifyContractsOptions): Promise<Results> {
  const clock = startRun();
  const { gateway } = opts;
  const pact = await importOptional<typeof import('@pact-foundation/pact')>(
    '@pact-foundation/pact',
    'the verify command',
  );
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pactFiles = opts.broker ? [] : (opts.pactFiles ?? [contractFile(gateway)]);
  const recorded = readInteractions(pactFiles);
  // From a broker the pacts are the verifier's business; the committed contract still tells readings and endpoints.
  let hints: RecordedInteraction[] = [];
  if (opts.broker) {
    try {
      hints = readInteractions([contractFile(gateway)]);
    } catch {}
  }
  const setup = await providerSetup(gateway, opts.baseUrl, opts.credentials, timeoutMs);

  const config: ConstructorParameters<typeof Verifier>[0] = {
    provider: PROVIDER[gateway],
    providerBaseUrl: opts.baseUrl,
    logLevel: opts.logLevel ?? 'error',
    // The filter forwards with timeoutMs; the verifier's own limit must be longer so the answer (502) reaches it.
    timeout: timeoutMs + 5000,
    stateHandlers: setup.stateHandlers,
    requestFilter: setup.requestFilter as (
      req: IncomingMessage,
      res: ServerResponse,
      next: () => void,
    ) => void,
    failIfNoPactsFound: true,
  } as any;
  if (opts.broker) {
    const b = opts.broker;
    Object.assign(config, {
      pactBrokerUrl: b.url,
      ...(b.token ? { pactBrokerToken: b.token } : {}),
      consumerVersionSelectors: b.consumerVersionSelectors ?? [{ latest: true }],
      publishVerificationResult: b.publishResults === true,
      ...(b.providerVersion ? { providerVersion: b.providerVersion } : {}),
      ...(b.providerBranch ? { providerVersionBranch: b.providerBranch } : {}),
    });
  } else {
    config.pactUrls = pactFiles;
  }

  const deadlineMs = opts.deadlineMs ?? Math.max(60_000, (recorded.length || 20) * timeoutMs * 3);
  let json: VerifyJson | undefined;
  let runError: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const out = await Promise.race([
      new pact.Verifier(config).verifyProvider(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(deadlineMs)), deadlineMs);
        timer.unref();
      }),
    ]);
    json = parseVerifierJson(String(out));
  } catch (err) {
    const e = err as Error;
    json = parseVerifierJson(e.message);
    if (!json) runError = e instanceof DeadlineError ? e.message : `the verifier could not run: ${e.message}`;
  } finally {
    if (timer) clearTimeout(timer);
  }

  if (json && !runError && !json.interactionResults?.length && json.errors?.length)
    runError = json.errors.map((e) => `${e.interaction}: ${e.mismatch?.message ?? 'failed'}`).join('; ');
  const checks = toChecks(gateway, recorded, json, {
    stateErrors: setup.stateErrors,
    exchanges: setup.exchanges,
    runError,
    hints,
  });
  if (checks.length === 0 && !runError) runError = 'no interaction was verified (no pacts found?)';
  return resultsDocument(clock, {
    command: 'verify',
    strict: false,
    gateways: [
      {
        gateway,
        target: displayUrl(opts.baseUrl),
        targetKind: opts.targetKind ?? 'remote',
        ...judgeGateway(checks, false, { gatewayError: runError }),
        ...(runError ? { error: runError } : {}),
      },
    ],
    checks,
  });
}

class DeadlineError extends Error {
  constructor(ms: number) {
    super(`the verification did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineError';
  }
}

/** Names of the interactions that did not verify (what the CLI prints). */
export function failingInteractions(results: Results): string[] {
  return results.checks
    .filter((c) => c.status === 'failed' || c.status === 'error')
    .map((c) => `${c.id} ${c.title}`);
}

export type { LesspayCredentials, PaylocoCredentials };

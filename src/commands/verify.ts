// The generated checks join the catalogue before anything loads it.
import '../generate/register.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonErrorText, UsageError } from '../core/errors.js';
import { resultsDocument, startRun } from '../core/head.js';
import { ensureOptional } from '../core/optional.js';
import { redactText, registeredSecrets, registerSecret } from '../core/redact.js';
import type { Gateway } from '../core/results.js';
import { exitCodeOf, interruptedGateway } from '../core/verdict.js';
import { displayUrl } from '../engine/certify.js';
import { startEmbedded } from '../engine/embedded.js';
import { parseBaseUrl } from '../engine/guard.js';
import { smoke } from '../engine/smoke.js';
import { type CredentialFlags, credentialsFor, registerCredentialSecrets } from '../gateways/credentials.js';
import { parseGateway } from '../gateways/index.js';
import { checkLine, summaryLines } from '../output/console.js';
import { RunSession } from '../output/session.js';
import { PROVIDER } from '../pact/contract.js';
import { type ConsumerVersionSelector, failingInteractions } from '../pact/verify.js';
import { verifyInChild } from '../pact/verify-process.js';
import { checkMockFault } from './run.js';

export interface VerifyFlags extends CredentialFlags {
  baseUrl?: string;
  pact?: string[];
  brokerUrl?: string;
  consumerVersionSelector?: string[];
  publishResults?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  reportDir: string;
  timeout?: number;
  allowProduction?: boolean;
  quiet?: boolean;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
  mockVariant?: string;
  mockFault?: string;
  allowIncomplete?: boolean;
}

/** A pact file must be JSON and name this gateway as its provider: another provider's pact is refused, not relabelled. */
function checkPactFile(file: string, gateway: Gateway): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`pact file not found: ${file}`);
  let pact: { provider?: { name?: unknown } };
  const text = readFileSync(file, 'utf8');
  try {
    pact = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`pact file ${file} is not valid JSON: ${jsonErrorText(err, text)}`);
  }
  const provider = pact?.provider?.name;
  if (provider !== PROVIDER[gateway])
    throw new UsageError(
      `pact file ${file} is for provider ${JSON.stringify(provider ?? null)}, not ${PROVIDER[gateway]}: verify it with the gateway it names`,
    );
}

function selectors(values: string[] | undefined): ConsumerVersionSelector[] | undefined {
  if (!values?.length) return undefined;
  return values.map((v) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new UsageError(`--consumer-version-selector is not JSON: ${v}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new UsageError(
        `--consumer-version-selector must be a JSON object, e.g. '{"mainBranch":true}': ${v}`,
      );
    return parsed as ConsumerVersionSelector;
  });
}

function brokerUrl(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return u.href.replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--broker-url must be an http(s) URL, got ${value}`);
  }
}

/**
 * `paycert verify <gateway>`: replays the contracts (contracts/ or --pact files, or the broker's) against the target
 * (--base-url, or the bundled mock) and writes the report. Exit code: 0 every interaction verified, 1 a mismatch,
 * 2 usage error or the verification could not run.
 */
export async function verifyCommand(gatewayArg: string, flags: VerifyFlags): Promise<number> {
  const gateway = parseGateway(gatewayArg);
  if (flags.brokerUrl && flags.pact?.length)
    throw new UsageError('give either --pact files or --broker-url, not both');
  if (flags.publishResults && !flags.brokerUrl) throw new UsageError('--publish-results needs --broker-url');
  if (flags.publishResults && !flags.providerVersion)
    throw new UsageError('--publish-results needs --provider-version (e.g. the git commit of the provider)');
  if (flags.consumerVersionSelector?.length && !flags.brokerUrl)
    throw new UsageError('--consumer-version-selector needs --broker-url');
  for (const file of flags.pact ?? []) checkPactFile(file, gateway);
  // The verifier runs in a child process: a missing Pact is said here, before any target is contacted.
  ensureOptional('@pact-foundation/pact', 'the verify command');
  const broker = flags.brokerUrl
    ? {
        url: brokerUrl(flags.brokerUrl),
        token: process.env.PACT_BROKER_TOKEN || undefined,
        consumerVersionSelectors: selectors(flags.consumerVersionSelector),
        publishResults: flags.publishResults === true,
        providerVersion: flags.providerVersion,
        providerBranch: flags.providerBranch,
      }
    : undefined;
  if (broker?.token) registerSecret(broker.token);
  if (broker) {
    const problem = await (await import('../pact/reach.js')).brokerProblem(broker.url);
    if (problem) throw new UsageError(problem);
  }
  const baseUrl = flags.baseUrl ? parseBaseUrl(flags.baseUrl, flags.allowProduction === true) : undefined;
  if (flags.mockFault) await checkMockFault(flags.mockFault, [gateway], baseUrl !== undefined);
  const session = RunSession.open(flags.reportDir);
  const reportAbs = session.dir;
  const clock = startRun();

  let mock: { close(): Promise<void> } | undefined;
  try {
    let target: { baseUrl: string; credentials: any; kind: 'embedded-mock' | 'remote' };
    if (baseUrl) {
      const credentials = credentialsFor(gateway, flags, process.env);
      registerCredentialSecrets(gateway, credentials);
      target = { baseUrl, credentials, kind: 'remote' };
      // An unreachable target or refused credentials are the tester's to fix: one line, before any interaction.
      const { error } = await smoke(gateway, baseUrl, credentials, flags.timeout ?? 10_000, true);
      if (error) throw new UsageError(redactText(error));
    } else {
      const started = await startEmbedded(gateway, {
        variant: flags.mockVariant ?? 'a',
        fault: flags.mockFault,
      });
      registerCredentialSecrets(gateway, started.target.credentials);
      mock = started.mock;
      target = started.target;
    }
    // The verifier answers only at its end: interrupted, the run has judged no interaction yet.
    const shown = target;
    session.onInterrupt(() =>
      resultsDocument(clock, {
        command: 'verify',
        strict: false,
        allowIncomplete: flags.allowIncomplete === true,
        gateways: [
          {
            gateway,
            target: displayUrl(shown.baseUrl),
            targetKind: shown.kind,
            ...interruptedGateway([]),
          },
        ],
        checks: [],
        interrupted: true,
      }),
    );
    const verifierLog = join(reportAbs, 'pact-verifier.log');
    const results = await verifyInChild(
      {
        gateway,
        baseUrl: target.baseUrl,
        credentials: target.credentials,
        pactFiles: flags.pact?.length ? flags.pact : undefined,
        broker,
        timeoutMs: flags.timeout ?? 10_000,
        targetKind: target.kind,
      },
      registeredSecrets(),
      verifierLog,
    );
    if (flags.allowIncomplete) results.allowIncomplete = true;
    const written = await session.write(results, undefined, flags.evidence);
    const tty = process.stdout.isTTY === true;
    if (!flags.quiet)
      for (const c of results.checks) process.stdout.write(`${redactText(checkLine(c, tty))}\n`);
    process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
    process.stdout.write(`verifier report: ${verifierLog}\n`);
    const gatewayError = results.gateways[0]?.error;
    if (gatewayError) {
      process.stderr.write(`paycert: ${redactText(gatewayError)}\n`);
      return 2;
    }
    const failing = failingInteractions(results);
    if (failing.length) {
      process.stderr.write(`paycert: ${failing.length} interaction(s) not verified:\n`);
      for (const f of failing) process.stderr.write(`  ${redactText(f)}\n`);
    }
    // Every interaction errored (nothing could be judged): a run problem, not a finding.
    return exitCodeOf(results.verdict, flags.allowIncomplete === true);
  } finally {
    session.close();
    await mock?.close();
  }
}

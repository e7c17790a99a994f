import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareBundle } from '../cli/bundle-setup.js';
import { checkLine, summaryLines } from '../cli/console.js';
import { type CredentialFlags, credentialsFor, registerCredentialSecrets } from '../cli/credentials.js';
import { prepareReportDir, writeReport } from '../cli/outputs.js';
import { jsonErrorText, UsageError } from '../core/errors.js';
import { redactText } from '../core/redact.js';
import type { Gateway, Results } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { openDriver } from '../drivers/index.js';
import { consoleSay } from '../drivers/say.js';
import { catalogue } from '../engine/catalogue.js';
import { type CertifyOptions, certify, type Target } from '../engine/certify.js';
import { mockModule, startEmbedded } from '../engine/embedded.js';
import { parseBaseUrl } from '../engine/guard.js';
import { closeHttp } from '../engine/http.js';
import { idMatcher, loadCapabilities, loadDeviations, parseShard } from '../engine/selection.js';
import { shardSelector } from '../engine/shard.js';
import { DEFAULT_BUDGET, randomSeed } from '../generate/generation.js';
import { parseWebhookFlags } from '../webhooks/session.js';

export interface RunFlags extends CredentialFlags {
  baseUrl?: string;
  reportDir: string;
  only?: string[];
  strict: boolean;
  allowIncomplete?: boolean;
  timeout: number;
  concurrency: number;
  rate: number;
  maxRequests: number;
  maxBody: number;
  retryAfterCap: number;
  maxWait?: number;
  deviations?: string;
  capabilities?: string;
  shard?: string;
  baseline?: string;
  bundle?: boolean;
  bundleFile?: string;
  allowProduction: boolean;
  quiet: boolean;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
  mockVariant: string;
  mockFault?: string;
  webhookListen?: string;
  webhookPublicUrl?: string;
  webhookWait?: number;
  driver?: string;
  seed?: number;
  budget: number;
}

export function parseGateways(value: string): Gateway[] {
  if (value === 'all') return ['lesspay', 'payloco'];
  if (value === 'lesspay' || value === 'payloco') return [value];
  throw new UsageError(`unknown gateway "${value}": use lesspay, payloco or all`);
}

/** The gateways that have at least one selected check; the others are not run, and the user is told so. */
function gatewaysWithChecks(gateways: Gateway[], only: string[] | undefined): Gateway[] {
  const selects = idMatcher(only);
  const kept = gateways.filter((g) => catalogue(g).checks.some(selects));
  if (kept.length === 0)
    throw new UsageError(
      `no check matches --only ${only?.join(',')} (check IDs look like LP-QO-004, PL-SIG-001)`,
    );
  for (const g of gateways)
    if (!kept.includes(g))
      process.stdout.write(`${g}: not run — no check matches --only ${only?.join(',')}\n`);
  return kept;
}

/** `--mock-fault` names a fault of every bundled mock it applies to, and is refused with a remote target. */
export async function checkMockFault(fault: string, gateways: Gateway[], remote: boolean): Promise<void> {
  if (remote)
    throw new UsageError(
      '--mock-fault changes the bundled mock; it cannot apply to a target given by --base-url',
    );
  const owners: Gateway[] = [];
  for (const g of ['lesspay', 'payloco'] as const) if (fault in (await mockModule(g)).faults) owners.push(g);
  const missing = gateways.find((g) => !owners.includes(g));
  if (!missing) return;
  throw new UsageError(
    owners.length
      ? `fault "${fault}" is a ${owners[0]} fault: paycert run ${owners[0]} --mock-fault ${fault}`
      : `unknown fault "${fault}" for ${missing}: see paycert serve ${missing} --list-faults`,
  );
}

export function readResults(path: string): Results {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read results file ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  try {
    return JSON.parse(text) as Results;
  } catch (err) {
    throw new UsageError(`results file ${path} is not valid JSON: ${jsonErrorText(err, text)}`);
  }
}

/** `paycert run`: resolves targets, certifies them, writes the report; returns the exit code. */
export async function runCommand(gatewayArg: string, flags: RunFlags): Promise<number> {
  const gateways = gatewaysWithChecks(parseGateways(gatewayArg), flags.only);
  if (flags.baseUrl && gateways.length > 1) {
    throw new UsageError('--base-url certifies one gateway: name it (paycert run lesspay --base-url …)');
  }
  const baseUrl = flags.baseUrl ? parseBaseUrl(flags.baseUrl, flags.allowProduction) : undefined;
  if (flags.mockFault) await checkMockFault(flags.mockFault, gateways, baseUrl !== undefined);
  const deviations = flags.deviations ? loadDeviations(flags.deviations) : undefined;
  const capabilities = flags.capabilities ? loadCapabilities(flags.capabilities) : undefined;
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const baseline = flags.baseline ? readResults(flags.baseline) : undefined;
  const webhooks = parseWebhookFlags(flags);
  const driver = await openDriver(flags.driver);
  const reportAbs = prepareReportDir(flags.reportDir);
  const bundle =
    flags.bundle || flags.bundleFile
      ? prepareBundle(flags.bundleFile ?? join(reportAbs, 'paycert-bundle.tar.gz'), process.env)
      : undefined;

  const targets: Target[] = [];
  const mocks: { close(): Promise<void> }[] = [];
  try {
    for (const gateway of gateways) {
      if (baseUrl) {
        const credentials = credentialsFor(gateway, flags, process.env);
        registerCredentialSecrets(credentials);
        targets.push({ gateway, baseUrl, credentials, kind: 'remote' });
      } else {
        // Short webhook retry delays, so the webhook checks' retry waits stay short (as in the self-test).
        const { target, mock } = await startEmbedded(gateway, {
          variant: flags.mockVariant,
          fault: flags.mockFault,
          webhookRetryDelaysMs: [50, 100, 200],
        });
        registerCredentialSecrets(target.credentials);
        mocks.push(mock);
        targets.push(target);
      }
    }
    const tty = process.stdout.isTTY === true;
    const options: CertifyOptions = {
      targets,
      timeoutMs: flags.timeout,
      maxBodyBytes: flags.maxBody,
      concurrency: flags.concurrency,
      rate: flags.rate,
      maxRequests: flags.maxRequests,
      retryAfterCapMs: flags.retryAfterCap,
      maxWaitMs: flags.maxWait,
      strict: flags.strict,
      allowIncomplete: flags.allowIncomplete === true,
      selects: idMatcher(flags.only),
      shard,
      deviations,
      capabilities,
      webhooks,
      driver,
      say: consoleSay(),
      generation: { seed: flags.seed ?? randomSeed(), budget: flags.budget ?? DEFAULT_BUDGET },
      onResult: flags.quiet ? undefined : (r) => process.stdout.write(`${redactText(checkLine(r, tty))}\n`),
    };
    const selects = shard
      ? await shardSelector(
          targets.map((t) => t.gateway),
          options.selects,
          shard,
        )
      : options.selects;
    const counts = targets.map((t) => catalogue(t.gateway).checks.filter(selects).length);
    const selected = counts.reduce((a, b) => a + b, 0);
    // Every check sends at least one request, and each gateway that runs one smoke request first.
    const least = selected + counts.filter((n) => n > 0).length;
    if (flags.maxRequests < least)
      throw new UsageError(
        `--max-requests ${flags.maxRequests} is too small for the ${selected} selected checks (each sends at least one request; at least ${least} needed): raise it or narrow --only`,
      );
    const results = await certify(options);
    const written = writeReport(results, flags.reportDir, baseline, flags.evidence);
    if (bundle) {
      // tar is loaded only when a bundle is asked for.
      const { keyFingerprint, writeBundle } = await import('../report/bundle.js');
      await writeBundle(written.dir, bundle.file, bundle.key);
      process.stdout.write(
        `bundle: ${bundle.file} (${bundle.key ? `manifest signed by ${keyFingerprint(bundle.key)}` : 'unsigned: set PAYCERT_BUNDLE_KEY to an Ed25519 private key to sign it'})\n`,
      );
    }
    // The seed matters only when generated checks ran: it is what replays them.
    const gen = options.generation!;
    if (results.checks.some((c) => c.id.includes('-GEN-')))
      process.stdout.write(
        `generated checks: seed ${gen.seed}, budget ${gen.budget} (replay: --seed ${gen.seed})\n`,
      );
    process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
    const starved = results.checks.filter(
      (c) => c.status === 'error' && /request budget of the run is spent/.test(c.message ?? ''),
    );
    if (starved.length) {
      process.stderr.write(
        `paycert: the request budget (--max-requests ${flags.maxRequests}) ran out: ${starved.length} checks could not run; raise --max-requests\n`,
      );
      return 2;
    }
    const gatewayErrors = results.gateways.filter((g) => g.error);
    for (const g of gatewayErrors) process.stderr.write(`paycert: ${redactText(g.error!)}\n`);
    if (gatewayErrors.length) return 2;
    if (results.checks.length === 0 && shard) {
      process.stdout.write(
        `shard ${shard.index}/${shard.total} holds no selected check: nothing to judge here\n`,
      );
      return 0;
    }
    if (results.checks.length === 0) {
      process.stderr.write('paycert: no check was selected (see --only and --shard)\n');
      return 2;
    }
    if (results.verdict === 'error') {
      const g = results.gateways.find((x) => x.verdict === 'error');
      process.stderr.write(
        `paycert: ${g?.gateway ?? 'the target'} could not be judged: every check errored or was not applicable${g?.warning ? ` (${g.warning})` : ''}\n`,
      );
      return 2;
    }
    return exitCodeOf(results.verdict, flags.allowIncomplete === true);
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
    await closeHttp();
  }
}

// The generated checks join the catalogue before anything loads it.
import '../generate/register.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGithub } from '../ci/github.js';
import { jsonErrorText, UsageError } from '../core/errors.js';
import { startRun } from '../core/head.js';
import { redactDeep, redactText } from '../core/redact.js';
import type { CheckResult, Gateway, Results } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { type CatalogueEntry, catalogue } from '../engine/catalogue.js';
import { type CertifyOptions, certify, partialResults, type Target } from '../engine/certify.js';
import { mockModule, startEmbedded } from '../engine/embedded.js';
import { DEFAULT_BUDGET, randomSeed } from '../engine/generation.js';
import { parseBaseUrl } from '../engine/guard.js';
import { closeHttp } from '../engine/http.js';
import { runIdentity, seedOf } from '../engine/identity.js';
import { idMatcher, loadCapabilities, loadDeviations, parseShard } from '../engine/selection.js';
import { shardSelector } from '../engine/shard.js';
import { parseWebhookFlags } from '../engine/webhook-session.js';
import { type CredentialFlags, credentialsFor, registerCredentialSecrets } from '../gateways/credentials.js';
import { gatewayNames, parseGateways } from '../gateways/index.js';
import { prepareBundle } from '../output/bundle-setup.js';
import { type ConsoleMode, RunReporter } from '../output/reporter.js';
import { consoleSay } from '../output/say.js';
import { RunSession } from '../output/session.js';
import { compareWithBaseline, type FailOn } from '../report/baseline.js';
import { machineSummary } from '../report/machine.js';

export interface RunFlags extends CredentialFlags {
  baseUrl?: string;
  /** Per-gateway base URLs of a run of every gateway (from the config file). */
  baseUrls?: Partial<Record<Gateway, string>>;
  reportDir: string;
  only?: string[];
  skip?: string[];
  runId?: string;
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
  verbose?: boolean;
  format?: 'text' | 'json' | 'json-full';
  failOn?: FailOn;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
  mockVariant: string;
  mockFault?: string;
  webhookListen?: string;
  webhookPublicUrl?: string;
  webhookWait?: number;
  driver?: string;
  payoutDriver?: string;
  seed?: number;
  budget: number;
}

/** `--only` and `--skip` as one selection: a check runs when an --only glob names it (or there is none) and no
 * --skip glob does. */
export function selectionMatcher(only: string[] | undefined, skip: string[] | undefined) {
  const picked = idMatcher(only);
  const skipped = skip?.length ? idMatcher(skip) : () => false;
  return (entry: CatalogueEntry) => picked(entry) && !skipped(entry);
}

function selectionWords(only: string[] | undefined, skip: string[] | undefined): string {
  return [only?.length ? `--only ${only.join(',')}` : '', skip?.length ? `--skip ${skip.join(',')}` : '']
    .filter(Boolean)
    .join(' ');
}

/** The gateways that have at least one selected check; the others are not run, and the user is told so. */
function gatewaysWithChecks(
  gateways: Gateway[],
  only: string[] | undefined,
  skip: string[] | undefined,
  human: NodeJS.WritableStream,
): Gateway[] {
  const selects = selectionMatcher(only, skip);
  const kept = gateways.filter((g) => catalogue(g).checks.some(selects));
  const words = selectionWords(only, skip);
  if (kept.length === 0)
    throw new UsageError(`no check matches ${words} (check IDs look like LP-QO-004, PL-SIG-001)`);
  for (const g of gateways) if (!kept.includes(g)) human.write(`${g}: not run — no check matches ${words}\n`);
  return kept;
}

/** `--mock-fault` names a fault of every bundled mock it applies to, and is refused with a remote target. */
export async function checkMockFault(fault: string, gateways: Gateway[], remote: boolean): Promise<void> {
  if (remote)
    throw new UsageError(
      '--mock-fault changes the bundled mock; it cannot apply to a target given by --base-url',
    );
  const owners: Gateway[] = [];
  for (const g of gatewayNames()) if (fault in (await mockModule(g)).faults) owners.push(g);
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

/** The document `--format json|json-full` writes to stdout: a compact summary, or the whole (redacted) results. */
function machineDocument(
  results: Results,
  written: { results: string; html: string },
  format: string,
): string {
  if (format === 'json-full') return JSON.stringify(redactDeep(results));
  return JSON.stringify(
    machineSummary(redactDeep(results), { results: written.results, html: written.html }),
  );
}

/** `paycert run`: resolves targets, certifies them, writes the report; returns the exit code. */
export async function runCommand(gatewayArg: string, flags: RunFlags): Promise<number> {
  const format = flags.format ?? 'text';
  // With a machine-readable format stdout holds only that document; the lines for people go to stderr.
  const human = format === 'text' ? process.stdout : process.stderr;
  const mode: ConsoleMode = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const reporter = new RunReporter(mode, human, process.stderr);
  const asked = parseGateways(gatewayArg);
  const gateways = gatewaysWithChecks(asked, flags.only, flags.skip, human);
  const identity = runIdentity(flags.runId, process.env);
  if (flags.baseUrl && gateways.length > 1) {
    throw new UsageError('--base-url certifies one gateway: name it (paycert run lesspay --base-url …)');
  }
  const baseUrl = flags.baseUrl ? parseBaseUrl(flags.baseUrl, flags.allowProduction) : undefined;
  const urlOf = (g: Gateway) =>
    baseUrl ?? (flags.baseUrls?.[g] ? parseBaseUrl(flags.baseUrls[g]!, flags.allowProduction) : undefined);
  const remote = gateways.some((g) => urlOf(g) !== undefined);
  if (flags.mockFault) await checkMockFault(flags.mockFault, gateways, remote);
  const deviations = flags.deviations ? loadDeviations(flags.deviations) : undefined;
  const capabilities = flags.capabilities ? loadCapabilities(flags.capabilities) : undefined;
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const baseline = flags.baseline ? readResults(flags.baseline) : undefined;
  if (flags.failOn === 'new' && !baseline)
    throw new UsageError(
      '--fail-on new compares with a baseline: give --baseline results.json of an earlier run',
    );
  const webhooks = parseWebhookFlags(flags);
  // The drivers load only when asked for: without --driver the lifecycle checks' completePayment uses its own auto
  // driver, so a run of checks that finish no payment loads no module of src/drivers/.
  const payoutDriver =
    flags.payoutDriver === undefined
      ? undefined
      : (await import('../drivers/payout.js')).openPayoutDriver(flags.payoutDriver);
  const driver =
    flags.driver === undefined || flags.driver === 'auto'
      ? undefined
      : await (await import('../drivers/index.js')).openDriver(flags.driver);
  // A run whose id is shared (given, or the CI pipeline's) derives its seed from it: its shards agree on the inputs.
  const generation = {
    seed: flags.seed ?? (identity.source === 'generated' ? randomSeed() : seedOf(identity.id)),
    budget: flags.budget ?? DEFAULT_BUDGET,
  };
  const session = RunSession.open(flags.reportDir);
  const reportAbs = session.dir;
  const bundle =
    flags.bundle || flags.bundleFile
      ? prepareBundle(flags.bundleFile ?? join(reportAbs, 'paycert-bundle.tar.gz'), process.env)
      : undefined;

  const targets: Target[] = [];
  const mocks: { close(): Promise<void> }[] = [];
  // What a signal finds judged: every check result as it completes.
  const judged: CheckResult[] = [];
  // Checks the request budget left unrun, told by the transport error's kind (engine/http isBudgetSpent).
  const starved = new Set<string>();
  const clock = startRun();
  session.onInterrupt(() =>
    partialResults(clock, targets, judged, {
      strict: flags.strict,
      allowIncomplete: flags.allowIncomplete === true,
      shard: shard ?? null,
      driver: driver?.name ?? 'auto',
    }),
  );
  try {
    for (const gateway of gateways) {
      const url = urlOf(gateway);
      if (url) {
        const credentials = credentialsFor(gateway, flags, process.env);
        registerCredentialSecrets(gateway, credentials);
        targets.push({ gateway, baseUrl: url, credentials, kind: 'remote' });
      } else {
        // Short webhook retry delays, so the webhook checks' retry waits stay short (as in the self-test).
        const { target, mock } = await startEmbedded(gateway, {
          variant: flags.mockVariant,
          fault: flags.mockFault,
          webhookRetryDelaysMs: [50, 100, 200],
        });
        registerCredentialSecrets(gateway, target.credentials);
        mocks.push(mock);
        targets.push(target);
      }
    }
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
      selects: selectionMatcher(flags.only, flags.skip),
      shard,
      deviations,
      capabilities,
      webhooks,
      driver,
      payoutDriver,
      say: reporter.say(consoleSay()),
      generation,
      scope: {
        runId: identity.id,
        gateways: asked,
        only: flags.only,
        skip: flags.skip,
        mock: `variant ${flags.mockVariant}${flags.mockFault ? `, fault ${flags.mockFault}` : ''}`,
      },
      onResult: (r) => {
        judged.push(r);
        reporter.result(r);
      },
      onStarved: (id) => starved.add(id),
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
    reporter.opening(
      targets.map((t, i) => ({
        gateway: t.gateway,
        target:
          t.kind === 'remote'
            ? t.baseUrl
            : `${t.baseUrl} (bundled mock, variant ${flags.mockVariant}${flags.mockFault ? `, fault ${flags.mockFault}` : ''})`,
        selected: counts[i]!,
        of: catalogue(t.gateway).checks.length,
        note: [
          flags.only ? `--only ${flags.only.join(',')}` : '',
          flags.skip?.length ? `--skip ${flags.skip.join(',')}` : '',
          shard ? `shard ${shard.index}/${shard.total}` : '',
        ]
          .filter(Boolean)
          .join(', '),
      })),
    );
    const results: Results = await certify(options);
    if (baseline) results.gate = compareWithBaseline(results, baseline, flags.failOn ?? 'any');
    const written = await session.write(results, baseline, flags.evidence);
    const before: string[] = [];
    if (bundle) {
      // tar is loaded only when a bundle is asked for.
      const { keyFingerprint, writeBundle } = await import('../report/bundle.js');
      await writeBundle(written.dir, bundle.file, bundle.key);
      before.push(
        `bundle: ${bundle.file} (${bundle.key ? `manifest signed by ${keyFingerprint(bundle.key)}` : 'unsigned: set PAYCERT_BUNDLE_KEY to an Ed25519 private key to sign it'})`,
      );
    }
    // The seed matters only when generated checks ran: it is what replays them.
    const gen = options.generation!;
    if (shard && identity.source === 'generated')
      human.write(
        `run id: ${identity.id} (give the other shards --run-id ${identity.id}, or \`paycert report\` refuses to merge them)\n`,
      );
    if (results.checks.some((c) => c.id.includes('-GEN-')))
      before.push(`generated checks: seed ${gen.seed}, budget ${gen.budget} (replay: --seed ${gen.seed})`);
    reporter.finish(results, written.html, before);
    // On GitHub Actions: annotations and the job summary, redacted like every output.
    writeGithub(results, process.env, human, flags.reportDir);
    if (format !== 'text') process.stdout.write(`${machineDocument(results, written, format)}\n`);
    if (starved.size) {
      process.stderr.write(
        `paycert: the request budget (--max-requests ${flags.maxRequests}) ran out: ${starved.size} checks could not run; raise --max-requests\n`,
      );
      return 2;
    }
    const gatewayErrors = results.gateways.filter((g) => g.error);
    for (const g of gatewayErrors) process.stderr.write(`paycert: ${redactText(g.error!)}\n`);
    if (gatewayErrors.length) return 2;
    if (results.checks.length === 0 && shard) {
      human.write(`shard ${shard.index}/${shard.total} holds no selected check: nothing to judge here\n`);
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
    const code = exitCodeOf(results.verdict, flags.allowIncomplete === true);
    // The baseline gate decides between 0 and 1 only: a run that could not be judged stays 2.
    if (code === 1 && results.gate?.failOn === 'new') return results.gate.passed ? 0 : 1;
    return code;
  } finally {
    session.close();
    await Promise.all(mocks.map((m) => m.close()));
    await closeHttp();
  }
}

import { readFileSync } from 'node:fs';
import { type CertifyOptions, certify, type Target } from '../certify.js';
import { checkLine, summaryLines } from '../console.js';
import { credentialsFor, registerCredentialSecrets } from '../credentials.js';
import { startEmbedded } from '../embedded.js';
import { UsageError } from '../errors.js';
import { DEFAULT_BUDGET, randomSeed } from '../generate/property.js';
import { parseBaseUrl } from '../guard.js';
import { closeHttp } from '../http.js';
import { prepareReportDir, writeReport } from '../outputs.js';
import { writeBundle } from '../report/bundle.js';
import { redactText } from '../report/redact.js';
import type { Gateway, Results } from '../results.js';
import { idMatcher, loadCapabilities, loadDeviations, parseShard } from '../selection.js';
import { parseWebhookFlags } from '../webhooks/session.js';

export interface RunFlags {
  baseUrl?: string;
  reportDir: string;
  only?: string[];
  strict: boolean;
  timeout: number;
  concurrency: number;
  rate: number;
  maxRequests: number;
  maxBody: number;
  retryAfterCap: number;
  deviations?: string;
  capabilities?: string;
  shard?: string;
  baseline?: string;
  bundle?: string | boolean;
  allowProduction: boolean;
  quiet: boolean;
  appId?: string;
  appSecretFile?: string;
  merchantId?: string;
  privateKey?: string;
  platformPublicKey?: string;
  webhookSecretFile?: string;
  mockVariant: string;
  mockFault?: string;
  webhookListen?: string;
  webhookPublicUrl?: string;
  webhookWait?: number;
  seed?: number;
  budget: number;
}

export function parseGateways(value: string): Gateway[] {
  if (value === 'all') return ['lesspay', 'payloco'];
  if (value === 'lesspay' || value === 'payloco') return [value];
  throw new UsageError(`unknown gateway "${value}": use lesspay, payloco or all`);
}

export function readResults(path: string): Results {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Results;
  } catch (err) {
    throw new UsageError(`cannot read results file ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** `paycert run`: resolves targets, certifies them, writes the report; returns the exit code. */
export async function runCommand(gatewayArg: string, flags: RunFlags): Promise<number> {
  const gateways = parseGateways(gatewayArg);
  if (flags.baseUrl && gateways.length > 1) {
    throw new UsageError('--base-url certifies one gateway: name it (paycert run lesspay --base-url …)');
  }
  const baseUrl = flags.baseUrl ? parseBaseUrl(flags.baseUrl, flags.allowProduction) : undefined;
  const deviations = flags.deviations ? loadDeviations(flags.deviations) : undefined;
  const capabilities = flags.capabilities ? loadCapabilities(flags.capabilities) : undefined;
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const baseline = flags.baseline ? readResults(flags.baseline) : undefined;
  const webhooks = parseWebhookFlags(flags);
  prepareReportDir(flags.reportDir);

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
      strict: flags.strict,
      selects: idMatcher(flags.only),
      shard,
      deviations,
      capabilities,
      webhooks,
      generation: { seed: flags.seed ?? randomSeed(), budget: flags.budget ?? DEFAULT_BUDGET },
      onResult: flags.quiet ? undefined : (r) => process.stdout.write(`${redactText(checkLine(r, tty))}\n`),
    };
    const results = await certify(options);
    const written = writeReport(results, flags.reportDir, baseline);
    if (flags.bundle) {
      const file = typeof flags.bundle === 'string' ? flags.bundle : `${written.dir}/paycert-bundle.tar.gz`;
      await writeBundle(written.dir, file);
      process.stdout.write(`bundle: ${file}\n`);
    }
    const gen = options.generation!;
    process.stdout.write(
      `generated checks: seed ${gen.seed}, budget ${gen.budget} (replay: --seed ${gen.seed})\n`,
    );
    process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
    const smokeError = results.gateways.find((g) => g.error);
    if (smokeError) {
      process.stderr.write(`paycert: ${redactText(smokeError.error!)}\n`);
      return 2;
    }
    if (results.checks.length === 0) {
      process.stderr.write('paycert: no check was selected (see --only and --shard)\n');
      return 2;
    }
    if (results.verdict === 'error') {
      const g = results.gateways.find((x) => x.verdict === 'error');
      process.stderr.write(
        `paycert: ${g?.gateway ?? 'the target'} could not be judged: every check errored or was skipped${g?.warning ? ` (${g.warning})` : ''}\n`,
      );
      return 2;
    }
    return results.verdict === 'certified' ? 0 : 1;
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
    await closeHttp();
  }
}

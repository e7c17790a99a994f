// The generated checks join the catalogue before anything loads it.
import '../generate/register.js';
import { writeGithub } from '../ci/github.js';
import { UsageError } from '../core/errors.js';
import { startRun } from '../core/head.js';
import { registerSecret } from '../core/redact.js';
import type { CheckResult, Gateway, Results } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { closeHttp } from '../engine/http.js';
import { idMatcher } from '../engine/selection.js';
import { gatewayModel, gateways, parseGateway } from '../gateways/index.js';
import { RunReporter } from '../output/reporter.js';
import { RunSession } from '../output/session.js';
import type { PaylocoWebhookForm } from '../signing/payloco.js';
import { handlerResults, preflightHandler, runHandlerChecks } from '../webhooks/handler-runner.js';

export interface WebhookTestFlags {
  handlerUrl: string;
  orderStatusUrl?: string;
  orderSetupUrl?: string;
  /** Payloco: what x-signature covers (body, timestamp.body or timestamp+body). */
  webhookSigned?: string;
  reportDir?: string;
  only?: string[];
  strict?: boolean;
  allowIncomplete?: boolean;
  timeout?: number;
  quiet?: boolean;
  verbose?: boolean;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
}

function httpUrl(value: string, flag: string): string {
  try {
    if (/^https?:$/.test(new URL(value.replace(/\{[^}]*\}/g, 'x')).protocol)) return value;
  } catch {}
  throw new UsageError(`${flag} must be an http(s) URL, got ${value}`);
}

/** `--webhook-signed`: one of the forms the gateway's docs allow its callbacks (P10), where they allow several. */
function signedFormOf(gateway: Gateway, value: string | undefined): PaylocoWebhookForm | undefined {
  if (value === undefined) return undefined;
  const signing = gatewayModel(gateway).webhookSigning;
  if ('only' in signing) {
    const several = gateways().filter((g) => 'forms' in g.webhookSigning);
    throw new UsageError(
      `--webhook-signed applies to ${several.map((g) => g.name).join(', ')} (${signing.only})`,
    );
  }
  if (!signing.forms.includes(value))
    throw new UsageError(`--webhook-signed must be one of ${signing.forms.join(', ')}, got ${value}`);
  return value as PaylocoWebhookForm;
}

/**
 * `paycert webhook-test <gateway>`: plays the gateway against an integrator's webhook handler and judges its
 * answers (LPH-*, PLH-*). Returns the exit code; the results object is returned through `out` for callers in-process.
 */
export async function webhookTestCommand(
  gatewayArg: string,
  flags: WebhookTestFlags,
  env: NodeJS.ProcessEnv = process.env,
  out: { results?: Results } = {},
): Promise<number> {
  const gateway = parseGateway(gatewayArg);
  if (!flags.handlerUrl) throw new UsageError('--handler-url is required');
  const handlerUrl = httpUrl(flags.handlerUrl, '--handler-url');
  const orderStatusUrl = flags.orderStatusUrl
    ? httpUrl(flags.orderStatusUrl, '--order-status-url')
    : undefined;
  // Without a placeholder every order maps to one URL: its 404 would read as "the order is unchanged".
  if (orderStatusUrl && !/\{(?:request_id|merchantOrderId|id)\}/.test(orderStatusUrl))
    throw new UsageError(
      `--order-status-url must name the order with {request_id}, {merchantOrderId} or {id}, e.g. http://127.0.0.1:3000/orders/{request_id}`,
    );
  const orderSetupUrl = flags.orderSetupUrl ? httpUrl(flags.orderSetupUrl, '--order-setup-url') : undefined;
  const signedForm = signedFormOf(gateway, flags.webhookSigned);
  const secretVar = gatewayModel(gateway).credentials.webhookSecret;
  const secret = env[secretVar]?.trim();
  if (!secret)
    throw new UsageError(`missing credential: ${secretVar} (the secret the handler verifies callbacks with)`);
  registerSecret(secret);
  const session = RunSession.open(flags.reportDir ?? 'reports');
  const reporter = new RunReporter(flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal');
  // What a signal finds judged: every check result as it completes.
  const judged: CheckResult[] = [];
  const clock = startRun();
  const strict = flags.strict ?? false;
  const allowIncomplete = flags.allowIncomplete === true;
  const selection = flags.only?.length ? `--only ${flags.only.join(',')}` : undefined;
  session.onInterrupt(() =>
    handlerResults(clock, { gateway, handlerUrl, strict, allowIncomplete, selection }, judged),
  );
  try {
    const common = {
      gateway,
      handlerUrl,
      secret,
      orderStatusUrl,
      orderSetupUrl,
      signedForm,
      timeoutMs: flags.timeout ?? 5000,
    };
    await preflightHandler({ ...common, strict: false, secretVar });
    const results = await runHandlerChecks({
      ...common,
      strict: flags.strict ?? false,
      allowIncomplete: flags.allowIncomplete === true,
      selects: flags.only?.length ? idMatcher(flags.only) : undefined,
      selection,
      onResult: (r) => {
        judged.push(r);
        reporter.result(r);
      },
    });
    out.results = results;
    const written = await session.write(results, undefined, flags.evidence);
    reporter.finish(results, written.html);
    writeGithub(results, process.env, process.stdout, session.dir);
    if (results.checks.length === 0) {
      process.stderr.write('paycert: no check was selected (see --only)\n');
      return 2;
    }
    return exitCodeOf(results.verdict, flags.allowIncomplete === true);
  } finally {
    session.close();
    await closeHttp();
  }
}

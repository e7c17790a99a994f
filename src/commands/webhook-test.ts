import { checkLine, summaryLines } from '../cli/console.js';
import { prepareReportDir, writeReport } from '../cli/outputs.js';
import { UsageError } from '../core/errors.js';
import { redactText, registerSecret } from '../core/redact.js';
import type { Gateway, Results } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { closeHttp } from '../engine/http.js';
import { idMatcher } from '../engine/selection.js';
import { preflightHandler, runHandlerChecks } from '../webhooks/handler-runner.js';

export interface WebhookTestFlags {
  handlerUrl: string;
  orderStatusUrl?: string;
  orderSetupUrl?: string;
  reportDir?: string;
  only?: string[];
  strict?: boolean;
  allowIncomplete?: boolean;
  timeout?: number;
  quiet?: boolean;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
}

function httpUrl(value: string, flag: string): string {
  try {
    if (/^https?:$/.test(new URL(value.replace(/\{[^}]*\}/g, 'x')).protocol)) return value;
  } catch {}
  throw new UsageError(`${flag} must be an http(s) URL, got ${value}`);
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
  if (gatewayArg !== 'lesspay' && gatewayArg !== 'payloco') {
    throw new UsageError(`unknown gateway "${gatewayArg}": use lesspay or payloco`);
  }
  const gateway: Gateway = gatewayArg;
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
  const secretVar = gateway === 'lesspay' ? 'LESSPAY_APP_SECRET' : 'PAYLOCO_WEBHOOK_SECRET';
  const secret = env[secretVar]?.trim();
  if (!secret)
    throw new UsageError(`missing credential: ${secretVar} (the secret the handler verifies callbacks with)`);
  registerSecret(secret);
  const reportDir = flags.reportDir ?? 'reports';
  prepareReportDir(reportDir);
  const tty = process.stdout.isTTY === true;
  try {
    const common = {
      gateway,
      handlerUrl,
      secret,
      orderStatusUrl,
      orderSetupUrl,
      timeoutMs: flags.timeout ?? 5000,
    };
    await preflightHandler({ ...common, strict: false, secretVar });
    const results = await runHandlerChecks({
      ...common,
      strict: flags.strict ?? false,
      allowIncomplete: flags.allowIncomplete === true,
      selects: flags.only?.length ? idMatcher(flags.only) : undefined,
      onResult: flags.quiet ? undefined : (r) => process.stdout.write(`${redactText(checkLine(r, tty))}\n`),
    });
    out.results = results;
    const written = writeReport(results, reportDir, undefined, flags.evidence);
    process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
    if (results.checks.length === 0) {
      process.stderr.write('paycert: no check was selected (see --only)\n');
      return 2;
    }
    return exitCodeOf(results.verdict, flags.allowIncomplete === true);
  } finally {
    await closeHttp();
  }
}

import { givenCredentials } from '../audit/credentials.js';
import { clientResults, startRecorder } from '../audit/index.js';
import { upstreamFailure } from '../audit/upstream.js';
import { UsageError } from '../core/errors.js';
import { startRun } from '../core/head.js';
import { redactText } from '../core/redact.js';
import type { Gateway } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { gatewayModel, parseGateway } from '../gateways/index.js';
import { summaryLines } from '../output/console.js';
import { RunSession } from '../output/session.js';
import { targetUrl } from './audit.js';

export interface ProxyFlags {
  target: string;
  listen?: string;
  reportDir?: string;
  strict?: boolean;
  timeout?: number;
  allowIncomplete?: boolean;
}

function listenAddress(value: string | undefined): { host: string; port: number } {
  if (!value) return { host: '127.0.0.1', port: 0 };
  const m = /^(.*):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || port > 65535)
    throw new UsageError(`--listen must be HOST:PORT (e.g. 127.0.0.1:8080), got ${value}`);
  return { host: m[1]!.replace(/^\[|\]$/g, '') || '127.0.0.1', port };
}

/**
 * `paycert proxy <gateway> --target URL`: forwards the integrator's traffic to a sandbox unchanged, and on SIGINT or
 * SIGTERM judges every request it carried (LPC-*, PLC-*), writes the report and exits with the verdict.
 */
export async function proxyCommand(
  gatewayArg: string,
  flags: ProxyFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const gateway = parseGateway(gatewayArg);
  if (!flags.target) throw new UsageError('--target is required');
  const target = targetUrl(flags.target, '--target');
  const { host, port } = listenAddress(flags.listen);
  // The first SIGINT/SIGTERM is how a proxy run ends (it is then judged); a second one, while judging, interrupts.
  const session = RunSession.open(flags.reportDir ?? 'reports', { signals: false });
  try {
    return await proxy(gateway, target, host, port, flags, env, session);
  } finally {
    session.close();
  }
}

async function proxy(
  gateway: Gateway,
  target: string,
  host: string,
  port: number,
  flags: ProxyFlags,
  env: NodeJS.ProcessEnv,
  session: RunSession,
): Promise<number> {
  const given = givenCredentials(gateway, env);
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  try {
    recorder = await startRecorder({ upstream: target, host, port, timeoutMs: flags.timeout ?? 30_000 });
  } catch (err) {
    throw new UsageError(
      `cannot listen on ${host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const clock = startRun();
  process.stdout.write(`${recorder.url}\n`);
  if (!given)
    process.stderr.write(
      `paycert: no ${gatewayModel(gateway).credentials.required.join('/')} given: signatures will not be judged\n`,
    );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await recorder.close();
  if (recorder.exchanges.length === 0) {
    process.stderr.write('paycert: no request went through the proxy: nothing to judge\n');
    return 2;
  }
  const judge = (upstreamError?: string) =>
    clientResults({
      command: 'proxy',
      gateway,
      exchanges: recorder.exchanges,
      credentials: given?.client ?? {},
      origin: recorder.url,
      target,
      targetKind: 'remote',
      strict: flags.strict ?? false,
      allowIncomplete: flags.allowIncomplete === true,
      clock,
      ...(upstreamError ? { upstreamError } : {}),
    });
  session.onInterrupt(() => judge());
  session.armSignals();
  // The sandbox, not the client, is at fault: the client was not judged (exit 2).
  const brokenUpstream = upstreamFailure(recorder.exchanges, target, true);
  const results = await judge(brokenUpstream);
  const written = await session.write(results);
  process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
  if (brokenUpstream) {
    process.stderr.write(`paycert: ${redactText(brokenUpstream)}\n`);
    return 2;
  }
  return exitCodeOf(results.verdict, flags.allowIncomplete === true);
}

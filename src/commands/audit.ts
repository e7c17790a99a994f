import { spawn } from 'node:child_process';
import {
  clientEnv,
  type GivenCredentials,
  givenCredentials,
  mockClientCredentials,
} from '../audit/credentials.js';
import { type ClientRun, clientResults, startRecorder } from '../audit/index.js';
import { injector, type Scenario, scenarioNames, scenarioOf, scenarios } from '../audit/scenarios.js';
import { upstreamFailure } from '../audit/upstream.js';
import { writeGithub } from '../ci/github.js';
import { trackProcess } from '../core/children.js';
import { UsageError } from '../core/errors.js';
import { startRun } from '../core/head.js';
import { redactText } from '../core/redact.js';
import type { Gateway, Results } from '../core/results.js';
import { exitCodeOf } from '../core/verdict.js';
import { mockModule, type RunningMock } from '../engine/embedded.js';
import { gatewayModel, parseGateway } from '../gateways/index.js';
import { RunReporter } from '../output/reporter.js';
import { RunSession } from '../output/session.js';

export interface AuditFlags {
  target?: string;
  reportDir?: string;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** --evidence: which checks keep their exchanges in full in results.json. */
  evidence?: 'full' | 'failures';
  maxTime?: number;
  timeout?: number;
  scenario?: string;
  scenarioHold?: number;
  mockVariant?: 'a' | 'b';
  allowIncomplete?: boolean;
}

function scenarioFlag(gateway: Gateway, name: string | undefined): Scenario | undefined {
  if (name === undefined) return undefined;
  const s = scenarioOf(gateway, name);
  if (!s) {
    const names = scenarioNames(gateway);
    throw new UsageError(
      `unknown scenario "${name}" for ${gateway}: use ${names.length ? names.join(', ') : '(none yet)'}`,
    );
  }
  return s;
}

export function targetUrl(value: string, flag: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {}
  throw new UsageError(`${flag} must be an http(s) URL, got ${value}`);
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/**
 * Runs the integrator's command to its end, at most `maxMs`; a command that cannot start is a usage error. It leads
 * its own process group, so stopping it (at --max-time, or when paycert is interrupted) ends everything it started:
 * a test runner's workers, a shell's background jobs. None is left re-parented to PID 1.
 */
function runCommand(argv: string[], env: NodeJS.ProcessEnv, maxMs: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    trackProcess(`client command ${argv[0]}`, child, true);
    const group = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {}
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), 2000).unref();
    }, maxMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      const code = (err as NodeJS.ErrnoException).code;
      reject(new UsageError(`cannot run ${argv[0]}: ${code === 'ENOENT' ? 'no such command' : code}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // What the command left running in its group (a server started with &, a stray worker) ends with it.
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), 1000).unref();
      resolve({ code, signal, timedOut });
    });
  });
}

function commandFailure(ran: Ran, maxMs: number): string | undefined {
  if (ran.timedOut) return `the client command did not finish within ${maxMs / 1000} s and was stopped`;
  if (ran.signal) return `the client command was killed by ${ran.signal}`;
  return ran.code === 0 ? undefined : `the client command exited with code ${ran.code}`;
}

/**
 * `paycert audit <gateway> -- <command…>`: runs the integrator's client against the bundled mock (or, with
 * --target, a sandbox) through the recording front, then judges every request it made (LPC-*, PLC-*).
 */
export async function auditCommand(
  gatewayArg: string,
  argv: string[],
  flags: AuditFlags,
  env: NodeJS.ProcessEnv = process.env,
  out: { results?: Results } = {},
): Promise<number> {
  const gateway = parseGateway(gatewayArg);
  if (flags.scenario === 'list') {
    for (const s of scenarios().filter((x) => x.gateway === gateway))
      process.stdout.write(`${s.name}: ${s.description} (judged by ${s.checks.join(', ')})\n`);
    return 0;
  }
  if (argv.length === 0)
    throw new UsageError(`name the client command after --, e.g. paycert audit ${gateway} -- npm test`);
  const target = flags.target ? targetUrl(flags.target, '--target') : undefined;
  const scenario = scenarioFlag(gateway, flags.scenario);
  if (scenario?.mockPolicies && target)
    throw new UsageError(
      `scenario ${scenario.name} changes how orders settle, so it needs the bundled mock: drop --target`,
    );
  const session = RunSession.open(flags.reportDir ?? 'reports');
  try {
    return await audit(gateway, argv, flags, env, out, session, target, scenario);
  } finally {
    session.close();
  }
}

async function audit(
  gateway: Gateway,
  argv: string[],
  flags: AuditFlags,
  env: NodeJS.ProcessEnv,
  out: { results?: Results },
  session: RunSession,
  target: string | undefined,
  scenario: Scenario | undefined,
): Promise<number> {
  const maxMs = (flags.maxTime ?? 600) * 1000;
  const given: GivenCredentials | undefined = givenCredentials(gateway, env);
  let mock: RunningMock | undefined;
  if (!target) {
    const mod = await mockModule(gateway);
    mock = await mod.start({
      host: '127.0.0.1',
      port: 0,
      variant: flags.mockVariant ?? 'a',
      ...(given?.mockOptions ?? {}),
      ...(scenario?.mockPolicies ?? {}),
    } as never);
  }
  const upstream = target ?? mock!.url;
  const recorder = await startRecorder({
    upstream,
    timeoutMs: flags.timeout ?? 30_000,
    ...(scenario ? { inject: injector(scenario, flags.scenarioHold) } : {}),
  });
  const clock = startRun();
  try {
    const credentials = given?.client ?? (mock ? mockClientCredentials(gateway, mock) : {});
    const judge = (found: Pick<ClientRun, 'upstreamError' | 'commandFailure'> = {}) =>
      clientResults({
        command: 'audit',
        gateway,
        exchanges: recorder.exchanges,
        credentials,
        origin: recorder.url,
        ...(scenario ? { scenario } : {}),
        target: upstream,
        targetKind: mock ? 'embedded-mock' : 'remote',
        strict: flags.strict ?? false,
        allowIncomplete: flags.allowIncomplete === true,
        clock,
        ...found,
      });
    // Stopped by a signal: the requests the client made so far are judged, the command's group is already ended.
    session.onInterrupt(() => judge());
    // The base path of the upstream (Payloco's /gateway) stays on the upstream side of the front.
    const childEnv = clientEnv(gateway, env, recorder.url, mock, given);
    // The client's own tests may expect the scenario's failure (a refused signature, a rejected payout): say which.
    if (scenario) childEnv.PAYCERT_SCENARIO = scenario.name;
    const ran = await runCommand(argv, childEnv, maxMs);
    const failure = commandFailure(ran, maxMs);
    const brokenUpstream = upstreamFailure(recorder.exchanges, upstream, !mock);
    const silent = recorder.exchanges.length === 0;
    // A broken upstream is not the client's fault: the run could not judge it (exit 2), whatever its checks say.
    // The command's own failure fails the audit: its tests saw something go wrong the checks may not show (a
    // command that made no request judged nothing: that is a setup problem, below).
    const results = await judge({
      upstreamError: brokenUpstream,
      commandFailure: failure && !silent ? failure : undefined,
    });
    out.results = results;
    const reporter = new RunReporter(flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal');
    for (const r of results.checks) reporter.result(r);
    const written = await session.write(results, undefined, flags.evidence);
    reporter.finish(results, written.html);
    writeGithub(results, process.env, process.stdout, session.dir);
    if (brokenUpstream) {
      process.stderr.write(`paycert: ${redactText(brokenUpstream)}\n`);
      return 2;
    }
    if (silent) {
      // No request, nothing judged: a setup problem (exit 2) whatever the command's own exit code (README).
      const v = gatewayModel(gateway).credentials.baseUrl;
      process.stderr.write(
        `paycert: the command made no request to ${recorder.url}: does it read ${v}?${failure ? ` (${failure})` : ''}\n`,
      );
      return 2;
    }
    if (failure) process.stderr.write(`paycert: ${failure}\n`);
    return failure ? 1 : exitCodeOf(results.verdict, flags.allowIncomplete === true);
  } finally {
    await recorder.close();
    await mock?.close();
  }
}

import { closeSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markStopping, stopAll } from '../core/children.js';
import { UsageError } from '../core/errors.js';
import type { EvidenceMode } from '../core/evidence.js';
import { redactText } from '../core/redact.js';
import type { Results } from '../core/results.js';
import { interrupted } from '../core/verdict.js';
import { summaryLines } from './console.js';
import { prepareReportDir, REPORT_FILES, type WrittenReport, writeReport } from './outputs.js';

// One command's hold on its report folder, from the start of the run to its report:
// - a lock (.paycert.lock, holding the pid and, on Linux, when that process started): a second run into the same
//   folder is refused with one line, exit 2, instead of both printing "report: …" and one silently overwriting the
//   other; a lock whose process is gone (dead pid, or a pid now used by a process started later) is stale and taken
//   over;
// - a clean start: the report files of an earlier run are removed, so nothing older can pass for this run's;
// - SIGINT/SIGTERM: every child and server the command started is stopped (core/children), what was judged so far
//   is written as a report whose verdict is `interrupted`, and the process exits 130 (SIGINT) or 143 (SIGTERM).
// The report itself is written file by file to a temporary name and renamed (output/outputs), results.json last.
// Hand-written: the lock libraries on npm (proper-lockfile, lockfile) lock one file by mtime, not a folder by pid.

export const LOCK_FILE = '.paycert.lock';
/** Besides the report itself, what a run may leave in its folder: the default evidence bundle, the verifier's log. */
const EARLIER_FILES = ['paycert-bundle.tar.gz', 'pact-verifier.log'];

type Stop = 'SIGINT' | 'SIGTERM';
const EXIT_CODE: Record<Stop, number> = { SIGINT: 130, SIGTERM: 143 };

/** What the command has judged when a signal stops it (its checks so far), as a results document. */
export type PartialResults = (signal: Stop) => Results | Promise<Results>;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started (clock ticks since boot, field 22 of /proc/<pid>/stat), or undefined where /proc is not
 * there. A pid alone is reused: in a CI container a killed run's pid soon belongs to some other process, and its lock
 * would read as held forever.
 */
function startedAt(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

interface Holder {
  pid: number;
  started?: string;
}

function lockHolder(path: string): Holder | undefined {
  try {
    const [pidText, started] = readFileSync(path, 'utf8').trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, started } : undefined;
  } catch {
    return undefined;
  }
}

/** The holder's process still runs: its pid is alive and, where both are known, it started when the lock says. */
function holds(holder: Holder): boolean {
  if (!alive(holder.pid)) return false;
  const now = holder.started === undefined ? undefined : startedAt(holder.pid);
  return now === undefined || now === holder.started;
}

/** Takes the folder's lock, or says who holds it; a lock left by a process that is gone is taken over. */
function takeLock(path: string, shownDir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(
        fd,
        `${[process.pid, startedAt(process.pid)].filter((x) => x !== undefined).join(' ')}\n`,
      );
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(
          `cannot lock report directory ${shownDir}: ${(err as NodeJS.ErrnoException).code}`,
        );
    }
    const holder = lockHolder(path);
    if (holder !== undefined && holder.pid !== process.pid && holds(holder))
      throw new UsageError(
        `report directory ${shownDir} is in use by another paycert run (pid ${holder.pid}): wait for it or give another --report-dir`,
      );
    // Stale: its process is gone, its pid now names another process, or the file is unreadable. Remove it and try
    // once more.
    rmSync(path, { force: true });
  }
  throw new UsageError(`report directory ${shownDir} is in use by another paycert run`);
}

export class RunSession {
  readonly dir: string;
  private readonly lock: string;
  private partial?: PartialResults;
  private stoppingOn: Stop | undefined;
  private armed = false;
  private closed = false;
  private readonly onSignal = (signal: Stop) => void this.interrupt(signal);
  private readonly onExit = () => this.releaseLock();

  private constructor(shownDir: string) {
    this.dir = prepareReportDir(shownDir);
    this.lock = join(this.dir, LOCK_FILE);
    takeLock(this.lock, shownDir);
    process.once('exit', this.onExit);
    // A clean start: what an earlier run left here is not this run's report, and must not look like it (its
    // bundle and verifier log included), nor may a half-written file of a run that was killed mid-write.
    for (const f of [...REPORT_FILES, ...EARLIER_FILES]) rmSync(join(this.dir, f), { force: true });
    for (const f of readdirSync(this.dir))
      if (/\.\d+\.tmp$/.test(f) && REPORT_FILES.some((r) => f.startsWith(`${r}.`)))
        rmSync(join(this.dir, f), { force: true });
  }

  /**
   * Opens the report folder for one run: lock, clean start and (unless `signals` is false: the command handles the
   * first signal itself, as `proxy` does) SIGINT/SIGTERM handling.
   */
  static open(reportDir: string, opts: { signals?: boolean } = {}): RunSession {
    const s = new RunSession(reportDir);
    if (opts.signals !== false) s.armSignals();
    return s;
  }

  /** From now on a signal interrupts the run: what `partial` returns is written as an interrupted report. */
  armSignals(): void {
    if (this.armed || this.closed) return;
    this.armed = true;
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** How to get the checks judged so far, should a signal stop the run. */
  onInterrupt(partial: PartialResults): void {
    this.partial = partial;
  }

  /** True once a signal is being handled: the interrupted report is the one this run writes. */
  get stopping(): boolean {
    return this.stoppingOn !== undefined;
  }

  /**
   * Writes the run's own report (atomically); a signal from now on ends the process as usual. Once a signal is being
   * handled it never returns: the interrupted report is written instead, and the process exits with the signal's code.
   */
  async write(results: Results, baseline?: Results, evidence?: EvidenceMode): Promise<WrittenReport> {
    if (this.stopping) await new Promise(() => {});
    this.disarm();
    return writeReport(results, this.dir, baseline, evidence);
  }

  /** Ends the session: no signal handling, the lock released. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disarm();
    this.releaseLock();
    process.removeListener('exit', this.onExit);
  }

  private disarm(): void {
    if (!this.armed) return;
    this.armed = false;
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }

  private releaseLock(): void {
    try {
      if (lockHolder(this.lock)?.pid === process.pid) unlinkSync(this.lock);
    } catch {}
  }

  private async interrupt(signal: Stop): Promise<void> {
    const code = EXIT_CODE[signal];
    if (this.stoppingOn) {
      // A second signal while stopping: the tester insists. Leave now, the lock released.
      process.stderr.write(`paycert: ${signal} again: exiting without waiting\n`);
      this.releaseLock();
      process.exit(code);
    }
    this.stoppingOn = signal;
    markStopping();
    process.stderr.write(
      `paycert: interrupted by ${signal}: stopping, then writing what was judged so far\n`,
    );
    await within(stopAll(2000), 5000);
    try {
      const partial = this.partial ? await within(Promise.resolve(this.partial(signal)), 5000) : undefined;
      if (!partial)
        process.stderr.write(
          'paycert: interrupted before any check ran: no report written (an earlier one was removed)\n',
        );
      else {
        const results = interrupted(partial, signal);
        const written = writeReport(results, this.dir);
        process.stdout.write(`${summaryLines(results, written.html).map(redactText).join('\n')}\n`);
      }
    } catch (err) {
      process.stderr.write(
        `paycert: the interrupted run's report could not be written: ${redactText((err as Error).message ?? String(err))}\n`,
      );
    }
    this.close();
    await new Promise((resolve) => process.stdout.write('', resolve));
    await new Promise((resolve) => process.stderr.write('', resolve));
    process.exit(code);
  }
}

/** The promise's value, or undefined once `ms` have passed: stopping must never hang. */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

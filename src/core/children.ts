import type { ChildProcess } from 'node:child_process';

// Everything a command started that must not outlive it: child processes (the integrator's client, the Pact
// verifier, a driver command) and servers (a bundled mock, the recording front). When a signal stops the command,
// the run session stops them all here, so no process is left re-parented to PID 1 and no port stays bound.

interface Stoppable {
  name: string;
  stop(graceMs: number): Promise<void>;
}

const live = new Set<Stoppable>();

/** Registers something to stop on interruption; the returned function unregisters it (it ended by itself). */
export function track(name: string, stop: (graceMs: number) => Promise<void> | void): () => void {
  const entry: Stoppable = { name, stop: async (graceMs) => stop(graceMs) };
  live.add(entry);
  return () => live.delete(entry);
}

/** True while a process (or, with a negative id, a process group) still exists. */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but is not ours to signal (cannot happen for our own children, but is not "gone").
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {}
}

/**
 * Ends a process, or with `group` its whole process group (it must have been spawned `detached`, so it leads one):
 * SIGTERM, then SIGKILL for whatever is still there after `graceMs`.
 */
export async function endProcess(child: ChildProcess, group: boolean, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const id = group ? -pid : pid;
  if (!exists(id)) return;
  signal(id, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (exists(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (exists(id)) signal(id, 'SIGKILL');
  // The group is gone once its last member is reaped; wait a little for that, never forever.
  const reaped = Date.now() + 1000;
  while (exists(id) && Date.now() < reaped) await new Promise((r) => setTimeout(r, 25));
}

/** Tracks a child process until it exits; on interruption it is ended (with `group`, with all it started). */
export function trackProcess(name: string, child: ChildProcess, group = false): () => void {
  const untrack = track(name, (graceMs) => endProcess(child, group, graceMs));
  child.once('exit', () => {
    // A group may outlive its leader (a background job of a shell script): keep it tracked until it is gone.
    if (!group || child.pid === undefined || !exists(-child.pid)) untrack();
  });
  return untrack;
}

/** Stops everything still tracked, processes and servers at once, each within `graceMs` (then killed). */
export async function stopAll(graceMs = 2000): Promise<string[]> {
  const entries = [...live];
  live.clear();
  await Promise.all(entries.map((e) => e.stop(graceMs).catch(() => {})));
  return entries.map((e) => e.name);
}

let stopping = false;

/** Called by the run session when a signal starts stopping the command. */
export function markStopping(): void {
  stopping = true;
}

/**
 * Resolves at once, unless a signal is being handled: then never, so the command's own end (or an error its killed
 * children cause) cannot exit the process before the interrupted report is written; the session exits it.
 */
export function unlessStopping(): Promise<void> {
  return stopping ? new Promise(() => {}) : Promise.resolve();
}

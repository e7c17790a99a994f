import { AsyncLocalStorage } from 'node:async_hooks';

// What the run is waiting for (callbacks, their retries, a person), so that a run with nothing left but waits says
// so on the console instead of sitting silent.

/** How long a check waits for a callback (or a person) by default: a bundled mock answers at once, a remote may not. */
export const EMBEDDED_WAIT_MS = 1500;
export const REMOTE_WAIT_MS = 20_000;

const active = new Map<number, { what: string; until: number }>();
let seq = 0;
// Requests made inside a wait (asking a payout's state while its callback is awaited) are part of the wait.
const inWait = new AsyncLocalStorage<true>();
let lastExchangeAt = 0;

/** Called by the HTTP layer on every request and answer outside a wait. */
export function noteExchange(): void {
  if (!inWait.getStore()) lastExchangeAt = Date.now();
}

/** Registers a wait for the time `done` takes (at most `ms`); a function runs inside the wait. */
export function waiting<T>(what: string, ms: number, done: Promise<T> | (() => Promise<T>)): Promise<T> {
  // A wait inside a wait (the callback awaited between polls) is covered by the outer one.
  if (inWait.getStore()) return typeof done === 'function' ? done() : done;
  const id = ++seq;
  active.set(id, { what, until: Date.now() + ms });
  const promise = typeof done === 'function' ? inWait.run(true, done) : done;
  return promise.finally(() => active.delete(id));
}

export function activeWaits(): { what: string; until: number }[] {
  return [...active.values()];
}

const IDLE_MS = 1000;

/**
 * While waits are registered and no request has been sent for a second, says what is awaited and for how long at
 * most: once as a line, then as a countdown. Returns the function that stops it.
 */
export function announceWaits(say: (line: string, opts?: { transient?: boolean }) => void): () => void {
  let announced = '';
  const timer = setInterval(() => {
    const waits = activeWaits();
    if (waits.length === 0 || Date.now() - lastExchangeAt < IDLE_MS) {
      announced = '';
      return;
    }
    const what = [...new Set(waits.map((w) => w.what))].join('; ');
    const left = Math.max(0, Math.ceil((Math.max(...waits.map((w) => w.until)) - Date.now()) / 1000));
    if (what !== announced) {
      announced = what;
      say(`paycert: only waits remain: ${what} (at most ${left} s more)`);
    } else say(`paycert: waiting ${left} s more for ${what}`, { transient: true });
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}

import { AsyncLocalStorage } from 'node:async_hooks';

// What the run is waiting for (callbacks, their retries, a person), so that a run with nothing left but waits says
// so on the console instead of sitting silent.

/**
 * How long a check waits for a callback (or a person) by default. A wait ends as soon as what it awaits arrives, so
 * the ceiling costs a conformant target nothing. The bundled mock runs in the run's own process and calls back at
 * once on a quiet machine, but on a loaded one (load 20 on 2 cores) its callbacks came later than 1.5 s; a remote
 * target may take longer still.
 */
export const EMBEDDED_WAIT_MS = 10_000;
export const REMOTE_WAIT_MS = 20_000;

/**
 * On the bundled mock, the window for a retry after a refused callback is the first retry delay the run gave the
 * mock plus this margin, in loop time (loop-time.ts): a mock without the retry lets the whole window elapse, so it
 * decides how long that fault's run takes, while a loaded machine stretches it as much as it delays the retry.
 */
export const EMBEDDED_RETRY_MARGIN_MS = 1000;

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

// A window measured in the time this process got to run its timers, not in wall time. The bundled mock runs in the
// run's own process: when the machine is loaded or the event loop is busy with the run's other checks, the mock's
// retry timers and its callbacks run late by as much as ours do, so a window that must elapse (to see that no retry
// comes) has to stretch with them; on a quiet machine it takes its nominal length.

const STEP_MS = 25;

/**
 * Resolves once `ms` of loop time have passed, or when `signal` aborts: the window advances in steps of STEP_MS,
 * and a step counts for at most STEP_MS however late its timer fires, so lateness lengthens the window.
 */
export function afterLoopTime(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let counted = 0;
    let last = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const end = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', end);
      resolve();
    };
    const step = () => {
      const now = Date.now();
      counted += Math.min(now - last, STEP_MS);
      last = now;
      if (counted >= ms) end();
      else timer = setTimeout(step, STEP_MS);
    };
    signal.addEventListener('abort', end, { once: true });
    timer = setTimeout(step, STEP_MS);
  });
}

import type { Exchange } from '../core/results.js';
import { type HttpRequest, type HttpResponse, send, TransportError } from './http.js';
import { retryAfterMs } from './retry-after.js';
import type { Throttle } from './throttle.js';

// A check's exchanges with the target: within the run's request budget and politeness (the throttle), fed to the
// breakers, and honouring the target's Retry-After within the run's wait budget.

/** What an exchange needs of the run (its RunState): limits, the throttle, the breakers and the wait budget. */
export interface TransportRun {
  readonly config: { timeoutMs: number; maxBodyBytes: number; retryAfterCapMs: number };
  readonly throttle: Throttle;
  readonly waitExhausted: string | undefined;
  noteTransport(path: string, ok: boolean, err?: TransportError): void;
  noteRefusal(): void;
  reserveWait(ms: number): boolean;
}

/** One exchange within the run's budget and politeness; a transport failure is noted on the exchange. */
export async function sendOnce(
  run: TransportRun,
  httpReq: HttpRequest,
  exchange: Exchange,
): Promise<HttpResponse> {
  const { config, throttle } = run;
  if (!(await throttle.acquire())) {
    exchange.error = 'request budget of the run is spent';
    throw new TransportError('budget', exchange.error);
  }
  try {
    return await send(httpReq, { timeoutMs: config.timeoutMs, maxBodyBytes: config.maxBodyBytes });
  } catch (err) {
    exchange.error = (err as Error).message;
    throw err;
  } finally {
    throttle.release();
  }
}

/**
 * An exchange with an endpoint of the target, retried at most twice after a 429/503 with Retry-After. `keep` records
 * the answer on the exchange's evidence; a target that stays throttled ends the check as a transport error.
 */
export async function exchangeWith(
  run: TransportRun,
  endpoint: string,
  httpReq: HttpRequest,
  exchange: Exchange,
  keep: (res: HttpResponse) => void,
): Promise<HttpResponse> {
  const { config, throttle } = run;
  let attempt = 0;
  for (;;) {
    let res: HttpResponse;
    try {
      res = await sendOnce(run, httpReq, exchange);
    } catch (err) {
      const te = err as TransportError;
      if (te.kind !== 'budget') run.noteTransport(endpoint, false, te);
      throw te;
    }
    const throttled = (res.status === 429 || res.status === 503) && res.headers['retry-after'] !== undefined;
    // A throttled answer is not a working endpoint: it must not reset the breakers, or a target that keeps
    // throttling would cost two Retry-After waits for every check of the run.
    if (!throttled) run.noteTransport(endpoint, true);
    else run.noteRefusal();
    const retryAfter = throttled ? retryAfterMs(res, config.retryAfterCapMs) : undefined;
    const waits = retryAfter !== undefined && attempt < 2 && run.reserveWait(retryAfter);
    if (waits) {
      attempt++;
      throttle.pauseUntil(Date.now() + retryAfter);
      await new Promise((r) => setTimeout(r, retryAfter));
      if (!run.waitExhausted) continue;
    }
    keep(res);
    if (throttled) {
      // Being throttled says nothing about conformance: the check could not run.
      exchange.error = `HTTP ${res.status} with Retry-After ${res.headers['retry-after']} (${
        retryAfter === undefined
          ? `over the ${config.retryAfterCapMs} ms cap`
          : run.waitExhausted
            ? 'the run stopped waiting: --max-wait spent'
            : 'still throttled after 2 retries'
      })`;
      const err = new TransportError('other', `target throttled: ${exchange.error}`);
      run.noteTransport(endpoint, false, err);
      throw err;
    }
    return res;
  }
}

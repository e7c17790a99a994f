// "fetch failed" names nothing: say which broker could not be reached and why (the system's error code).

/** The network reason of a failed fetch: ECONNREFUSED, ENOTFOUND, a timeout…, else the error's own message. */
export function networkReason(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer in time';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

export function unreachableBroker(url: string, err: unknown): string {
  return `cannot reach the Pact Broker at ${url}: ${networkReason(err)} (is --broker-url right, and the broker up?)`;
}

/** Checks that a broker answers at all before a long verification starts; returns the problem, or nothing. */
export async function brokerProblem(url: string, timeoutMs = 10_000): Promise<string | undefined> {
  try {
    await fetch(url, {
      method: 'GET',
      headers: { Accept: 'application/hal+json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return undefined;
  } catch (err) {
    return unreachableBroker(url, err);
  }
}

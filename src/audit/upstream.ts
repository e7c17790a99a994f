import type { Recorded } from './recorder.js';

// An unreachable or failing sandbox behind `proxy` / `audit --target` is the tester's setup to fix, not a finding
// against the client: the client checks cannot judge a client whose requests never got a gateway's answer.

/**
 * Why the upstream, not the client, is at fault, or undefined when it answered: a request it did not answer at all
 * (refused, reset, timed out), or, for a remote sandbox, a 5xx to every request that was forwarded.
 */
export function upstreamFailure(
  exchanges: readonly Recorded[],
  upstream: string,
  remote: boolean,
): string | undefined {
  const unanswered = exchanges.filter((r) => r.errorKind === 'upstream');
  if (unanswered.length)
    return `the upstream ${upstream} did not answer ${unanswered.length} of ${exchanges.length} requests (${unanswered[0]!.error!.replace(/^upstream:\s*/, '')}): check that it is up and reachable; the client was not judged`;
  const forwarded = exchanges.filter((r) => !r.injected && r.response);
  if (remote && forwarded.length && forwarded.every((r) => r.response!.status >= 500))
    return `the upstream ${upstream} answered every request with a server error (${[...new Set(forwarded.map((r) => r.response!.status))].join(', ')}): check the sandbox; the client was not judged`;
  return undefined;
}

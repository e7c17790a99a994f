import { createRequire } from 'node:module';
import type { V3MockServer as V4MockServer } from '@pact-foundation/pact';
import type { FetchLike } from '../../src/index.js';

// Why the consumer tests wait for the mock server's bookkeeping: the pact-core 19 native library bundles
// pact_mock_server 2.2.1, which answers a request first and records the match afterwards, on a task of its own.
// executeTest reads that record as soon as the test function returns, so on a loaded machine it can report "expected
// but not received" for a request the client sent and had answered (seen here: 6 of 200 answered requests were not
// yet recorded at load 20). Upstream records the match before answering since pact_mock_server 2.2.4
// (pact-reference#535, pact-js#1835), shipped with pact-core 20 in Pact 17, which needs Node 22. So only where the
// contract tests run on Pact 16 (Node 20, see pact.ts) do the clients fetch through `recordedFetch`, which returns an
// answer only once the mock server has recorded its request. Delete this file with Node 20 support.

interface MockServerFfi {
  pactffiMockServerMismatches(port: number): string;
}

// The native library instance the Pact 16 DSL itself uses: pact-core as the dev alias pact-v16 resolves it, loaded
// only when a test first asks (on Pact 17 never).
const fromHere = createRequire(import.meta.url);
let core: { getFfiLib(): MockServerFfi } | undefined;
function ffi(): MockServerFfi {
  core ??= createRequire(fromHere.resolve('pact-v16'))('@pact-foundation/pact-core') as {
    getFfiLib(): MockServerFfi;
  };
  return core.getFfiLib();
}

/** Whether the mock server has recorded a request: the expected one matched, or a request that did not match. */
function hasRecorded(port: number): boolean {
  const results = JSON.parse(ffi().pactffiMockServerMismatches(port)) as { type: string }[];
  return (
    !results.some((r) => r.type === 'missing-request') ||
    results.some((r) => r.type === 'request-mismatch' || r.type === 'request-not-found')
  );
}

/** Resolves once the mock server has recorded a request; the record is due within the client's own deadline. */
async function recorded(port: number, deadlineMs: number): Promise<void> {
  const started = performance.now();
  while (!hasRecorded(port)) {
    if (performance.now() - started > deadlineMs)
      throw new Error(
        `the Pact mock server answered but had not recorded the request within ${deadlineMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A fetch for a client under test: the answer, handed over once the mock server has recorded the request. */
export function recordedFetch(mock: V4MockServer, deadlineMs: number): FetchLike {
  return async (input, init) => {
    const res = await fetch(input, init);
    const body = await res.arrayBuffer();
    await recorded(mock.port, deadlineMs);
    return new Response(NULL_BODY.has(res.status) ? null : body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

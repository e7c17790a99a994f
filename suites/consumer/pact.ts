import type { V3MockServer as V4MockServer } from '@pact-foundation/pact';
import type { FetchLike } from '../../src/index.js';
import { recordedFetch } from './recorded.js';

// paycert accepts Pact 16 and 17 (peer range ^16.5.0 || ^17.1.4). Pact 17 bundles pact-core 20, whose mock server
// records a request before it answers it, and needs Node 22; Pact 16 (pact-core 19) also runs on Node 20 but its
// mock server records after answering. The contract tests use the newest major the running Node supports: Pact 17
// on Node 22 and 24, Pact 16 (the dev alias `pact-v16`) on Node 20, so each major is tested on a Node that runs it.
// PAYCERT_PACT=16 runs Pact 16 on a newer Node too.

const nodeMajor = Number(process.versions.node.split('.')[0]);
export const PACT_MAJOR: 16 | 17 = process.env.PAYCERT_PACT === '16' || nodeMajor < 22 ? 16 : 17;

type Pact = typeof import('@pact-foundation/pact');
export const pact: Pact =
  PACT_MAJOR === 17 ? await import('@pact-foundation/pact') : ((await import('pact-v16')) as unknown as Pact);

/**
 * The fetch a client under test uses against the Pact mock server: plain fetch on Pact 17; on Pact 16 one that
 * hands over the answer only once the mock server has recorded the request (see recorded.ts).
 */
export function mockFetch(mock: V4MockServer, deadlineMs: number): FetchLike {
  return PACT_MAJOR === 17 ? fetch : recordedFetch(mock, deadlineMs);
}

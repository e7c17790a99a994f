import type { Gateway, Level } from '../core/results.js';

// The documented requests of a gateway: what each endpoint is, where its request schema lives, and which reading,
// level and doc section the checks derived from it (src/generate) cite. Each gateway model holds its own table.

export interface Source {
  reading: string;
  section: string;
  /** The one clause of the reading the checks enforce, where the reading's quote alone would not say it. */
  clause?: string;
}

export interface Endpoint {
  gateway: Gateway;
  /** Catalogue endpoint name (as the hand-written checks use it). */
  name: string;
  /** Short code in generated IDs: LP-GEN-<code>-… */
  code: string;
  path: string;
  schema: string;
  capability?: string;
  /** The endpoint creates an order, so a refusal is queried back ("nothing created"). */
  creates: boolean;
  /** Fields whose requiredness the docs state (L7, the batch table); for the rest it is paycert's reading. */
  documentedRequired: boolean;
  /** HTTP 405 on a wrong method: MUST on pay-in (L4), SHOULD on payout and Payloco. */
  methodLevel: Level;
  /** HTTP 404 under the endpoint's prefix: MUST on Lesspay (L5), SHOULD on Payloco. */
  unknownPathLevel: Level;
  /** The reading a valid request of this endpoint is judged by. */
  accept: Source & { level: Level };
  /** Enum fields whose other values need other fields (a destination type needs its destination): not tried. */
  coupledEnums?: Record<string, string>;
  /**
   * Members the generator does not walk, with the reason the coverage table shows (`x.*`: the members of x): objects
   * read only for another destination type or channel than the valid body uses, where a target that ignores them
   * is conformant.
   */
  notWalked?: Record<string, string>;
  /** Amount fields the endpoint's query answers with, so a spelling can be compared exactly. */
  echoedAmounts?: string[];
  /** Smallest whole part of a generated valid amount (Lesspay payouts over 1000 stay in review: no callback). */
  amountFloor?: number;
}

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

/**
 * How a gateway's generated checks cite and grade what the request schemas alone do not say: which reading each
 * rule family cites and where the profile makes a refusal MUST. Data only; src/generate applies it the same way to
 * every gateway. Family, endpoint and answer-kind names are src/generate's (`required`, `auth-failure` …).
 */
export interface GenerationRules {
  /** The reading a family cites (auth, signing, method, unknown-path, content-type, envelope, window …). A positive
   * family cites its endpoint's `accept`; a field's constraint not listed here cites `fields`. */
  families: Readonly<Record<string, Source>>;
  /** The reading a field's constraint cites. */
  fields: Source;
  /** Top-level fields of the common request body, cited by `common.source` instead of `fields`. */
  common?: { names: readonly string[]; source: Source };
  /** Families whose refusal is MUST on every field (a constraint the profile makes binding); others are SHOULD. */
  mustFamilies: readonly string[];
  /** Per field name: families whose refusal is MUST for that field, with the reading cited where it is its own. */
  mustByField?: Readonly<Record<string, Readonly<Record<string, Source | undefined>>>>;
  /** Per endpoint name: families whose refusal is MUST there. */
  mustByEndpoint?: Readonly<Record<string, readonly string[]>>;
  /** A missing required field is MUST where the endpoint's docs state requiredness (else SHOULD). */
  requiredAsDocumented: boolean;
  /** The reading an amount's spelling check cites, by endpoint name, else `source`. */
  amountSpelling: { source: Source; byEndpoint?: Readonly<Record<string, Source>> };
  /** A request naming none of a required one-of group: its level, and its reading by endpoint name, else `source`,
   * else the endpoint's `accept`. */
  oneOf: { level: Level; source?: Source; byEndpoint?: Readonly<Record<string, Source>> };
  /** Answer kinds whose envelope is SHOULD (the docs do not show it), and readings of kinds citing their own. */
  envelope: { optional: readonly string[]; byAnswer?: Readonly<Record<string, Source>> };
  /** The auth variants sent to every endpoint (src/generate's VARIANT_TEXT names each). */
  authVariants: readonly string[];
}

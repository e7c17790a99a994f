import type { Gateway } from '../core/results.js';
import type { SigningMistake } from '../signing/mistakes.js';
import type { GatewayApi } from './api.js';
import type { Endpoint, GenerationRules } from './requests.js';
import type { Credentials, GatewayAdapter } from './types.js';

// What paycert knows of one gateway, in one place: each gateway folder (src/gateways/<name>/) exports one model, and
// the rest of paycert asks the registry (./index.ts) for it instead of naming a gateway.

/** One documented endpoint: its path and the `$id`s (below schemas/) of its request and answer. */
export interface EndpointModel {
  path: string;
  request?: string;
  response?: string;
  /** The profile reading that describes what this endpoint does (cited where no check names one, e.g. a pact). */
  reading?: string;
}

/** Where the credential flags of the CLI put their values (flags override the environment). */
export interface CredentialFlags {
  appId?: string;
  appSecretFile?: string;
  merchantId?: string;
  privateKey?: string;
  platformPublicKey?: string;
  webhookSecretFile?: string;
}

/** The credentials a merchant's client under audit signs with (paycert audit, proxy), as the client rules read them. */
export interface AuditedCredentials {
  /** What the client rules recompute signatures with. */
  client: Record<string, string>;
  /** Options that make the bundled mock accept exactly these credentials. */
  mockOptions: Record<string, unknown>;
  webhookSecret?: string;
}

/** The side of a merchant's client under audit: every secret it reads is registered for redaction first. */
export interface ClientSideModel {
  /** From the identity and secret the environment gave (both set; `secretVar` names the secret in messages). */
  given(id: string, secret: string, secretVar: string, env: NodeJS.ProcessEnv): AuditedCredentials;
  /** The variables the audited command reads: the base URL, and a bundled mock's test credentials where it runs
   * one (`mock`), its own where the environment gave none (`given` false). */
  env(baseUrl: string, mock: Record<string, string> | undefined, given: boolean): Record<string, string>;
  /** The client rules' view of a bundled mock's test credentials. */
  fromMock(mock: Record<string, string>): Record<string, string>;
}

export interface CredentialModel {
  /** The CLI's credential flags this gateway reads, each with the variable that stands for it when the flag is absent. */
  flagVars: Readonly<Partial<Record<keyof CredentialFlags, string>>>;
  /** What each of those flags holds, as the CLI's help says it (the variable is added after it); none: the flag name. */
  flagHelp?: Readonly<Partial<Record<keyof CredentialFlags, string>>>;
  /** The identity and signing-secret variables a person sets, named in this order in messages. */
  required: readonly [string, string];
  /** Where a client under audit reads the gateway's base URL. */
  baseUrl: string;
  /** The secret a merchant's webhook handler verifies callbacks with. */
  webhookSecret: string;
  /** The credentials of a run, from flags and the environment; a UsageError names what is missing or unusable. */
  load(flags: CredentialFlags, env: NodeJS.ProcessEnv): Credentials;
  /** The side of a merchant's client under audit. */
  client: ClientSideModel;
  /** `export` lines for a bundled mock's test credentials (as `paycert serve` prints them). */
  exportLines(mock: Record<string, string>): string[];
}

/** The smoke request: one harmless query before any check (src/engine/smoke.ts). */
export interface SmokeModel {
  request(creds: Credentials): { path: string; body: Record<string, unknown> };
  /**
   * How a refused signature looks when the gateway answers it without HTTP 401: the answer carries no `header`
   * (the gateway signs only what it verified) and its envelope `code` is a failure code. Absent: 401 is the refusal.
   */
  unsignedRefusal?: { header: string; isFailureCode(code: unknown): boolean };
}

/** The signing entry points the signing diagnosis uses (src/engine/diagnose.ts). */
export interface SigningModel {
  /** The header carrying a request's signature. */
  header: string;
  /** The harmless request the diagnosis signs wrongly in each way. */
  diagnosisRequest(creds: Credentials): { path: string; body: Record<string, string> };
  /** The signing mistakes gateways make, each applied to `body`. */
  mistakes(creds: Credentials, body: Record<string, string>): SigningMistake[];
  /** True: a refusal is HTTP 401. False: a refusal is the answer a wrongly signed request got. */
  refusesWith401: boolean;
}

/**
 * Where a gateway's files are, as data: paths below the package (code folders resolve under dist/ when compiled),
 * or absolute paths (a test-only gateway). Moving a folder changes this and nothing else.
 */
export interface GatewayLocations {
  /** The reference mock's folder; its index exports `mock`. */
  mock: string;
  /** The probe files (`*.probe.ts`). */
  probes: string;
  /** The catalogue folder and file names: `<main>.json`, then `<main>.<area>.json` parts. */
  catalogue: { dir: string; main: string };
  /** The client checks (`paycert audit`, `proxy`): their catalogue file and their rules module (without extension). */
  client?: { catalogue: string; rules: string };
  /** The webhook handler checks (`paycert webhook-test`): their catalogue file and cases module (no extension). */
  handler?: { catalogue: string; cases: string };
  /** The provider states of its contracts (`paycert verify`): a module (no extension) exporting `provider`. */
  pact?: { states: string };
}

/**
 * Where the shipped gateways keep their files: one layout for all of them, so moving a kind of file (say the probes
 * into a folder per gateway) changes this function and nothing else. A test-only gateway gives its own paths.
 */
export function shippedLocations(name: string): GatewayLocations {
  return {
    mock: `mocks/${name}`,
    probes: `suites/probes/${name}`,
    catalogue: { dir: 'suites/catalogue', main: name },
    client: { catalogue: `suites/client/catalogue/${name}.json`, rules: `suites/client/${name}.rules` },
    handler: { catalogue: `suites/handler/catalogue/${name}.json`, cases: `suites/handler/${name}.cases` },
    pact: { states: `suites/provider/${name}.states` },
  };
}

/** What a gateway's pact provider states are set up with (src/pact/provider-states.ts gives it). */
export interface PactProviderContext {
  baseUrl: string;
  credentials: Credentials;
  timeoutMs: number;
  /** A fresh id of at most 20 characters starting with `prefix`: a contract can be replayed again and again. */
  freshId(prefix: string): string;
}

/** A provider state: set up through the target's public API, returning the ids the contract injects. */
export interface PactState {
  setup(params?: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  teardown?(): Promise<undefined>;
}

/** A gateway's side of `paycert verify`: its provider states, and how a replayed request is signed for the target. */
export interface PactProvider {
  states: Readonly<Record<string, PactState>>;
  /** Rewrites the replayed request's parsed body where the contract holds placeholders, and signs it in `headers`
   * over exactly JSON.stringify(body) (what is forwarded). */
  resign(body: unknown, headers: Record<string, string | string[] | undefined>): void;
}

/** A webhook acknowledgement as the docs define it (status 200 with this body), or a refusal of the delivery. */
export interface WebhookAnswer {
  contentType: string;
  body: string;
}

/** The answer an audit scenario gives the client instead of the gateway's (src/audit/recorder.ts sends it). */
export interface ScenarioAnswer {
  /**
   * `instead` (the default): the upstream never sees the request. `after`: the upstream handles it (an order is
   * created), then the client gets this answer instead of the upstream's. `hold`: the upstream handles it and the
   * client gets no answer until it gives up, or `holdMs` passes (then this answer): a real timeout.
   */
  when?: 'instead' | 'after' | 'hold';
  holdMs?: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * `paycert audit --scenario NAME`: the recording front answers one chosen request itself with a documented failure,
 * and the scenario's client checks judge what the client did next. Data only; src/audit runs it.
 */
export interface ScenarioModel {
  name: string;
  description: string;
  /**
   * The first request to one of these paths (no query) gets the answer; later ones go to the upstream. A scenario
   * without an answer (a mock policy) names the requests whose sequel its checks judge.
   */
  paths: readonly string[];
  answer?: ScenarioAnswer;
  /** Client checks that judge the client's next move; they run only when this scenario is selected. */
  checks: readonly string[];
  /**
   * Sandbox policies the bundled mock starts with (an order that settles by itself, a review that rejects): such a
   * scenario changes how the gateway behaves, not one answer, so it needs the bundled mock (refused with --target).
   */
  mockPolicies?: Readonly<Record<string, unknown>>;
  /**
   * The answer also goes to every later request to the same path with the identical body: a refusal a real gateway
   * would repeat (a wrong signature covers the body only, so resending it unchanged is refused again).
   */
  repeatsForSameBody?: boolean;
}

/**
 * What the command line's help says of a gateway (src/gateways/<name>/card.ts): plain data importing nothing at run
 * time, so `paycert --help` names the gateways and their credential variables without loading any gateway's modules.
 * The gateway's model is built on it (its name, display name and credential variables come from here).
 */
export interface GatewayCard {
  name: Gateway;
  displayName: string;
  /** The CLI's credential flags this gateway reads, each with the variable that stands for it when the flag is absent. */
  flagVars: Readonly<Partial<Record<keyof CredentialFlags, string>>>;
  /** What each of those flags holds, as the CLI's help says it (the variable is added after it); none: the flag name. */
  flagHelp?: Readonly<Partial<Record<keyof CredentialFlags, string>>>;
  /** The variable holding the secret the gateway's callbacks are signed with (`webhook-test` reads it). */
  webhookSecret: string;
  /** True when the gateway has handler checks (`webhook-test`): its model locates them. */
  handlerChecks: boolean;
}

export interface GatewayModel {
  name: Gateway;
  /** As people write it: Lesspay, Payloco. */
  displayName: string;
  /** The prefixes of the gateway's check IDs (`<prefix>-<AREA>-<nnn>`): probes, webhooks, client and handler rules. */
  idPrefixes: readonly string[];
  /** The profile readings the gateway's checks cite start with this letter (docs/profile.md). */
  readingPrefix: string;
  /** Readings the harness cites by role where no check names one (e.g. a pact interaction's envelope). */
  readings: { envelope: string };
  /** The documented endpoints, by the names paycert uses for them. */
  endpoints: Readonly<Record<string, EndpointModel>>;
  /** The documented requests the generated checks are derived from (src/generate); none: no generated checks. */
  requests?: readonly Endpoint[];
  /** How the generated checks cite and grade beyond the schemas; present wherever `requests` is. */
  generation?: GenerationRules;
  /** Doc sections the generated checks cite that the hand-written catalogue does not. */
  extraDocs?: Readonly<Record<string, string>>;
  /** What its OpenAPI document says beyond the schemas (src/openapi); none: no document. */
  api?: GatewayApi;
  credentials: CredentialModel;
  smoke: SmokeModel;
  signing: SigningModel;
  /** The gateway's DNS domains, and its documented sandbox, UAT and dev hosts: any other host of those domains is
   * production, which a run refuses without --allow-production. */
  hosts: { domains: readonly string[]; sandboxes: readonly string[] };
  /** How a merchant acknowledges a callback, and refuses one (the run's webhook receiver answers so). */
  webhookAnswers?: { ack: WebhookAnswer; refusal: WebhookAnswer };
  /** How its callbacks are signed: the forms a handler may verify (`webhook-test --webhook-signed`), or, where the
   * docs allow one form only, the sentence that says which. */
  webhookSigning: { forms: readonly string[] } | { only: string };
  /** How requests are authenticated and secrets kept out of outputs. */
  adapter: GatewayAdapter;
  locations: GatewayLocations;
  /** The failures `paycert audit --scenario` can answer a client's request with; none: no scenarios. */
  scenarios?: readonly ScenarioModel[];
}

import type { Gateway } from '../core/results.js';

/**
 * How a probe asks for authentication:
 * valid: as the docs say; none: no auth headers at all; no-signature: identity but no signature;
 * bad-signature: a signature that does not match; foreign-key: signed with a key/secret the target does not know;
 * unknown-id: an app/merchant id the target does not know, otherwise valid; no-id: no app id (Lesspay).
 */
export type AuthMode =
  | 'valid'
  | 'none'
  | 'no-signature'
  | 'bad-signature'
  | 'foreign-key'
  | 'unknown-id'
  | 'no-id';

export interface LesspayCredentials {
  appId: string;
  appSecret: string;
}

export interface PaylocoCredentials {
  merchantId: string;
  privateKeyPem: string;
  platformPublicKeyPem?: string;
  webhookSecret?: string;
}

export type Credentials = LesspayCredentials | PaylocoCredentials;

export interface GatewayAdapter {
  name: Gateway;
  /** Header names whose values are secret-bearing and are redacted in every output. */
  secretHeaders: string[];
  /** Work to finish before the first request (e.g. generating a test key). */
  prepare?(): Promise<void>;
  /** Credential values that must never appear in any output. */
  secrets(creds: Credentials): string[];
  /**
   * For a replay line that can be pasted: the header carrying the request signature, and a shell command that
   * computes it from the tester's environment (the value itself is never printed).
   */
  replaySignature(raw: string, body: Record<string, unknown> | undefined): { header: string; shell: string };
  /** Headers that authenticate a request whose serialized body is `raw` (parsed as `body` when JSON). */
  authHeaders(
    creds: Credentials,
    raw: string,
    body: Record<string, unknown> | undefined,
    mode: AuthMode,
  ): Record<string, string>;
}

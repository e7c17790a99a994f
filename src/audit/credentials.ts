import { UsageError } from '../core/errors.js';
import type { Gateway } from '../core/results.js';
import type { RunningMock } from '../engine/embedded.js';
import { gatewayModel } from '../gateways/index.js';
import type { ClientCredentials } from './client-kit.js';

// The client's credentials: the ones already in the environment when set (the mock then accepts exactly those), else
// the bundled mock's test credentials, passed on to the command. Every secret is registered for redaction first.

export interface GivenCredentials {
  /** What the rules recompute signatures with. */
  client: ClientCredentials;
  /** Options that make the bundled mock accept exactly these credentials. */
  mockOptions: Record<string, unknown>;
  webhookSecret?: string;
}

/** The credentials set in the environment, or undefined when none is set; a partial set is a usage error. */
export function givenCredentials(gateway: Gateway, env: NodeJS.ProcessEnv): GivenCredentials | undefined {
  const { required, client } = gatewayModel(gateway).credentials;
  const [idVar, secretVar] = required;
  const id = env[idVar]?.trim();
  const secret = env[secretVar]?.trim();
  if (!id && !secret) return undefined;
  if (!id || !secret)
    throw new UsageError(
      `set both ${idVar} and ${secretVar}, or neither (paycert then makes test credentials)`,
    );
  return client.given(id, secret, secretVar, env);
}

/** The environment of the audited command: the base URL, and the mock's test credentials where none was given. */
export function clientEnv(
  gateway: Gateway,
  env: NodeJS.ProcessEnv,
  baseUrl: string,
  mock: RunningMock | undefined,
  given: GivenCredentials | undefined,
): NodeJS.ProcessEnv {
  return {
    ...env,
    ...gatewayModel(gateway).credentials.client.env(baseUrl, mock?.credentials, given !== undefined),
  };
}

/** The rules' view of the mock's test credentials (used when the environment gave none). */
export function mockClientCredentials(gateway: Gateway, mock: RunningMock): ClientCredentials {
  return gatewayModel(gateway).credentials.client.fromMock(mock.credentials);
}

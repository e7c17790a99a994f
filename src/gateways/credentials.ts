import { registerSecret } from '../core/redact.js';
import type { Gateway } from '../core/results.js';
import { type CredentialFlags, type Credentials, gatewayModel } from './index.js';

// The credentials of a run: each gateway's model says which flags and variables it reads and how (src/gateways/).

export type { CredentialFlags };

export function credentialsFor(
  gateway: Gateway,
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv,
): Credentials {
  return gatewayModel(gateway).credentials.load(flags, env);
}

/** Every secret value is registered before anything is printed or written, so redaction can mask it. */
export function registerCredentialSecrets(gateway: Gateway, creds: Credentials): void {
  for (const secret of gatewayModel(gateway).adapter.secrets(creds)) registerSecret(secret);
}

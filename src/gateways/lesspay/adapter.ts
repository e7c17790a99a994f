import { shellQuote } from '../../core/shell.js';
import { lesspaySign, lesspayStringToSign } from '../../signing/lesspay.js';
import type { AuthMode, Credentials, GatewayAdapter, LesspayCredentials } from '../types.js';

const UNKNOWN_APP_ID = 'paycert-unknown-app-id';

function headers(appId: string | undefined, signature: string | undefined): Record<string, string> {
  const h: Record<string, string> = { 'X-Auth-Timestamp': String(Date.now()) };
  if (appId !== undefined) h['x-auth-appid'] = appId;
  if (signature !== undefined) h['x-auth-signature'] = signature;
  return h;
}

export const lesspay: GatewayAdapter = {
  name: 'lesspay',
  secretHeaders: ['x-auth-signature'],
  secrets: (c: Credentials) => [(c as LesspayCredentials).appSecret],
  replaySignature(_raw, body) {
    // The string to sign ends in "&key=<secret>": the secret comes from the environment, the rest is the body.
    const prefix = lesspayStringToSign(body ?? {}, '');
    return {
      header: 'x-auth-signature',
      shell: `printf '%s' ${shellQuote(prefix)}"$LESSPAY_APP_SECRET" | sha256sum | cut -c1-64 | tr a-f A-F`,
    };
  },
  authHeaders(c: Credentials, _raw, body, mode: AuthMode) {
    const { appId, appSecret } = c as LesspayCredentials;
    const sign = (secret: string) => lesspaySign(body ?? {}, secret);
    switch (mode) {
      case 'none':
        return {};
      case 'no-signature':
        return headers(appId, undefined);
      case 'no-id':
        return headers(undefined, sign(appSecret));
      case 'unknown-id':
        return headers(UNKNOWN_APP_ID, sign(appSecret));
      case 'bad-signature':
        // Right length and alphabet, wrong value: the body signed with one character of the secret changed.
        return headers(appId, sign(`${appSecret}x`));
      case 'foreign-key':
        return headers(appId, sign('paycert-foreign-secret'));
      default:
        return headers(appId, sign(appSecret));
    }
  },
};

import { registerSecret } from '../../core/redact.js';
import { need, readFile } from '../credential-files.js';
import type { CredentialFlags, CredentialModel } from '../model.js';
import type { LesspayCredentials } from '../types.js';
import { card } from './card.js';

// Lesspay credentials: an app id and the app secret the requests are signed with (L3).

function load(flags: CredentialFlags, env: NodeJS.ProcessEnv): LesspayCredentials {
  const appId = need(flags.appId ?? env.LESSPAY_APP_ID, 'LESSPAY_APP_ID (or --app-id)');
  const secret = flags.appSecretFile
    ? readFile(flags.appSecretFile, '--app-secret-file', 'app secret')
    : env.LESSPAY_APP_SECRET;
  return { appId, appSecret: need(secret, 'LESSPAY_APP_SECRET (or --app-secret-file)') };
}

export const credentials: CredentialModel = {
  flagVars: card.flagVars,
  flagHelp: card.flagHelp,
  required: ['LESSPAY_APP_ID', 'LESSPAY_APP_SECRET'],
  baseUrl: 'LESSPAY_BASE_URL',
  webhookSecret: card.webhookSecret,
  load,
  client: {
    given(id, secret) {
      registerSecret(secret);
      return { client: { appId: id, appSecret: secret }, mockOptions: { appId: id, appSecret: secret } };
    },
    env(baseUrl, mock, given) {
      const out: Record<string, string> = { LESSPAY_BASE_URL: baseUrl };
      if (mock && !given) {
        out.LESSPAY_APP_ID = mock.appId;
        out.LESSPAY_APP_SECRET = mock.appSecret;
      }
      return out;
    },
    fromMock(mock) {
      registerSecret(mock.appSecret);
      return { appId: mock.appId, appSecret: mock.appSecret };
    },
  },
  exportLines: (c) => [
    `export LESSPAY_APP_ID='${c.appId}'`,
    `export LESSPAY_APP_SECRET='${c.appSecret}'   # test-only secret`,
  ],
};

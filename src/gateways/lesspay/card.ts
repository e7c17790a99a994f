import type { GatewayCard } from '../model.js';

// What the command line's help says of Lesspay: data only, importing nothing at run time, so `paycert --help` loads
// nothing else of the gateway.

export const card: GatewayCard = {
  name: 'lesspay',
  displayName: 'Lesspay 2.0',
  flagVars: { appId: 'LESSPAY_APP_ID', appSecretFile: 'LESSPAY_APP_SECRET' },
  flagHelp: { appId: 'Lesspay app id', appSecretFile: 'file holding the Lesspay app secret' },
  // Lesspay signs its callbacks with the app secret (L3).
  webhookSecret: 'LESSPAY_APP_SECRET',
  handlerChecks: true,
};

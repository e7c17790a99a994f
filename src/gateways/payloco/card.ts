import type { GatewayCard } from '../model.js';

// What the command line's help says of Payloco: data only, importing nothing at run time, so `paycert --help` loads
// nothing else of the gateway.

export const card: GatewayCard = {
  name: 'payloco',
  displayName: 'Payloco',
  flagVars: {
    merchantId: 'PAYLOCO_MERCHANT_ID',
    privateKey: 'PAYLOCO_PRIVATE_KEY',
    platformPublicKey: 'PAYLOCO_PLATFORM_PUBLIC_KEY',
    webhookSecretFile: 'PAYLOCO_WEBHOOK_SECRET',
  },
  flagHelp: {
    merchantId: 'Payloco merchant id',
    privateKey: 'Payloco merchant private key, PKCS#8 PEM',
    platformPublicKey: 'Payloco platform public key PEM',
    webhookSecretFile: 'file holding the Payloco webhook secret',
  },
  webhookSecret: 'PAYLOCO_WEBHOOK_SECRET',
  handlerChecks: true,
};

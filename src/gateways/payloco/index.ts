import { paylocoMistakes } from '../../signing/mistakes.js';
import { PAYLOCO_WEBHOOK_FORMS } from '../../signing/payloco.js';
import { type GatewayModel, shippedLocations } from '../model.js';
import type { Credentials, PaylocoCredentials } from '../types.js';
import { payloco as adapter } from './adapter.js';
import { api } from './api.js';
import { card } from './card.js';
import { credentials } from './credentials.js';
import { endpoints } from './endpoints.js';
import { generation } from './generation.js';
import { requests } from './requests.js';
import { scenarios } from './scenarios.js';

// Payloco: card payments over POST + JSON, RSA-signed requests and answers (docs/profile.md P1–P10).

/** A query of an order that does not exist: it creates nothing. */
function query(creds: Credentials, merchantOrderId: string, order: 'smoke' | 'diagnosis') {
  const common = { version: '2.0.0', charset: 'UTF-8', transType: 'PAY', accessType: 's2s', signType: 'RSA' };
  const merchantId = (creds as PaylocoCredentials).merchantId;
  const requestTime = new Date().toISOString();
  // The two requests keep the member order they always had (the signed bytes follow it).
  return order === 'smoke'
    ? {
        charset: common.charset,
        version: common.version,
        transType: common.transType,
        accessType: common.accessType,
        signType: common.signType,
        merchantId,
        requestTime,
        merchantOrderId,
      }
    : { ...common, merchantId, requestTime, merchantOrderId };
}

export const gateway: GatewayModel = {
  name: card.name,
  displayName: card.displayName,
  idPrefixes: ['PL', 'PLW', 'PLC', 'PLH'],
  readingPrefix: 'P',
  readings: { envelope: 'P2' },
  endpoints,
  requests,
  generation,
  api,
  credentials,
  smoke: {
    request: (creds) => ({ path: endpoints.query.path, body: query(creds, 'PCSMOKE0000', 'smoke') }),
    // Payloco documents no code for a refused signature; it signs only answers to requests whose signature verified
    // (P6). Only a Payloco failure code counts (8 digits, not success or pending).
    unsignedRefusal: {
      header: 'signature',
      isFailureCode: (code) =>
        typeof code === 'string' && /^\d{8}$/.test(code) && !['00000000', '00000003'].includes(code),
    },
  },
  signing: {
    header: 'signature',
    diagnosisRequest: (creds) => ({
      path: endpoints.query.path,
      body: query(creds, 'PCDIAG0000', 'diagnosis'),
    }),
    mistakes: (creds, body) => paylocoMistakes(body, (creds as PaylocoCredentials).privateKeyPem),
    refusesWith401: false,
  },
  hosts: {
    domains: ['payloco.com'],
    sandboxes: ['gate.uat.payloco.com', 'gate.dev.payloco.com', 'uat-api.payloco.com'],
  },
  webhookAnswers: {
    ack: { contentType: 'application/json', body: '{"code":"00000000","message":"Success"}' },
    refusal: { contentType: 'application/json', body: '{"code":"99999999","message":"Failure"}' },
  },
  webhookSigning: { forms: PAYLOCO_WEBHOOK_FORMS },
  adapter,
  locations: shippedLocations('payloco'),
  scenarios,
};

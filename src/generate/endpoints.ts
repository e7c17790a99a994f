import type { Gateway } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import type { Endpoint } from '../gateways/requests.js';

// The documented requests each gateway model holds (src/gateways/<name>/requests.ts), and the readings the rule
// families cite. Data only; the cases are derived from it and the schemas.

export type { Endpoint, Source } from '../gateways/requests.js';

export const SOURCES = {
  lesspay: {
    transport: { reading: 'L1', section: 'profile L1' },
    envelope: { reading: 'L2', section: 'profile L2' },
    auth: { reading: 'L3', section: 'profile L3' },
    signing: { reading: 'L3', section: 'profile L3' },
    method: { reading: 'L4', section: 'profile L4' },
    path: { reading: 'L5', section: 'lesspay §5.1 HTTP status codes' },
    params: { reading: 'L6', section: 'profile L6' },
    window: { reading: 'L8', section: 'profile L8' },
    payoutQuery: { reading: 'L9', section: 'profile L9' },
  },
  payloco: {
    transport: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
    },
    envelope: {
      reading: 'P2',
      section: 'payloco public-body/response',
    },
    common: {
      reading: 'P4',
      section: 'payloco public-body/request',
    },
    business: {
      reading: 'P9',
      section: 'paycert profile P9',
    },
    signing: {
      reading: 'P6',
      section: 'payloco sign-tool',
    },
    http: {
      reading: 'P1',
      section: 'payloco api-reference/introduction',
      clause: 'a wrong method SHOULD get 405 and an unknown path SHOULD get 404.',
    },
  },
} as const;

/** The documented requests of a gateway (its model's table). */
export function endpointsOf(gateway: Gateway): Endpoint[] {
  return [...(gatewayModel(gateway).requests ?? [])];
}

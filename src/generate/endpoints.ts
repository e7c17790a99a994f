import type { Gateway } from '../core/results.js';
import { gatewayModel } from '../gateways/index.js';
import type { Endpoint } from '../gateways/requests.js';

// The documented requests each gateway model holds (src/gateways/<name>/requests.ts); the readings the rule families
// cite are its `generation` rules (src/gateways/<name>/generation.ts). The cases are derived from them and the schemas.

export type { Endpoint, Source } from '../gateways/requests.js';

/** The documented requests of a gateway (its model's table). */
export function endpointsOf(gateway: Gateway): Endpoint[] {
  return [...(gatewayModel(gateway).requests ?? [])];
}

import type { Gateway } from '../core/results.js';
import type { GatewayApi } from '../gateways/api.js';
import { gateways } from '../gateways/index.js';

// The OpenAPI description of each gateway, as its model holds it (src/gateways/<name>/api.ts).

export type { GatewayApi, Operation, Webhook } from '../gateways/api.js';

export const APIS: Record<Gateway, GatewayApi> = Object.fromEntries(
  gateways().flatMap((g) => (g.api ? [[g.name, g.api]] : [])),
);

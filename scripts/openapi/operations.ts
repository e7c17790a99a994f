import type { Gateway } from '../../src/core/results.js';
import type { GatewayApi } from '../../src/gateways/api.js';
import { gateways } from '../../src/gateways/index.js';

// The OpenAPI description of each gateway, as its model holds it (src/gateways/<name>/api.ts).

export type { GatewayApi, Operation, Webhook } from '../../src/gateways/api.js';

export const APIS: Record<Gateway, GatewayApi> = Object.fromEntries(
  gateways().flatMap((g) => (g.api ? [[g.name, g.api]] : [])),
);

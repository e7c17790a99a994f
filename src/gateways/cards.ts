import { card as lesspay } from './lesspay/card.js';
import type { GatewayCard } from './model.js';
import { card as payloco } from './payloco/card.js';

// The shipped gateways as the command line's help names them: their cards, so `paycert --help` loads no gateway's
// modules (the registry, index.ts, loads every model). The same gateways in the same order as the registry's list,
// which src/gateways/registry.spec.ts holds it to: a gateway is added by its folder and a line here and there.

export const SHIPPED_CARDS: readonly GatewayCard[] = [lesspay, payloco];

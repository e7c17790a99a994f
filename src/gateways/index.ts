import type { Gateway } from '../core/results.js';
import { lesspay } from './lesspay.js';
import { payloco } from './payloco.js';
import type { GatewayAdapter } from './types.js';

export const adapters: Record<Gateway, GatewayAdapter> = { lesspay, payloco };
export type {
  AuthMode,
  Credentials,
  GatewayAdapter,
  LesspayCredentials,
  PaylocoCredentials,
} from './types.js';

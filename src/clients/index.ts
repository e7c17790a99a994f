// Typed clients for integrators (package export "./clients"): they sign, read the envelope and throw typed errors.
export {
  type CreatedPayin,
  type CreatePayinRequest,
  findOrder,
  LESSPAY_PATHS,
  LesspayClient,
  type LesspayClientOptions,
  type LesspayEnvelope,
  LesspayError,
  LesspayProtocolError,
  type OrderStatus,
  type PayinOrder,
  type PayinQuery,
  type PayoutOrder,
  type PayoutQuery,
} from './lesspay.js';
export {
  type OrderQuery,
  PAYLOCO_PATHS,
  PaylocoClient,
  type PaylocoClientOptions,
  PaylocoError,
  type PaylocoOrder,
  PaylocoProtocolError,
  type PaylocoResult,
  type PaylocoStatus,
  type PayRequest,
  PENDING,
  requestTime,
  SUCCESS,
} from './payloco.js';
export { ClientTransportError, type FetchLike } from './transport.js';

// The only module probe files and contract tests import: the harness's narrow public surface.

export type {
  ClientCredentials,
  ClientFinding,
  ClientRequest,
  ClientRule,
  ClientVerdict,
} from './audit/client-kit.js';
export { answerObject } from './audit/client-kit.js';
export { ensure } from './checks/assert.js';
export {
  ensureEqual,
  ensureJsonContentType,
  ensureJsonObject,
  ensureOneOf,
  ensureSchema,
  ensureStatus,
} from './checks/response.js';
export { signingDiagnosis } from './checks/signing-diagnosis.js';
export * from './clients/index.js';
export { CheckFailure, CheckSkipped, SetupError } from './core/outcome.js';
export { validate, validatorFor } from './core/schema-registry.js';
export { approvePayout, payoutReviewNotApplicable } from './drivers/approve.js';
export { completePayment } from './drivers/complete.js';
export type { PaymentOrder, PaymentOutcome } from './drivers/types.js';
export type { CheckContext, ProbeRequest, ProbeResponse, Setup } from './engine/context.js';
export { setup } from './engine/probe.js';
export { type CheckMeta, type ProbeBuilder, probes } from './engine/probe-file.js';
export type { AuthMode, LesspayCredentials, PaylocoCredentials } from './gateways/index.js';
export { type Body as GeneratedBody, getAt, setAt } from './generate/body-path.js';
export type { GeneratedCase } from './generate/cases.js';
export { generatedChecks } from './generate/checks.js';
export type { Endpoint } from './generate/endpoints.js';
export type { GatewayKit } from './generate/families.js';
export type { Field } from './generate/schema-walk.js';
export { compareWithCommitted } from './pact/committed.js';
export {
  CONSUMER,
  CONTRACT_LESSPAY_CREDENTIALS,
  CONTRACT_PAYLOCO_MERCHANT_ID,
  contractFileName,
  LESSPAY_STATES,
  PAYLOCO_STATES,
  PROVIDER,
} from './pact/contract.js';
export {
  ARRAY_READINGS,
  type ArrayReading,
  describeReading,
  lesspayCallbackSign,
  lesspaySign,
  lesspayStringToSign,
  lesspayVerifyReading,
} from './signing/lesspay.js';
export {
  PAYLOCO_WEBHOOK_FORMS,
  type PaylocoWebhookForm,
  paylocoSign,
  paylocoVerify,
  paylocoWebhookSignature,
  paylocoWebhookSignedText,
} from './signing/payloco.js';
export type { CheckWebhooks } from './webhooks/check.js';
export type { HandlerCase, HandlerKit, HandlerPreflight, OrderState } from './webhooks/handler-kit.js';
export {
  deliveryJson,
  ensureDeliverySchema,
  firstDelivery,
  type ObservedDeliveries,
} from './webhooks/observed.js';
export type {
  Delivery as WebhookDelivery,
  Endpoint as WebhookEndpoint,
  Policy as WebhookPolicy,
} from './webhooks/receiver.js';

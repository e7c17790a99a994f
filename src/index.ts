// The package entry: the harness's narrow public surface. Probe files import these names too, each from the module
// that defines it (src/architecture.spec.ts holds them to this list), so one check's run loads only what it uses.

// A program that runs probes through this entry sees the generated checks in the catalogue.
import './generate/register.js';

export type {
  ClientCredentials,
  ClientFinding,
  ClientRequest,
  ClientRule,
  ClientVerdict,
  DefinedClientRule,
} from './audit/client-kit.js';
export { answerObject, clientRule } from './audit/client-kit.js';
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
export type { CheckDefinition } from './core/check-definition.js';
export { CheckFailure, CheckSkipped, SetupError } from './core/outcome.js';
export { validate, validatorFor } from './core/schema-registry.js';
export { approvePayout, payoutReviewNotApplicable } from './drivers/approve.js';
export { completePayment } from './drivers/complete.js';
export type { CheckContext, ProbeRequest, ProbeResponse, Setup } from './engine/context.js';
export type { PaymentOrder, PaymentOutcome } from './engine/drivers.js';
export { setup } from './engine/probe.js';
export { type CheckMeta, type ProbeBuilder, probes } from './engine/probe-file.js';
export type {
  Delivery as WebhookDelivery,
  Endpoint as WebhookEndpoint,
  Policy as WebhookPolicy,
} from './engine/receiver.js';
export type { CheckWebhooks } from './engine/webhook-check.js';
export type {
  AuthMode,
  LesspayCredentials,
  PactProvider,
  PactProviderContext,
  PaylocoCredentials,
} from './gateways/index.js';
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
  loadPrivateKey,
  PAYLOCO_WEBHOOK_FORMS,
  type PaylocoWebhookForm,
  paylocoSign,
  paylocoVerify,
  paylocoWebhookSignature,
  paylocoWebhookSignedText,
} from './signing/payloco.js';
export type {
  DefinedHandlerCase,
  HandlerCase,
  HandlerKit,
  HandlerPreflight,
  OrderState,
} from './webhooks/handler-kit.js';
export { handlerCase } from './webhooks/handler-kit.js';
export {
  deliveryJson,
  ensureDeliverySchema,
  firstDelivery,
  type ObservedDeliveries,
} from './webhooks/observed.js';

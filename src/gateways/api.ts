import type { Gateway } from '../core/results.js';

// What a gateway's OpenAPI document says beyond the schemas (src/openapi builds it): its operations, which schema
// (by path below schemas/) is each body, where the vendor documents it, and its security headers. Each gateway model
// holds its own (src/gateways/<name>/api.ts); the schemas themselves are only ever referenced, never copied.

export interface Operation {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  docs: string;
  request: string;
  /** Answers with code success (200): any of these schemas. */
  success: string[];
  /** Business errors answered in the envelope, documented with the same statuses as success. */
  businessError: string;
}

export interface Webhook {
  name: string;
  summary: string;
  description: string;
  docs: string;
  body: string;
  headers: { name: string; description: string; pattern?: string }[];
  ack: { schema: string; mediaType: string; description: string };
}

export interface GatewayApi {
  gateway: Gateway;
  title: string;
  description: string;
  server: { url: string; description: string };
  docs: string;
  tags: { name: string; description: string }[];
  /** The HTTP status table of the docs: every non-200 row becomes a documented error response. */
  statusTables: Record<string, string>;
  securitySchemes: Record<string, { name: string; description: string }>;
  /** Headers every request carries that are not credentials (e.g. a timestamp). */
  requestHeaders: { name: string; description: string; pattern: string }[];
  /** Headers the gateway may put on its answers (e.g. its own signature). */
  responseHeaders: { name: string; description: string }[];
  operations: Operation[];
  webhooks: Webhook[];
  /** What an HTTP 200 answer is: the envelope and how its code reads. */
  okDescription: string;
  /** Statuses the profile reads beyond the documented table (SHOULD), with their meaning. */
  extraStatuses: Record<string, string>;
}

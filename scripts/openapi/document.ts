import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from '../../src/core/paths.js';
import type { Gateway } from '../../src/core/results.js';
import { APIS, type GatewayApi, type Operation } from './operations.js';

// Builds the OpenAPI 3.1 document of a gateway. OpenAPI 3.1 schemas are JSON Schema 2020-12, so every body is a
// `$ref` to its schema file (relative to schemas/openapi/); examples are the valid cases of the schema corpus
// (schemas/tests/), which were taken from the vendor documentation.

export const OPENAPI_DIR = join(schemasDir, 'openapi');

export function documentPath(gateway: Gateway): string {
  return join(OPENAPI_DIR, `${gateway}.openapi.json`);
}

interface Example {
  summary: string;
  value: unknown;
}

interface CorpusGroup {
  schema: { $ref?: string };
  tests: { description: string; data: unknown; valid: boolean }[];
}

const SCHEMA_BASE = 'https://paycert.dev/schemas/';

/** Valid corpus cases by schema path (`lesspay/envelope.schema.json`), in corpus order. */
function corpusExamples(gateway: Gateway): Map<string, Example[]> {
  const out = new Map<string, Example[]>();
  const dir = join(schemasDir, 'tests', gateway);
  for (const file of readdirSync(dir).sort()) {
    for (const group of JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusGroup[]) {
      const ref = group.schema.$ref;
      if (!ref?.startsWith(SCHEMA_BASE)) continue;
      const path = ref.slice(SCHEMA_BASE.length);
      const list = out.get(path) ?? [];
      for (const t of group.tests) if (t.valid) list.push({ summary: t.description, value: t.data });
      out.set(path, list);
    }
  }
  return out;
}

const ref = (path: string) => ({ $ref: `../${path}` });

function schemaOf(all: string[]) {
  const paths = [...new Set(all)];
  return paths.length === 1 ? ref(paths[0]!) : { anyOf: paths.map(ref) };
}

/** Example keys: the case description as a slug, unique within the map. */
function keyed(examples: Example[]): Record<string, Example> | undefined {
  if (!examples.length) return undefined;
  const out: Record<string, Example> = {};
  const seen = new Set<string>();
  for (const e of examples) {
    // The same case may stand in two corpus groups of one schema.
    const text = JSON.stringify(e.value);
    if (seen.has(text)) continue;
    seen.add(text);
    const base =
      e.summary
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'example';
    let key = base;
    for (let n = 2; key in out; n++) key = `${base}-${n}`;
    out[key] = e;
  }
  return out;
}

function media(mediaType: string, schema: unknown, examples: Example[]) {
  const ex = keyed(examples);
  return { [mediaType]: ex ? { schema, examples: ex } : { schema } };
}

interface StatusRow {
  const: number;
  title: string;
  description: string;
}

function statusRows(path: string): StatusRow[] {
  return JSON.parse(readFileSync(join(schemasDir, path), 'utf8')).oneOf as StatusRow[];
}

/**
 * Business codes that go with an HTTP status in the docs' tables: a parameter error (400), a permission error
 * (403). Other statuses (401, 404, 405, 5xx) have no documented body code, so they get the schema and no example.
 */
const CODES_BY_STATUS: Record<number, unknown[]> = { 400: [11, 30000, 30009], 403: [5004] };

/** The error answers documented for an operation: business errors, or those of one HTTP status. */
function errorExamples(op: Operation, examples: Map<string, Example[]>, status?: number): Example[] {
  const all = (examples.get(op.businessError) ?? []).filter((e) => {
    const code = (e.value as { code?: unknown })?.code;
    return code !== 0 && code !== '00000000' && code !== '00000003';
  });
  if (status === undefined) return all;
  const codes = CODES_BY_STATUS[status] ?? [];
  return all.filter((e) => codes.includes((e.value as { code: unknown }).code));
}

function responseHeaders(api: GatewayApi) {
  if (!api.responseHeaders.length) return {};
  const headers = Object.fromEntries(
    api.responseHeaders.map((h) => [h.name, { description: h.description, schema: { type: 'string' } }]),
  );
  return { headers };
}

function responses(api: GatewayApi, op: Operation, examples: Map<string, Example[]>) {
  const success = op.success.flatMap((s) => examples.get(s) ?? []);
  const out: Record<string, unknown> = {
    '200': {
      ...responseHeaders(api),
      description: api.okDescription,
      content: media('application/json', schemaOf([...op.success, op.businessError]), [
        ...success,
        ...errorExamples(op, examples),
      ]),
    },
  };
  const table = api.statusTables[op.tag];
  if (table) {
    for (const row of statusRows(table)) {
      if (row.const === 200) continue;
      out[String(row.const)] = {
        description: `${row.title}: ${row.description}`,
        content: media('application/json', ref(op.businessError), errorExamples(op, examples, row.const)),
      };
    }
  }
  for (const [status, description] of Object.entries(api.extraStatuses)) out[status] = { description };
  if (!table) {
    out.default = {
      description:
        'Another standard HTTP status (introduction); a body, when present, is the unified envelope.',
      content: media('application/json', ref(op.businessError), []),
    };
  }
  return out;
}

function headerParameters(api: GatewayApi) {
  return api.requestHeaders.map((h) => ({
    name: h.name,
    in: 'header',
    required: true,
    description: h.description,
    schema: { type: 'string', pattern: h.pattern },
  }));
}

export function buildDocument(gateway: Gateway): Record<string, unknown> {
  const api = APIS[gateway];
  const examples = corpusExamples(gateway);
  const paths: Record<string, unknown> = {};
  for (const op of api.operations) {
    const requestExamples = examples.get(op.request) ?? [];
    paths[op.path] = {
      post: {
        operationId: op.operationId,
        summary: op.summary,
        description: op.description,
        tags: [op.tag],
        externalDocs: { url: op.docs },
        ...(api.requestHeaders.length ? { parameters: headerParameters(api) } : {}),
        requestBody: { required: true, content: media('application/json', ref(op.request), requestExamples) },
        responses: responses(api, op, examples),
      },
    };
  }
  const webhooks: Record<string, unknown> = {};
  for (const hook of api.webhooks) {
    webhooks[hook.name] = {
      post: {
        operationId: hook.name,
        summary: hook.summary,
        description: hook.description,
        externalDocs: { url: hook.docs },
        parameters: hook.headers.map((h) => ({
          name: h.name,
          in: 'header',
          required: true,
          description: h.description,
          schema: h.pattern ? { type: 'string', pattern: h.pattern } : { type: 'string' },
        })),
        requestBody: {
          required: true,
          content: media('application/json', ref(hook.body), examples.get(hook.body) ?? []),
        },
        responses: {
          '200': {
            description: hook.ack.description,
            content: media(hook.ack.mediaType, ref(hook.ack.schema), examples.get(hook.ack.schema) ?? []),
          },
        },
        security: [],
      },
    };
  }
  const schemes = Object.fromEntries(
    Object.entries(api.securitySchemes).map(([key, s]) => [
      key,
      { type: 'apiKey', in: 'header', name: s.name, description: s.description },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: '1',
      summary: `Generated by paycert from paycert-schemas (npm run openapi). Do not edit.`,
      description: api.description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    externalDocs: { url: api.docs },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [api.server],
    tags: api.tags,
    security: [Object.fromEntries(Object.keys(schemes).map((k) => [k, []]))],
    paths,
    webhooks,
    components: { securitySchemes: schemes },
  };
}

/** The document as it is committed: two-space JSON with a final newline. */
export function documentText(gateway: Gateway): string {
  return `${JSON.stringify(buildDocument(gateway), null, 2)}\n`;
}

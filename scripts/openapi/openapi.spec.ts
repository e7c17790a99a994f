import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { schemasDir } from '../../src/core/paths.js';
import type { Gateway } from '../../src/core/results.js';
import { SCHEMA_BASE, validate } from '../../src/core/schema-registry.js';
import { documentPath, documentText } from './document.js';
import { APIS } from './operations.js';

// The OpenAPI 3.1 documents: generated from the schemas (never a second copy), linted by Redocly, every example
// valid for its schema in paycert's own registry.

const root = fileURLToPath(new URL('../../', import.meta.url));
const GATEWAYS: Gateway[] = ['lesspay', 'payloco'];
const load = (gateway: Gateway) => JSON.parse(readFileSync(documentPath(gateway), 'utf8'));

interface MediaSite {
  where: string;
  schema: any;
  examples: Record<string, { summary: string; value: unknown }>;
}

/** Every media type object of the document (request bodies and responses, paths and webhooks). */
function mediaSites(doc: any): MediaSite[] {
  const out: MediaSite[] = [];
  for (const [group, entries] of [
    ['paths', doc.paths],
    ['webhooks', doc.webhooks],
  ] as const) {
    for (const [name, item] of Object.entries<any>(entries)) {
      const op = item.post;
      const bodies: [string, any][] = [[`${group} ${name} request`, op.requestBody.content]];
      for (const [status, r] of Object.entries<any>(op.responses))
        if (r.content) bodies.push([`${group} ${name} ${status}`, r.content]);
      for (const [where, content] of bodies)
        for (const [type, m] of Object.entries<any>(content))
          out.push({ where: `${where} ${type}`, schema: m.schema, examples: m.examples ?? {} });
    }
  }
  return out;
}

/** A `$ref` of the document as a schema $id: refs are relative to schemas/openapi/. */
function idOf(ref: string): string {
  const file = resolve(schemasDir, 'openapi', ref);
  return SCHEMA_BASE + relative(schemasDir, file).split('\\').join('/');
}

function refsOf(schema: any): string[] {
  if (schema.$ref) return [schema.$ref];
  return (schema.anyOf ?? []).map((s: any) => s.$ref);
}

describe('OpenAPI documents', () => {
  for (const gateway of GATEWAYS) {
    describe(gateway, () => {
      it(`schemas/openapi/${gateway}.openapi.json matches a fresh \`npm run openapi\``, () => {
        expect(
          readFileSync(documentPath(gateway), 'utf8') === documentText(gateway),
          'stale: run npm run openapi',
        ).to.be.true;
      });

      it('every body is a $ref to a schema file (or anyOf of them): no schema is copied', () => {
        for (const site of mediaSites(load(gateway))) {
          const keys = Object.keys(site.schema);
          expect(keys, site.where).to.satisfy((k: string[]) => k.join() === '$ref' || k.join() === 'anyOf');
          for (const ref of refsOf(site.schema)) {
            const file = resolve(schemasDir, 'openapi', ref);
            expect(existsSync(file), `${site.where}: ${ref}`).to.equal(true);
            expect(JSON.parse(readFileSync(file, 'utf8')).$id, ref).to.equal(idOf(ref));
          }
        }
      });

      it("every example is valid for its schema in paycert's registry", () => {
        let count = 0;
        for (const site of mediaSites(load(gateway))) {
          const ids = refsOf(site.schema).map(idOf);
          for (const [key, ex] of Object.entries(site.examples)) {
            const ok = ids.some((id) => validate(id, ex.value).valid);
            expect(ok, `${site.where} example ${key} (${ex.summary})`).to.equal(true);
            count++;
          }
        }
        expect(count).to.be.greaterThan(gateway === 'lesspay' ? 40 : 15);
      });

      it('every operation documents its examples, security, response headers and every error status of the docs', () => {
        const doc = load(gateway);
        const api = APIS[gateway];
        for (const op of api.operations) {
          const post = doc.paths[op.path].post;
          expect(Object.keys(post.requestBody.content['application/json'].examples ?? {}), op.path).to.not.be
            .empty;
          const table = api.statusTables[op.tag];
          const statuses = table
            ? JSON.parse(readFileSync(join(schemasDir, table), 'utf8')).oneOf.map((r: any) => String(r.const))
            : ['200', ...Object.keys(api.extraStatuses), 'default'];
          expect(Object.keys(post.responses).sort(), op.path).to.deep.equal(statuses.sort());
          for (const h of api.responseHeaders)
            expect(post.responses['200'].headers?.[h.name], `${op.path} header ${h.name}`).to.include({
              description: h.description,
            });
        }
        expect(doc.security).to.deep.equal([
          Object.fromEntries(Object.keys(api.securitySchemes).map((k) => [k, []])),
        ]);
        const headers = Object.values<any>(doc.components.securitySchemes).map((s) => [s.type, s.in, s.name]);
        expect(headers).to.deep.equal(
          Object.values(api.securitySchemes).map((s) => ['apiKey', 'header', s.name]),
        );
        for (const hook of api.webhooks)
          expect(doc.webhooks[hook.name].post.parameters.map((p: any) => p.name)).to.deep.equal(
            hook.headers.map((h) => h.name),
          );
      });
    });
  }

  it('Redocly lints both documents without an error or a warning (recommended rules, redocly.yaml)', function () {
    this.timeout(120_000);
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const res = spawnSync(
      process.execPath,
      [cli, 'lint', '--format=json', ...GATEWAYS.map((g) => relative(root, documentPath(g)))],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 110_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    expect(res.status, res.stderr).to.equal(0);
    // One JSON report per document, printed back to back.
    const reports = JSON.parse(`[${res.stdout.replace(/\}\s*\{(?=\s*"totals")/g, '},{')}]`);
    expect(reports).to.have.length(GATEWAYS.length);
    const problems = reports.flatMap((r: any) => r.problems);
    expect(problems.map((p: any) => `${p.ruleId}: ${p.message}`)).to.deep.equal([]);
  });
});

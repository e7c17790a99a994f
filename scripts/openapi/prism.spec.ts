import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { LesspayClient } from '../../src/clients/index.js';
import { schemasDir } from '../../src/core/paths.js';
import type { Gateway } from '../../src/core/results.js';
import { SCHEMA_BASE, validate } from '../../src/core/schema-registry.js';
import { documentPath } from './document.js';
import { APIS } from './operations.js';

// A third-party tool consumes the documents: Stoplight Prism starts a mock server from each one alone (resolving
// the $refs to the schema files), and what it answers is judged with paycert's schemas.

const root = fileURLToPath(new URL('../../', import.meta.url));
const prismCli = join(root, 'node_modules/@stoplight/prism-cli/dist/index.js');

/** Prism states the Node it needs (today >=24.18); where that is not met it does not run, and the title says why. */
function prismRuns(): { ok: boolean; needs: string } {
  const needs: string = JSON.parse(
    readFileSync(join(root, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8'),
  ).engines.node;
  const min = /^>=\s*(\d+)\.(\d+)/.exec(needs);
  const [major, minor] = process.versions.node.split('.').map(Number);
  const ok = !min || major! > Number(min[1]) || (major === Number(min[1]) && minor! >= Number(min[2]));
  return { ok, needs };
}
const prismNode = prismRuns();
const prismDescribe = prismNode.ok ? describe : describe.skip;
const notRun = prismNode.ok
  ? ''
  : ` (not run: Prism needs Node ${prismNode.needs}, this is ${process.version})`;

interface Prism {
  url: string;
  child: ChildProcess;
}

function startPrism(gateway: Gateway): Promise<Prism> {
  const child = spawn(
    process.execPath,
    [prismCli, 'mock', '-h', '127.0.0.1', '-p', '0', documentPath(gateway)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolvePrism, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`prism did not start within 60 s:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePrism({ url: m[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code}:\n${out}`));
    });
  });
}

const doc = (gateway: Gateway) => JSON.parse(readFileSync(documentPath(gateway), 'utf8'));
const idOf = (ref: string) =>
  SCHEMA_BASE +
  relative(schemasDir, resolve(schemasDir, 'openapi', ref))
    .split('\\')
    .join('/');

/** Credential headers by name with placeholder values: Prism checks that they are present. */
const AUTH: Record<Gateway, Record<string, string>> = {
  lesspay: { 'x-auth-appid': 'app', 'x-auth-signature': 'A'.repeat(64), 'X-Auth-Timestamp': '1700000000000' },
  payloco: { signature: 'c2lnbmF0dXJl' },
};

async function post(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: await res.json() };
}

for (const gateway of ['lesspay', 'payloco'] as const) {
  prismDescribe(`Prism mock from schemas/openapi/${gateway}.openapi.json${notRun}`, function () {
    this.timeout(90_000);
    let prism: Prism;
    before(async () => {
      prism = await startPrism(gateway);
    });
    after(() => {
      prism?.child.removeAllListeners('exit');
      prism?.child.kill();
    });

    for (const op of APIS[gateway].operations) {
      it(`${op.path}: a documented request gets 200 with a body paycert's schemas accept`, async () => {
        const post200 = doc(gateway).paths[op.path].post;
        const example = Object.values<any>(post200.requestBody.content['application/json'].examples)[0].value;
        const res = await post(prism.url + op.path, example, AUTH[gateway]);
        expect(res.status, JSON.stringify(res.json)).to.equal(200);
        expect(res.type).to.match(/^application\/json/);
        const schema = post200.responses['200'].content['application/json'].schema;
        const ids = (schema.anyOf ?? [schema]).map((s: any) => idOf(s.$ref));
        expect(
          ids.some((id: string) => validate(id, res.json).valid),
          JSON.stringify(res.json),
        ).to.equal(true);
        expect(validate(`${gateway}/envelope.schema.json`, res.json).valid).to.equal(true);
      });
    }

    it('a request without the signature header is refused with 401 (the security scheme is read)', async () => {
      const op = APIS[gateway].operations[0]!;
      const example = Object.values<any>(
        doc(gateway).paths[op.path].post.requestBody.content['application/json'].examples,
      )[0].value;
      const res = await post(prism.url + op.path, example, {});
      expect(res.status).to.equal(401);
    });

    it('a body its schema refuses is refused (Prism validates requests against the referenced schemas)', async () => {
      const op = APIS[gateway].operations[0]!;
      const res = await post(prism.url + op.path, { unexpected: true }, AUTH[gateway]);
      expect(res.status).to.be.within(400, 499);
      expect(res.status).to.not.equal(401);
    });

    if (gateway === 'lesspay') {
      it("paycert's own LesspayClient creates a pay-in against the Prism mock", async () => {
        const post200 = doc(gateway).paths['/api/global/v1/pay/create-order'].post;
        const example = Object.values<any>(post200.requestBody.content['application/json'].examples)[0].value;
        const client = new LesspayClient({
          baseUrl: prism.url,
          credentials: { appId: 'app', appSecret: 'secret' },
        });
        const created = await client.createPayin(example);
        expect(created.pay_order_id).to.be.a('string').and.not.equal('');
      });
    }
  });
}

import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { Client, PATH, payinBody } from '../../test/kits/lesspay-mock.js';
import { type RunningMock, startLesspayMock, TEST_CREDENTIALS } from './index.js';

const ALL_PATHS = Object.values(PATH);
const PAYIN_PATHS = [PATH.createPayin, PATH.queryPayin];

for (const variant of ['a', 'b'] as const) {
  describe(`lesspay mock: transport, routing and auth (variant ${variant})`, () => {
    let mock: RunningMock;
    let c: Client;
    before(async () => {
      mock = await startLesspayMock({ variant });
      c = new Client(mock);
    });
    after(() => mock.close());

    const contentType = variant === 'a' ? 'application/json' : 'application/json; charset=utf-8';
    const envelope = (json: any) => {
      expect(json.code).to.be.a('number');
      expect(json.msg).to.be.a('string');
      if (variant === 'b') expect(json.trace_id).to.match(/^[0-9a-f]{32}$/);
      else expect(json).to.not.have.property('trace_id');
    };

    it('uses the bundled test credentials by default', () => {
      expect(mock.credentials).to.deep.equal(TEST_CREDENTIALS);
      expect(mock.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers an unknown path 404 with the envelope, signed or not', async () => {
      for (const sig of ['good', 'none'] as const) {
        const r = await c.call('/api/global/v1/pay/refund', {}, { signature: sig });
        expect(r.status).to.equal(404);
        expect(r.headers['content-type']).to.equal(contentType);
        envelope(r.json);
        expect(r.json.code).to.not.equal(0);
      }
    });

    it('reads a request-target as the URL parser does: dot segments resolved, escapes kept, a leading // a host', async () => {
      // Raw targets, as a client that does not normalise sends them (fetch would resolve them before sending).
      const statusOf = (target: string) =>
        new Promise<number>((resolve, reject) => {
          const { port } = new URL(mock.url);
          const req = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: target,
              method: 'POST',
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode!);
            },
          );
          req.on('error', reject);
          req.end('{}');
        });
      const query = PATH.queryPayin;
      // Unsigned: 401 means the query endpoint was reached, 404 that no endpoint was.
      expect(await statusOf(query)).to.equal(401);
      expect(await statusOf(query.replace('/pay/', '/pay/../pay/'))).to.equal(401);
      expect(await statusOf(`//elsewhere${query}`)).to.equal(401);
      expect(await statusOf(`${query}?page=1`)).to.equal(401);
      expect(await statusOf(query.replace('query-order', 'query%2Dorder'))).to.equal(404);
      expect(await statusOf(`//${query}`)).to.equal(404);
    });

    it('answers non-POST methods 405 with Allow: POST on every endpoint, before auth', async () => {
      for (const path of ALL_PATHS)
        for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
          const r = await c.call(path, {}, { method, signature: 'none', appId: null });
          expect(r.status, `${method} ${path}`).to.equal(405);
          expect(r.headers.allow).to.equal('POST');
          envelope(r.json);
          expect(r.json.code).to.not.equal(0);
        }
    });

    it('answers a non-POST with auth headers 405 too', async () => {
      for (const path of PAYIN_PATHS)
        expect((await c.call(path, {}, { method: 'GET' })).status).to.equal(405);
    });

    const authCode = variant === 'a' ? 5004 : 9999;
    for (const [name, opts] of [
      ['a missing signature', { signature: 'none' }],
      ['a wrong signature', { signature: 'wrong' }],
      ['a missing app id', { appId: null }],
      ['an unknown app id', { appId: 'lp_someone_else' }],
    ] as const) {
      it(`refuses ${name} with 401 and code ${authCode} on every endpoint`, async () => {
        for (const path of ALL_PATHS) {
          const r = await c.call(path, payinBody(), opts);
          expect(r.status, path).to.equal(401);
          expect(r.headers['content-type']).to.equal(contentType);
          envelope(r.json);
          expect(r.json.code).to.equal(authCode);
          expect(r.json.msg).to.match(/Permission Error/);
        }
      });
    }

    it('accepts header names in any case and ignores the timestamp', async () => {
      const body = { request_id: 'nothing-here' };
      const { sign } = await import('./sign.js');
      const r = await request(mock.url)
        .post(PATH.queryPayin)
        .set('X-AUTH-APPID', mock.credentials.appId)
        .set('X-Auth-Signature', sign(body, mock.credentials.appSecret))
        .set('x-auth-timestamp', '1')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(r.status).to.equal(200);
      expect(r.body.code).to.equal(1202);
    });

    it('verifies the signature over numbers as written', async () => {
      const text = '{"request_id":"nothing-here","page":1.0}';
      const r = await c.call(PATH.queryPayin, text);
      expect(r.status).to.not.equal(401);
      expect(r.json.code).to.equal(11);
    });

    const paramStatus = variant === 'a' ? 400 : 200;
    it('answers a body that is not JSON, or not an object, with a parameter error', async () => {
      for (const text of ['not json', '[1,2]', '"text"', '{"a":']) {
        const r = await c.call(PATH.createPayin, text);
        expect(r.status, text).to.equal(paramStatus);
        expect(r.json.code).to.equal(11);
        expect(r.json.msg).to.match(/JSON/);
      }
      const p = await c.call(PATH.queryPayout, 'not json');
      expect(p.json.code).to.equal(30000);
    });

    it('treats an empty body as {} (signed as key=<secret>)', async () => {
      const r = await c.call(PATH.createPayin, '');
      expect(r.status).to.equal(paramStatus);
      expect(r.json.code).to.equal(11);
      expect(r.json.msg).to.match(/request_id is required/);
    });

    it('says SUCCESS (a) or "" (b) on success', async () => {
      const r = await c.call(PATH.createPayin, payinBody());
      expect(r.json.code).to.equal(0);
      expect(r.json.msg).to.equal(variant === 'a' ? 'SUCCESS' : '');
      expect(r.headers['content-type']).to.equal(contentType);
    });

    it('refuses a body over 1 MiB', async () => {
      const r = await c.call(PATH.createPayin, { request_id: 'x', pad: 'y'.repeat(1024 * 1024) });
      expect(r.json.code).to.equal(11);
    });
  });
}

describe('lesspay mock: options', () => {
  it('rejects an unknown fault or variant', async () => {
    let err: unknown;
    try {
      await startLesspayMock({ fault: 'no-such-fault' });
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/unknown Lesspay fault/);
    err = undefined;
    try {
      await startLesspayMock({ variant: 'z' as 'a' });
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/unknown Lesspay variant/);
  });

  it('serves custom credentials', async () => {
    const mock = await startLesspayMock({ appId: 'custom', appSecret: 'shh' });
    try {
      expect(mock.credentials).to.deep.equal({ appId: 'custom', appSecret: 'shh' });
      const c = new Client(mock);
      expect((await c.call(PATH.createPayin, payinBody())).json.code).to.equal(0);
    } finally {
      await mock.close();
    }
  });

  it('closes idle keep-alive sockets promptly', async () => {
    const mock = await startLesspayMock();
    const { Agent, fetch } = await import('undici');
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    await (await fetch(`${mock.url}/nope`, { dispatcher: agent })).text();
    const t = Date.now();
    await mock.close();
    expect(Date.now() - t).to.be.below(500);
    await agent.close();
  });
});

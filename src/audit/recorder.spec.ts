import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { judgeClient, startRecorder } from './index.js';
import { injector, scenarioOf } from './scenarios.js';

// The recording front is hardened like the rest: capped bodies, deadlines on silent peers, redirects handed back to
// the client (never followed), and garbage requests judged as failed checks rather than crashing the judge.

function send(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  path = '/api/global/v1/pay/query-order',
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(`${url}${path}`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('audit · recording front and judge: hardening', () => {
  let upstream: Server;
  let upstreamUrl = '';
  let seen = 0;
  before(async () => {
    upstream = createServer((req, res) => {
      seen++;
      if (req.url?.startsWith('/silent')) return; // never answers
      if (req.url?.startsWith('/redirect'))
        return res.writeHead(302, { location: 'http://example.invalid/elsewhere' }).end();
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":""}'),
      );
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(() => new Promise((r) => upstream.close(r)));

  it('forwards request and answer unchanged and records both', async () => {
    const rec = await startRecorder({ upstream: upstreamUrl });
    try {
      const res = await send(rec.url, '{"request_id":"A1"}');
      expect(res.status).to.equal(200);
      expect(res.text).to.equal('{"code":0,"msg":""}');
      expect(rec.exchanges).to.have.length(1);
      expect(rec.exchanges[0]!.body.toString()).to.equal('{"request_id":"A1"}');
      expect(rec.exchanges[0]!.response!.status).to.equal(200);
    } finally {
      await rec.close();
    }
  });

  it('refuses a request body over the cap with 413, without forwarding it', async () => {
    const rec = await startRecorder({ upstream: upstreamUrl, maxBody: 1024 });
    const before = seen;
    try {
      const res = await send(rec.url, 'x'.repeat(10_000)).catch(() => ({ status: 413 }));
      expect(res.status).to.equal(413);
      expect(seen).to.equal(before);
      expect(rec.exchanges[0]!.error).to.match(/over 1024 bytes/);
    } finally {
      await rec.close();
    }
  });

  it('answers 502 when the upstream stays silent past the deadline', async () => {
    const rec = await startRecorder({ upstream: upstreamUrl, timeoutMs: 300 });
    try {
      const t0 = Date.now();
      const res = await send(rec.url, '{}', { 'content-type': 'application/json' }, '/silent');
      expect(res.status).to.equal(502);
      expect(Date.now() - t0).to.be.below(5000);
      expect(rec.exchanges[0]!.error).to.match(/no answer within 300 ms/);
    } finally {
      await rec.close();
    }
  });

  it('hands a redirect back to the client and never follows it off the target', async () => {
    const rec = await startRecorder({ upstream: upstreamUrl });
    const before = seen;
    try {
      const res = await send(rec.url, '{}', { 'content-type': 'application/json' }, '/redirect');
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.equal('http://example.invalid/elsewhere');
      expect(seen).to.equal(before + 1);
    } finally {
      await rec.close();
    }
  });

  it('judges garbage (not JSON, not UTF-8, 10 000-level nesting) as a failed check, not a crash', async () => {
    const rec = await startRecorder({ upstream: upstreamUrl });
    try {
      await send(rec.url, 'not json at all');
      await send(rec.url, Buffer.from([0xff, 0xfe, 0x7b, 0x7d]));
      await send(rec.url, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
      await send(rec.url, `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      const checks = await judgeClient({
        gateway: 'lesspay',
        exchanges: rec.exchanges,
        credentials: { appId: 'app', appSecret: 'secret-value-123' },
        origin: rec.url,
      });
      const trn = checks.find((c) => c.id === 'LPC-TRN-002')!;
      expect(trn.status).to.equal('failed');
      expect(trn.message).to.match(/4 of 4 requests/);
      expect(trn.message).to.match(/not JSON/);
      expect(trn.message).to.match(/not UTF-8/);
      expect(trn.message).to.match(/nests deeper than 64 levels/);
      expect(checks.filter((c) => c.status === 'error')).to.deep.equal([]);
    } finally {
      await rec.close();
    }
  });

  it('a scenario answers only the first matching request itself; a client that never retries is skipped', async () => {
    const scenario = scenarioOf('lesspay', 'create-503-retry-after')!;
    const rec = await startRecorder({ upstream: upstreamUrl, inject: injector(scenario) });
    try {
      const before = seen;
      const query = await send(rec.url, '{"request_id":"R1"}');
      const first = await send(rec.url, '{"request_id":"R1"}', undefined, '/api/global/v1/pay/create-order');
      expect([query.status, first.status, first.headers['retry-after']]).to.deep.equal([200, 503, '1']);
      // Only the query reached the upstream: the injected answer is the front's own.
      expect(seen - before).to.equal(1);
      expect(rec.exchanges.map((x) => x.injected)).to.deep.equal([undefined, 'create-503-retry-after']);
      const checks = await judgeClient({
        gateway: 'lesspay',
        exchanges: rec.exchanges,
        credentials: { appId: 'app', appSecret: 'secret-value-123' },
        origin: rec.url,
        scenario,
      });
      for (const id of ['LPC-RTY-001', 'LPC-RTY-002']) {
        const c = checks.find((x) => x.id === id)!;
        expect(c.status, id).to.equal('skipped');
        expect(c.message).to.match(
          /did not send \/api\/global\/v1\/pay\/create-order again after the HTTP 503/,
        );
      }
      const second = await send(rec.url, '{"request_id":"R1"}', undefined, '/api/global/v1/pay/create-order');
      expect(second.status).to.equal(200);
    } finally {
      await rec.close();
    }
  });
  describe('scenario answers: instead of, after, or withheld from the upstream', () => {
    const scenario = (when: 'after' | 'hold', holdMs?: number) => ({
      name: `t-${when}`,
      gateway: 'lesspay' as const,
      description: 'test',
      paths: ['/api/global/v1/pay/create-order'],
      answer: {
        when,
        ...(holdMs ? { holdMs } : {}),
        status: when === 'hold' ? 504 : 200,
        headers: { 'content-type': 'application/json' },
        body: '{"code":1201,"msg":"Duplicate Data Exists"}',
      },
      checks: [],
    });

    it('after: the upstream handles the request, the client gets the scenario answer', async () => {
      const before = seen;
      const rec = await startRecorder({ upstream: upstreamUrl, inject: injector(scenario('after')) });
      try {
        const res = await send(rec.url, '{"request_id":"A1"}', undefined, '/api/global/v1/pay/create-order');
        expect(seen - before).to.equal(1);
        expect(JSON.parse(res.text).code).to.equal(1201);
        expect(rec.exchanges[0]!.injected).to.equal('t-after');
      } finally {
        await rec.close();
      }
    });

    it('hold: a client that gives up is recorded with how long it waited, and no answer', async () => {
      const before = seen;
      const rec = await startRecorder({ upstream: upstreamUrl, inject: injector(scenario('hold'), 20_000) });
      try {
        const gaveUp = await new Promise<string>((resolve) => {
          const req = request(`${rec.url}/api/global/v1/pay/create-order`, { method: 'POST' });
          req.on('error', (e) => resolve(e.message));
          req.end('{"request_id":"A1"}');
          setTimeout(() => req.destroy(new Error('client deadline')), 300);
        });
        expect(gaveUp).to.equal('client deadline');
        while (!rec.exchanges[0]?.abandonedAfterMs) await new Promise((r) => setTimeout(r, 10));
        expect(seen - before).to.equal(1); // the order reached the upstream
        expect(rec.exchanges[0]!.abandonedAfterMs).to.be.within(250, 20_000);
        expect(rec.exchanges[0]!.response).to.equal(undefined);
      } finally {
        await rec.close();
      }
    });

    it('hold: a client with no deadline gets the scenario answer when the hold ends', async () => {
      const rec = await startRecorder({ upstream: upstreamUrl, inject: injector(scenario('hold', 200)) });
      try {
        const res = await send(rec.url, '{"request_id":"A1"}', undefined, '/api/global/v1/pay/create-order');
        expect(res.status).to.equal(504);
        expect(rec.exchanges[0]!.abandonedAfterMs).to.equal(undefined);
        expect(rec.exchanges[0]!.response!.status).to.equal(504);
      } finally {
        await rec.close();
      }
    });
  });
});

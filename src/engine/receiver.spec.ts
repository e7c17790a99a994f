import '../generate/register.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { isLoopbackHost, parseListen, WebhookReceiver } from './receiver.js';
import { openWebhookSession } from './webhook-session.js';

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, text: await res.text() };
}

describe('webhook receiver', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start({ host: '127.0.0.1', port: 0 });
  });
  afterEach(() => receiver.close());

  it('acknowledges as each gateway documents and records the delivery as received', async () => {
    const lp = receiver.endpoint('lesspay', 'ack');
    const pl = receiver.endpoint('payloco', 'ack');
    expect(await post(lp.url, '{"a":1}', { 'x-auth-signature': 'ABC' })).to.deep.equal({
      status: 200,
      text: 'SUCCESS',
    });
    expect(await post(pl.url, '{"b":2}')).to.deep.equal({
      status: 200,
      text: '{"code":"00000000","message":"Success"}',
    });
    const [d] = receiver.deliveries(lp.token);
    expect(d).to.include({ method: 'POST', body: '{"a":1}', attempt: 1, policy: 'ack', token: lp.token });
    expect(d.headers['x-auth-signature']).to.equal('ABC');
    expect(d.receivedAt).to.be.closeTo(Date.now(), 5000);
    expect(receiver.log).to.have.length(2);
  });

  it('nack-once refuses the first delivery with 500 and acknowledges the next', async () => {
    const lp = receiver.endpoint('lesspay', 'nack-once');
    expect(await post(lp.url, '{}')).to.deep.equal({ status: 500, text: 'FAIL' });
    expect(await post(lp.url, '{}')).to.deep.equal({ status: 200, text: 'SUCCESS' });
    const pl = receiver.endpoint('payloco', 'nack-200-once');
    const first = await post(pl.url, '{}');
    expect(first.status).to.equal(200);
    expect(JSON.parse(first.text).code).to.not.equal('00000000');
    expect(JSON.parse((await post(pl.url, '{}')).text).code).to.equal('00000000');
    expect(receiver.deliveries(pl.token).map((d) => d.attempt)).to.deep.equal([1, 2]);
  });

  it('answers 404 to an unknown endpoint, and matches the last two path segments behind a prefix', async () => {
    expect((await post(`${receiver.listenUrl}/nope/ack`, '{}')).status).to.equal(404);
    const e = receiver.endpoint('lesspay', 'ack');
    const path = new URL(e.url).pathname;
    expect((await post(`${receiver.listenUrl}/tunnel/prefix${path}`, '{}')).text).to.equal('SUCCESS');
    expect(receiver.deliveries(e.token)).to.have.length(1);
  });

  it('waitFor resolves at the count, or with what arrived at the timeout', async () => {
    const e = receiver.endpoint('payloco', 'ack');
    const waiting = receiver.waitFor(e.token, { count: 2, timeoutMs: 5000 });
    await post(e.url, '1');
    await post(e.url, '2');
    expect((await waiting).map((d) => d.body)).to.deep.equal(['1', '2']);
    const started = Date.now();
    const partial = await receiver.waitFor(e.token, { count: 3, timeoutMs: 100 });
    expect(partial).to.have.length(2);
    expect(Date.now() - started).to.be.at.least(90);
  });

  it('waitFor also ends when `until` settles, with what arrived so far', async () => {
    const e = receiver.endpoint('payloco', 'ack');
    await post(e.url, '1');
    const got = await receiver.waitFor(e.token, { count: 2, timeoutMs: 60_000, until: Promise.resolve() });
    expect(got.map((d) => d.body)).to.deep.equal(['1']);
  });

  it('uses the public URL in the endpoints it hands out', async () => {
    const r = await WebhookReceiver.start({ publicUrl: 'https://hooks.example.test/paycert/' });
    try {
      expect(r.endpoint('lesspay', 'ack').url).to.match(
        /^https:\/\/hooks\.example\.test\/paycert\/[0-9a-f]{18}\/ack$/,
      );
    } finally {
      await r.close();
    }
  });

  it('parses --webhook-listen and tells loopback hosts', () => {
    expect(parseListen('0.0.0.0:8089')).to.deep.equal({ host: '0.0.0.0', port: 8089 });
    expect(parseListen('[::1]:0')).to.deep.equal({ host: '::1', port: 0 });
    expect(parseListen(':9000')).to.deep.equal({ host: '127.0.0.1', port: 9000 });
    expect(() => parseListen('8089')).to.throw(/HOST:PORT/);
    expect(isLoopbackHost('127.0.0.1')).to.equal(true);
    expect(isLoopbackHost('[::1]')).to.equal(true);
    expect(isLoopbackHost('localhost')).to.equal(true);
    expect(isLoopbackHost('10.0.0.5')).to.equal(false);
  });
});

describe('webhook session of a run', () => {
  const all = () => true;
  it('starts no receiver for a remote target without a public URL, and says why', async () => {
    const s = await openWebhookSession(
      [{ gateway: 'payloco', baseUrl: 'https://gate.uat.payloco.com/gateway', kind: 'remote' }],
      all,
    );
    const access = s.accessFor({
      gateway: 'payloco',
      baseUrl: 'https://gate.uat.payloco.com/gateway',
      kind: 'remote',
    });
    expect(access)
      .to.have.property('unavailable')
      .that.matches(/--webhook-public-url/);
    expect(s.maxWaitMs).to.equal(0);
    await s.close();
  });

  it('serves a loopback target, and a remote one when a public URL is given', async () => {
    const local = {
      gateway: 'lesspay' as const,
      baseUrl: 'http://127.0.0.1:1',
      kind: 'embedded-mock' as const,
    };
    const remote = {
      gateway: 'lesspay' as const,
      baseUrl: 'https://lesspay2-pay-uat.doopayment.com',
      kind: 'remote' as const,
    };
    const s = await openWebhookSession([local], all);
    // A bundled mock: a long ceiling for a callback (a wait ends when it arrives), and the mock's own retry delays
    // unknown here, so a retry gets the same.
    expect(s.accessFor(local)).to.deep.include({ waitMs: 10_000, retry: { ms: 10_000, loopTime: false } });
    expect(s.maxWaitMs).to.equal(10_000);
    await s.close();
    // Retry delays the run gave the mock: its first retry is due after 50 ms, so the window is that plus 1 s of
    // loop time; --webhook-wait is the tester's wall-time bound for both.
    const scheduled = { ...local, webhookRetryDelaysMs: [50, 100, 200] };
    const m = await openWebhookSession([scheduled], all);
    expect(m.accessFor(scheduled)).to.deep.include({ waitMs: 10_000, retry: { ms: 1050, loopTime: true } });
    await m.close();
    const w = await openWebhookSession([scheduled], all, { waitMs: 700 });
    expect(w.accessFor(scheduled)).to.deep.include({ waitMs: 700, retry: { ms: 700, loopTime: false } });
    await w.close();
    // The public URL must reach the receiver (a self-probe checks it): here it is the receiver's own address.
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as AddressInfo).port;
    await new Promise((r) => free.close(r));
    const p = await openWebhookSession([remote], all, {
      listen: `127.0.0.1:${port}`,
      publicUrl: `http://127.0.0.1:${port}`,
    });
    expect(p.accessFor(remote)).to.deep.include({ waitMs: 20_000, retry: { ms: 20_000, loopTime: false } });
    expect(p.maxWaitMs).to.equal(20_000);
    await p.close();
  });

  it('starts nothing when no webhook check is selected', async () => {
    const local = {
      gateway: 'lesspay' as const,
      baseUrl: 'http://127.0.0.1:1',
      kind: 'embedded-mock' as const,
    };
    const s = await openWebhookSession([local], (e) => !e.id.includes('-WH-'));
    expect(s.accessFor(local)).to.have.property('unavailable');
    await s.close();
  });
});

import { createHash, createHmac, createPrivateKey, createVerify, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

// What an integrator writes: a small client for Lesspay 2.0 or Payloco that signs and sends its requests, and fails
// (exit 1) when an answer is not the documented success. It imports nothing from paycert. `--fault NAME` starts a
// faulty variant that breaks one request rule; audit.spec.ts shows which client check catches each one.
//
//   node --import tsx examples/merchant-client/client.ts lesspay [--fault NAME]
//   (reads LESSPAY_BASE_URL, LESSPAY_APP_ID, LESSPAY_APP_SECRET; or PAYLOCO_BASE_URL, PAYLOCO_MERCHANT_ID,
//   PAYLOCO_PRIVATE_KEY, PAYLOCO_PLATFORM_PUBLIC_KEY)

type Json = Record<string, unknown>;

// The faulty variants (`--fault NAME`), each breaking one request rule. Which checks each one fails is written once,
// at the checks (`killedBy` in suites/client/<gw>.rules.ts); faults.expected.json is generated from it.
export const lesspayFaults = [
  'put-query',
  'text-plain',
  'no-appid',
  'seconds-timestamp',
  'signs-empty-values',
  'unsorted-keys',
  'hmac-signature',
  'changed-after-signing',
  'amount-as-number',
  'query-without-id',
  'eight-day-window',
  'reuses-request-id',
  'wrong-batch-total',
] as const;

/** Faulty sequels, seen only when `paycert audit --scenario` sends a failure: fault → the scenario it needs. */
export const lesspayScenarioFaults = {
  'new-id-on-retry': 'create-500',
  'ignores-retry-after': 'create-503-retry-after',
  'resends-duplicate-id': 'duplicate-request-id',
  'new-id-after-timeout': 'create-timeout',
  'recreates-pending-order': 'pending-then-success',
  'retries-any-error': 'invalid-signature',
  'resubmits-rejected-payout': 'payout-rejected',
} as const;

export const paylocoScenarioFaults = {
  'new-id-on-retry': 'pay-500',
  'ignores-retry-after': 'pay-503-retry-after',
  'new-id-after-timeout': 'pay-timeout',
  'resends-duplicate': 'duplicate-order',
  'retries-any-failure': 'invalid-signature',
  'recreates-pending': 'pending-then-success',
} as const;

export const paylocoFaults = [
  'put-query',
  'text-plain',
  'params-in-query-string',
  'signs-reserialised-body',
  'sha1-signature',
  'wrong-version',
  'amount-as-number',
  'sends-null-optional',
  'query-without-id',
  'reuses-merchant-order-id',
] as const;

const problems: string[] = [];
let fault = '';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

/** The failure `paycert audit --scenario` is sending this run, if any: the client's own tests expect it. */
const scenario = process.env.PAYCERT_SCENARIO ?? '';
// Every request has a deadline; MERCHANT_CLIENT_TIMEOUT_MS shortens it (the create-timeout scenario's tests do).
const timeoutMs = Number(process.env.MERCHANT_CLIENT_TIMEOUT_MS) || 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
const newId = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 20);

async function post(
  url: string,
  text: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const res = await fetch(url, {
    method,
    headers,
    body: text,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await res.text();
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {}
  return { status: res.status, text: body, json, headers: res.headers };
}

// ---- Lesspay 2.0 (L3: uppercase hex SHA-256 of the sorted non-empty k=v pairs, then &key=<secret>) ----

function lesspayString(body: Json, secret: string): string {
  const render = (v: unknown): string =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? `{${pairs(v as Json)}}`
      : typeof v === 'string'
        ? v
        : JSON.stringify(v);
  const pairs = (o: Json) => {
    let keys = Object.keys(o);
    if (fault !== 'signs-empty-values') keys = keys.filter((k) => o[k] !== null && o[k] !== '');
    if (fault !== 'unsorted-keys') keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return keys.map((k) => `${k}=${render(o[k])}`).join('&');
  };
  const joined = pairs(body);
  return fault === 'hmac-signature' ? joined : joined === '' ? `key=${secret}` : `${joined}&key=${secret}`;
}

function lesspaySignature(body: Json, secret: string): string {
  const text = lesspayString(body, secret);
  const digest =
    fault === 'hmac-signature'
      ? createHmac('sha256', secret).update(text)
      : createHash('sha256').update(text);
  return digest.digest('hex').toUpperCase();
}

/** Order states after which nothing more happens to an order (the order-status table): names, or their integers. */
// biome-ignore format: one state per name/integer pair reads better than one per line
const LESSPAY_FINAL = new Set<unknown>(['SUCCEED', 2, 'FAILED', 3, 'CANCELED', 4, 'REFUND', 5, 'CLOSED', 6, 'PARTIAL_SUCCESS', 11]);

async function lesspay(): Promise<void> {
  const base = need('LESSPAY_BASE_URL').replace(/\/$/, '');
  const appId = need('LESSPAY_APP_ID');
  const secret = need('LESSPAY_APP_SECRET');
  type Opts = { method?: string; contentType?: string };
  type Res = Awaited<ReturnType<typeof post>>;
  // A 5xx or no answer in time leaves the order's existence unknown: resend the same body (same request_id, so a
  // duplicate gets 1201), at most twice, after the Retry-After delay when the gateway gave one. A 4xx is final.
  const call = async (path: string, body: Json, opts: Opts = {}) => {
    let res = await send(path, body, opts);
    const again = (r: Res) =>
      r.status >= 500 || r.status === 0 || (fault === 'retries-any-error' && r.status >= 400);
    for (let attempt = 1; attempt < 3 && again(res); attempt++) {
      const after = Number(res.headers.get('retry-after'));
      const waitMs =
        fault === 'ignores-retry-after' ? 0 : Number.isFinite(after) && after > 0 ? after * 1000 : 200;
      await sleep(Math.min(waitMs, 10_000));
      const renamed =
        'request_id' in body &&
        (fault === 'new-id-on-retry' || (fault === 'new-id-after-timeout' && res.status === 0));
      res = await send(path, renamed ? { ...body, request_id: newId('N') } : body, opts);
    }
    return res;
  };
  const send = async (path: string, body: Json, opts: Opts = {}): Promise<Res> => {
    const signature = lesspaySignature(body, secret);
    const sent =
      fault === 'changed-after-signing' && 'description' in body ? { ...body, description: 'changed' } : body;
    const headers: Record<string, string> = {
      'content-type': opts.contentType ?? 'application/json',
      'x-auth-appid': appId,
      'x-auth-timestamp': String(fault === 'seconds-timestamp' ? Math.floor(Date.now() / 1000) : Date.now()),
      'x-auth-signature': signature,
    };
    if (fault === 'no-appid' && path.endsWith('query-order')) delete headers['x-auth-appid'];
    try {
      return await post(`${base}${path}`, JSON.stringify(sent), headers, opts.method);
    } catch (err) {
      // No answer within the deadline: status 0, like a 5xx the order's existence is unknown.
      if ((err as Error).name !== 'TimeoutError') throw err;
      return { status: 0, text: '', json: undefined, headers: new Headers() };
    }
  };
  const expectOk = (what: string, res: { status: number; json: any }) => {
    if (res.json?.code !== 0)
      problems.push(`${what}: HTTP ${res.status}, code ${res.json?.code} ${res.json?.msg ?? ''}`);
  };
  const orderOf = (res: Res) => {
    const data = res.json?.data;
    return Array.isArray(data?.records) ? data.records[0] : data;
  };
  const payinQuery = (requestId: unknown): Json => {
    const now = Date.now();
    return {
      request_id: requestId,
      start_time: String(now - 3_600_000),
      end_time: String(now + 60_000),
    };
  };
  /** Queries until the order is final or 10 s pass (dev guide Step 4: query orders that stay pending); its status. */
  const untilFinal = async (path: string, query: Json) => {
    const end = Date.now() + 10_000;
    for (;;) {
      const res = await call(path, query);
      expectOk(`query ${String(query.request_id)}`, res);
      const status = orderOf(res)?.order_status;
      if (res.json?.code !== 0 || LESSPAY_FINAL.has(status) || Date.now() > end) return status;
      await sleep(300);
    }
  };
  const newOrder = (): Json => ({
    request_id: newId('R'),
    product_name: 'Sandbox product',
    description: 'Order from the example client',
    target_amount: fault === 'amount-as-number' ? 100.5 : '100.50',
    target_currency: 'USD',
    transaction_type: 'PAY_IN',
    success_url: 'https://merchant.example/success',
    fail_url: 'https://merchant.example/fail',
    api_version: 'V2',
    pay_access_type: 1,
  });

  let order = newOrder();
  let created = await call('/api/global/v1/pay/create-order', order);
  if (created.status === 401 && scenario === 'invalid-signature') {
    // Expected: the scenario refuses the first create as wrongly signed. A refusal is not transient: no resend of
    // that body; the next order is a new one.
    order = newOrder();
    created = await call('/api/global/v1/pay/create-order', order);
  }
  if (created.json?.code === 1201) {
    // 1201: this request_id already exists ("Do not retry with the same ID"). After a lost answer it is our own
    // earlier attempt: look the order up instead of sending it again.
    if (fault === 'resends-duplicate-id') await call('/api/global/v1/pay/create-order', order);
    const mine = await call('/api/global/v1/pay/query-order', payinQuery(order.request_id));
    expectOk('look up the order answered 1201', mine);
    if (orderOf(mine)?.target_amount !== order.target_amount)
      problems.push(`order ${String(order.request_id)} exists but is not ours`);
  } else {
    expectOk('create pay-in', created);
    // A retry of the identical order (say, after a lost answer) keeps its request_id; the gateway answers 1201.
    const retried = await call('/api/global/v1/pay/create-order', order);
    if (retried.json?.code !== 1201 && retried.json?.code !== 0)
      problems.push(`retry: code ${retried.json?.code}`);
  }
  if (fault === 'reuses-request-id')
    await call('/api/global/v1/pay/create-order', { ...order, target_amount: '7.00' });

  if (scenario === 'pending-then-success') {
    // The order is pending until the customer pays: poll its status rather than creating it again.
    if (fault === 'recreates-pending-order') {
      order = { ...order, request_id: newId('R') };
      await call('/api/global/v1/pay/create-order', order);
    }
    const status = await untilFinal('/api/global/v1/pay/query-order', payinQuery(order.request_id));
    if (status !== 'SUCCEED' && status !== 2) problems.push(`pending pay-in ended ${String(status)}`);
  } else {
    const now = Date.now();
    const query: Json =
      fault === 'query-without-id'
        ? {}
        : { request_id: order.request_id, ...(fault === 'signs-empty-values' ? { pay_order_id: '' } : {}) };
    query.start_time = String(now - (fault === 'eight-day-window' ? 8 * 86_400_000 : 3_600_000));
    query.end_time = String(now + 60_000);
    const found = await call('/api/global/v1/pay/query-order', query, {
      ...(fault === 'put-query' ? { method: 'PUT' } : {}),
      ...(fault === 'text-plain' ? { contentType: 'text/plain' } : {}),
    });
    expectOk('query pay-in', found);
  }

  const payout: Json = {
    request_id: newId('S'),
    amount: '100.50',
    currency: 'PHP',
    way_type: 'BANK_TRANSFER',
    beneficiary: {
      beneficiary_type: 'individual',
      beneficiary_info: {
        name: 'Juan Dela Cruz',
        email: 'juan@example.com',
        address: { country: 'PH', city: 'Manila' },
      },
      destination: { type: 'bank', bank: { account_number: '1234567890', bank_name: 'BDO', country: 'PH' } },
    },
  };
  expectOk('create payout', await call('/api/global/payout/create-order', payout));
  const detail = (amount: string) => ({
    mch_order_id: newId('D'),
    amount,
    bank_account_name: 'Juan Dela Cruz',
    bank_account_no: '1234567890',
    bank_account_type: 'individual',
    bank_name: 'BDO',
    bank_country_code: 'PH',
    destination_type: 'bank',
  });
  const batch: Json = {
    request_id: newId('B'),
    currency: 'PHP',
    total_amount: fault === 'wrong-batch-total' ? '300.00' : '300.30',
    way_type: 'BANK_TRANSFER',
    way_code: 'TAZAPAY_PAYOUT',
    notify_url: 'https://merchant.example/payout-notify',
    payout_order_details: [detail('100.10'), detail('200.20')],
  };
  expectOk('create batch payout', await call('/api/global/payout/batch/create-order', batch));
  if (scenario === 'payout-rejected') {
    // Expected: the operations review rejects both. A rejection is Lesspay's decision: report it, never resubmit.
    for (const p of [payout, batch]) {
      const status = await untilFinal('/api/global/payout/query', { request_id: p.request_id });
      if (status !== 'FAILED' && status !== 3)
        problems.push(`payout ${String(p.request_id)} ended ${String(status)}`);
    }
    if (fault === 'resubmits-rejected-payout')
      await call('/api/global/payout/create-order', { ...payout, request_id: newId('S') });
  } else expectOk('query payout', await call('/api/global/payout/query', { request_id: payout.request_id }));
}

// ---- Payloco (P6: Base64 SHA256withRSA over the raw body bytes) ----

function pem(value: string): string {
  return /-----BEGIN/.test(value) ? value.replace(/\\n/g, '\n') : readFileSync(value, 'utf8');
}

async function payloco(): Promise<void> {
  const base = need('PAYLOCO_BASE_URL').replace(/\/$/, '');
  const merchantId = need('PAYLOCO_MERCHANT_ID');
  const key: KeyObject = createPrivateKey(pem(need('PAYLOCO_PRIVATE_KEY')));
  const platformKey = process.env.PAYLOCO_PLATFORM_PUBLIC_KEY
    ? pem(process.env.PAYLOCO_PLATFORM_PUBLIC_KEY)
    : undefined;
  const common = (extra: Json): Json => ({
    charset: 'UTF-8',
    version: fault === 'wrong-version' ? '1.0.0' : '2.0.0',
    signType: 'RSA',
    merchantId,
    requestTime: new Date().toISOString(),
    ...extra,
  });
  type Opts = { method?: string; contentType?: string; query?: string };
  // A 5xx leaves the payment's existence unknown: resend the same order (same merchantOrderId), at most twice,
  // after the Retry-After delay when the gateway gave one.
  const call = async (path: string, body: Json, opts: Opts = {}) => {
    let res = await send(path, body, opts);
    const transient = (r: typeof res) =>
      r.status >= 500 ||
      (fault === 'retries-any-failure' && !['00000000', '00000003'].includes(r.json?.code));
    for (let attempt = 1; attempt < 3 && transient(res); attempt++) {
      const after = Number(res.headers.get('retry-after'));
      const waitMs =
        fault === 'ignores-retry-after' ? 0 : Number.isFinite(after) && after > 0 ? after * 1000 : 200;
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 10_000)));
      const again =
        fault === 'new-id-on-retry' && 'merchantOrderId' in body
          ? { ...body, merchantOrderId: newId('N') }
          : body;
      res = await send(path, again, opts);
    }
    return res;
  };
  const send = async (path: string, body: Json, opts: Opts = {}) => {
    const text = fault === 'signs-reserialised-body' ? JSON.stringify(body, null, 1) : JSON.stringify(body);
    const signed = fault === 'signs-reserialised-body' ? JSON.stringify(body) : text;
    const signature = sign(fault === 'sha1-signature' ? 'sha1' : 'sha256', Buffer.from(signed), key).toString(
      'base64',
    );
    const res = await post(
      `${base}${path}${opts.query ?? ''}`,
      text,
      {
        'content-type': opts.contentType ?? 'application/json',
        signature,
      },
      opts.method,
    );
    // The gateway signs its answer when our signature verified: check it when we have its public key.
    const answerSig = res.headers.get('signature');
    if (
      platformKey &&
      answerSig &&
      !createVerify('RSA-SHA256').update(res.text).verify(platformKey, answerSig, 'base64')
    )
      problems.push(`${path}: the answer's signature does not verify`);
    return res;
  };
  const expectOk = (what: string, res: { status: number; json: any }) => {
    if (!['00000000', '00000003'].includes(res.json?.code))
      problems.push(`${what}: HTTP ${res.status}, code ${res.json?.code} ${res.json?.message ?? ''}`);
  };

  // The sandbox's codes for a refused signature and a duplicate merchantOrderId: the docs name none.
  const signatureRefused = '11000001';
  const duplicate = '22070041';
  const queryFor = (id: string) => common({ transType: 'PAY', accessType: 's2s', merchantOrderId: id });
  const orderOf = (body: Json): Json => (body.data as Json | undefined) ?? body;
  const withNewId = (body: Json): Json =>
    body.data
      ? { ...body, data: { ...(body.data as Json), merchantOrderId: newId('N') } }
      : { ...body, merchantOrderId: newId('N') };
  /** The order as the gateway holds it, when it holds one under this merchantOrderId with our amount. */
  const lookUp = async (body: Json) => {
    const order = orderOf(body);
    const res = await call('/v1/payments/open/api/query', queryFor(order.merchantOrderId as string));
    const data = res.json?.data;
    const ours =
      ['00000000', '00000003'].includes(res.json?.code) &&
      data?.merchantOrderId === order.merchantOrderId &&
      Number(data?.transAmt) === Number(order.transAmt ?? order.totalAmount) &&
      data?.currency === order.currency;
    return ours ? res : undefined;
  };
  /** Pays, and settles what an answer leaves open: none came (a timeout), a duplicate, a refused signature. */
  const payOrder = async (path: string, body: Json) => {
    let res: Awaited<ReturnType<typeof call>>;
    try {
      res = await call(path, body);
    } catch (err) {
      if ((err as Error).name !== 'TimeoutError') throw err;
      // The order may exist: ask about the same merchantOrderId (a new one could make a second order), and resend
      // the same order only when the gateway holds none.
      if (fault === 'new-id-after-timeout') return call(path, withNewId(body));
      return (await lookUp(body)) ?? call(path, { ...body, requestTime: new Date().toISOString() });
    }
    if (res.json?.code === duplicate) {
      if (fault === 'resends-duplicate') await call(path, { ...body, requestTime: new Date().toISOString() });
      // Our order if it holds our amount and currency (an earlier attempt made it); else the id is another's.
      const found = await lookUp(body);
      if (!found)
        problems.push(`pay: merchantOrderId ${orderOf(body).merchantOrderId} belongs to another order`);
      return found ?? res;
    }
    // Not transient: the same bytes would be refused again. Re-sign once with a fresh requestTime (a clock or key
    // slip), then stop.
    if (res.json?.code === signatureRefused)
      return call(path, { ...body, requestTime: new Date().toISOString() });
    // Pending: the payer has not paid yet. Query it (below); creating it again could make the payer pay twice.
    if (fault === 'recreates-pending' && res.json?.code === '00000003') return call(path, withNewId(body));
    return res;
  };

  const pay = common({
    transType: 'PAY',
    accessType: 's2s',
    transChannel: 'WEIXIN',
    currency: 'USD',
    transAmt: fault === 'amount-as-number' ? 20.01 : '20.01',
    goodsName: 'Example goods',
    merchantOrderId: newId('QR'),
    payMode: 'QRCODE',
    ...(fault === 'sends-null-optional' ? { redirectUrl: null } : {}),
  });
  expectOk('pay', await payOrder('/v1/payments/open/api/pay', pay));
  if (fault === 'reuses-merchant-order-id')
    await call('/v1/payments/open/api/pay', {
      ...pay,
      transAmt: '5.00',
      requestTime: new Date().toISOString(),
    });
  const query = common({
    transType: 'PAY',
    accessType: 's2s',
    ...(fault === 'query-without-id' ? {} : { merchantOrderId: pay.merchantOrderId }),
  });
  const found = await call('/v1/payments/open/api/query', query, {
    ...(fault === 'put-query' ? { method: 'PUT' } : {}),
    ...(fault === 'text-plain' ? { contentType: 'text/plain' } : {}),
    ...(fault === 'params-in-query-string' ? { query: `?merchantId=${merchantId}&version=2.0.0` } : {}),
  });
  expectOk('query', found);
  // This run's sandbox pays the QR by itself: the test waits for it, querying until the order is final.
  if (process.env.PAYCERT_SCENARIO === 'pending-then-success') await untilPaid(query, found);
  const v2 = common({ data: { merchantOrderId: newId('V2'), totalAmount: '10.01', currency: 'USD' } });
  expectOk('pay v2', await payOrder('/v2/payments/open/api/pay', v2));

  async function untilPaid(query: Json, first: Awaited<ReturnType<typeof call>>) {
    const deadline = Date.now() + 10_000;
    let res = first;
    while (res.json?.data?.status === 'PENDING' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      res = await call('/v1/payments/open/api/query', { ...query, requestTime: new Date().toISOString() });
    }
    if (res.json?.data?.status !== 'SUCCESS')
      problems.push(`the QR order was not paid within 10 s: status ${res.json?.data?.status}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const gateway = args[0];
  const i = args.indexOf('--fault');
  fault = i >= 0 ? (args[i + 1] ?? '') : '';
  const known = gateway === 'lesspay' ? lesspayFaults : gateway === 'payloco' ? paylocoFaults : undefined;
  if (!known) {
    process.stderr.write('usage: client.ts lesspay|payloco [--fault NAME]\n');
    return 2;
  }
  const scenarioFaults = gateway === 'lesspay' ? lesspayScenarioFaults : paylocoScenarioFaults;
  const names: readonly string[] = [...known, ...Object.keys(scenarioFaults)];
  if (fault && !names.includes(fault)) {
    process.stderr.write(`unknown fault ${fault}; known: ${names.join(', ')}\n`);
    return 2;
  }
  await (gateway === 'lesspay' ? lesspay() : payloco());
  for (const p of problems) process.stderr.write(`merchant-client: ${p}\n`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`merchant-client: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}

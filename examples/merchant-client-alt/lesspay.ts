import { createHash, randomUUID } from 'node:crypto';
import { type Answer, NoAnswer, sendWithRetry } from './http.js';

// Lesspay 2.0 as a second integrator writes it: node:http, header names in another casing, pretty-printed bodies with
// members in its own order, optional fields present (some left null or "", as a Java DTO serialises unset fields),
// amounts in other valid spellings, non-ASCII names, orders sent concurrently (V2 cashier, V1, OpenAPI card), queries
// by pay_order_id, the demo's balance, bank list and triggerNotify calls, an e-wallet payout, and batches in the
// demo's forms (destination_type at the top level; e-wallet details). After a failure it settles the order by the
// conduct the first example client does not use (README.md): a new request_id after a 1201, a query after no answer,
// no resend after a 401, polls by pay_order_id.

type Json = Record<string, unknown>;

/** The `paycert audit --scenario` failures this client meets and handles (the 5xx ones are its retry's). */
const EXPECTED = [
  'duplicate-request-id',
  'create-timeout',
  'pending-then-success',
  'invalid-signature',
  'payout-rejected',
];
const PAYIN_CREATE = '/api/global/v1/pay/create-order';
const PAYIN_QUERY = '/api/global/v1/pay/query-order';
/** Order states after which nothing more happens to an order (lesspay.md §5.5): names, or their integers. */
// biome-ignore format: one state per name/integer pair reads better than one per line
const FINAL = new Set<unknown>(['SUCCEED', 2, 'FAILED', 3, 'CANCELED', 4, 'REFUND', 5, 'CLOSED', 6, 'PARTIAL_SUCCESS', 11]);

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const empty = (v: unknown) => v === null || v === undefined || v === '';

/** Drops null and "" members at every depth, as the vendor demo's signer does (fastjson leaves out nulls). */
const pruned = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(pruned)
    : isObject(v)
      ? Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (empty(x) ? [] : [[k, pruned(x)]])))
      : v;

/**
 * L3: the non-empty members in ASCII order as k=v, nested objects as {…} by the same rule, numbers and booleans as
 * JSON text, arrays as compact JSON text. L3 does not say whether empty members inside an array are signed; this
 * client follows the vendor demo (SignUtil + fastjson), which leaves them out there too.
 */
export function stringToSign(body: Json, secret: string): string {
  const render = (v: unknown): string =>
    typeof v === 'string' ? v : isObject(v) ? `{${pairs(v)}}` : JSON.stringify(pruned(v));
  const pairs = (o: Json): string =>
    Object.keys(o)
      .filter((k) => !empty(o[k]))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      .map((k) => `${k}=${render(o[k])}`)
      .join('&');
  const joined = pairs(body);
  return `${joined}${joined ? '&' : ''}key=${secret}`;
}

const sha256Upper = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').toUpperCase();

let counter = 0;
/** Merchant ids of a given length: a prefix, the time in base 36 and a counter. */
const merchantId = (prefix: string, length: number) =>
  `${prefix}${Date.now().toString(36).toUpperCase()}${(++counter).toString().padStart(4, '0')}${randomUUID().replace(/-/g, '')}`.slice(
    0,
    length,
  );

export async function runLesspay(env: NodeJS.ProcessEnv, notifyUrl: string): Promise<string[]> {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const base = need('LESSPAY_BASE_URL');
  const appId = need('LESSPAY_APP_ID');
  const secret = need('LESSPAY_APP_SECRET');
  const problems: string[] = [];

  const post = (path: string, body: Json, noAnswer?: 'throw'): Promise<Answer> =>
    sendWithRetry(
      new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`),
      () => ({
        // Pretty-printed with tabs: L3 signs the members, not the bytes, so whitespace is free.
        body: JSON.stringify(body, null, '\t'),
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Accept: 'application/json',
          'User-Agent': 'merchant-client-alt/1.0 (+node:http)',
          'X-Request-Trace': randomUUID(),
          'X-Auth-AppId': appId,
          'X-Auth-Timestamp': String(Date.now()),
          'X-Auth-Signature': sha256Upper(stringToSign(body, secret)),
        },
      }),
      { noAnswer: noAnswer ?? 'resend' },
    );
  const code = (a: Answer) => (isObject(a.json) ? a.json.code : undefined);
  const data = (a: Answer) => (isObject(a.json) && isObject(a.json.data) ? a.json.data : {});
  const expectOk = (what: string, a: Answer) => {
    if (code(a) !== 0)
      problems.push(
        `${what}: HTTP ${a.status}, code ${String(code(a))} ${String((a.json as Json)?.msg ?? '')}`,
      );
    return code(a) === 0;
  };

  /** The failure this run's `paycert audit --scenario` sends (this client's tests expect it), and whether it came. */
  const scenario = env.PAYCERT_SCENARIO ?? '';
  const met = new Set<string>();
  /** The order of a query's answer (`data`, or one of its lists, L8) whose `field` is `value`, if it holds one. */
  const lookUp = (a: Answer, field: string, value: unknown, mayBeAbsent = false): Json | undefined => {
    // The docs give no code for an order that does not exist: when it may not, any refusal reads as "none".
    if (mayBeAbsent ? code(a) !== 0 : !expectOk(`query ${String(value)}`, a)) return undefined;
    const d = data(a);
    const list = Object.values(d).find(Array.isArray) as unknown[] | undefined;
    const order = [d, ...(list ?? [])].find((o) => isObject(o) && o[field] === value) as Json | undefined;
    if (!order && !mayBeAbsent) problems.push(`query ${String(value)}: the answer holds no such order`);
    return order;
  };
  /**
   * Looks an order up once, or (`poll`) until it is final: its own backoff, 250 ms growing by half up to 2 s, for at
   * most 15 s (dev guide Step 4: query orders that stay pending). The last status read.
   */
  const untilFinal = async (what: string, poll: boolean, read: () => Promise<Json | undefined>) => {
    const end = Date.now() + 15_000;
    for (let wait = 250; ; wait = Math.min(2_000, wait * 1.5)) {
      const status = (await read())?.order_status;
      if (!poll || status === undefined || FINAL.has(status)) return status;
      if (Date.now() + wait > end) {
        problems.push(`${what}: still ${String(status)} after 15 s`);
        return status;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  };
  /** A pay-in query: by pay_order_id (V1 orders as a DTO serialises them) or, not yet known, by request_id. */
  const payinQuery = (body: Json, payOrderId?: string): Json => {
    const end = Date.now() + 120_000;
    if (payOrderId === undefined)
      return {
        request_id: body.request_id,
        start_time: end - 604_800_000,
        end_time: end,
        page: 1,
        page_size: 50,
      };
    return body.api_version === 'V1'
      ? {
          page: '1',
          page_size: '20',
          start_time: String(Date.now() - 3_600_000),
          end_time: null,
          pay_order_id: payOrderId,
          request_id: null,
        }
      : { pay_order_id: payOrderId, start_time: end - 604_800_000, end_time: end, page: 1, page_size: 50 };
  };
  /** The pay-in the gateway holds under this request_id (the gateway's id is not known yet). */
  const byRequestId = async (body: Json, mayBeAbsent = false) =>
    lookUp(await post(PAYIN_QUERY, payinQuery(body)), 'request_id', body.request_id, mayBeAbsent);

  /**
   * Creates a pay-in and settles what the answer leaves open. Returns the order as finally created (`body`: a new
   * request_id after a collision) and the gateway's view of it (`order`), none when the order was dropped.
   */
  const createPayin = async (first: Json): Promise<{ body: Json; order?: Json }> => {
    let body = first;
    let a: Answer;
    try {
      a = await post(PAYIN_CREATE, body, 'throw');
    } catch (err) {
      if (!(err instanceof NoAnswer)) throw err;
      // No answer in time: the order may exist. Ask for it by its request_id (the gateway's id is unknown) rather
      // than sending it blind; send it again, same request_id, only when the gateway holds none.
      if (scenario === 'create-timeout') met.add(scenario);
      const found = await byRequestId(body, true);
      if (found) return { body, order: found };
      a = { ...(await post(PAYIN_CREATE, body)), attempts: 2 };
    }
    if (code(a) === 1201 && a.attempts > 1) {
      // 1201 to a resend: our own earlier attempt went through after all, and that order is the one.
      const found = await byRequestId(body);
      return { body, order: found };
    }
    if (code(a) === 1201) {
      // 1201 to the first send of a request_id: another order holds it (an id collision, such as two shop
      // instances sharing a prefix), so it is not ours to query. "Do not retry with the same ID" (lesspay.md §5.2):
      // the order gets a new one.
      if (scenario === 'duplicate-request-id') met.add(scenario);
      body = { ...body, request_id: merchantId(String(body.request_id).slice(0, 2), 20) };
      a = await post(PAYIN_CREATE, body);
    }
    if (a.status === 401) {
      // A refused signature is a configuration fault, not a transient one: the same body would be refused again.
      // The order is dropped at once, never resent; the shop's operator must fix the key or the signing.
      if (scenario === 'invalid-signature' && !met.has(scenario)) met.add(scenario);
      else expectOk(`create ${body.request_id}`, a);
      return { body };
    }
    return { body, order: expectOk(`create ${body.request_id}`, a) ? data(a) : undefined };
  };

  // A cashier order with every optional field the docs list; channel_extra is nested (signed as {…}).
  const card: Json = {
    transaction_type: 'PAY_IN',
    api_version: 'V2',
    pay_access_type: 1,
    target_currency: 'USD',
    target_amount: '100',
    request_id: merchantId('ALT', 20),
    product_name: '抹茶拿铁 · Crème brûlée',
    description: 'Commande n° 42 — 订单描述 (café, thé)',
    success_url: 'https://shop.example/paiement/reussi?o=42&lang=fr',
    fail_url: 'https://shop.example/paiement/echec?o=42',
    notify_url: notifyUrl,
    way_type: 'CARD_PAYMENT',
    way_code: 'CHECKOUT_CARDPAYMENT',
    expired_time: 1800,
    use_channel_request_id: false,
    channel_extra: { three_ds: { enabled: true }, extra_type: 'payment session' },
  };
  // A V1 order (the demo's choice for merchant F11) of the smallest amount, with unset optional fields as null/"".
  const small: Json = {
    request_id: merchantId('V1', 18),
    api_version: 'V1',
    target_amount: '0.01',
    target_currency: 'USDT',
    transaction_type: 'PAY_IN',
    pay_access_type: 1,
    product_name: 'Cafés',
    description: 'Petit café',
    fail_url: 'http://shop.example/fail',
    success_url: 'http://shop.example/ok',
    notify_url: null,
    way_code: '',
    expired_time: null,
  };
  // OpenAPI mode with a direct card (the demo's CardPaymentExample): numbers inside nested objects, an empty 3DS
  // setting left null.
  const direct: Json = {
    request_id: merchantId('OA', 16),
    pay_access_type: 2,
    api_version: 'V2',
    way_type: 'CARD_PAYMENT',
    transaction_type: 'PAY_IN',
    target_amount: '12.5',
    target_currency: 'EUR',
    product_name: 'Abonnement annuel',
    description: 'Jahresabo – Überweisung per Karte',
    success_url: 'https://shop.example/ok',
    fail_url: 'https://shop.example/ko',
    channel_extra: {
      extra_type: 'card',
      card_data: {
        number: '4111111111111111',
        expiry_month: 12,
        expiry_year: 2030,
        cvv: '123',
        store_for_future_use: false,
      },
      three_ds: { enabled: null },
    },
  };
  // The orders at once, as a shop serving several buyers does: their requests (and any retry) interleave.
  const orders = await Promise.all(
    [card, small, direct].map(async (first) => {
      const { body, order } = await createPayin(first);
      const id = order?.pay_order_id;
      if (order && typeof id !== 'string') problems.push(`create ${body.request_id}: no data.pay_order_id`);
      return { body, payOrderId: typeof id === 'string' ? id : undefined };
    }),
  );

  // Query each order by the gateway's id: the V2 ones in a window of exactly 7 days that holds their creation (L8),
  // integers as in the demo; the V1 one as a DTO serialises it, strings as in the docs' example, the window open at
  // its end (end_time null: every order since an hour ago) and the unset request_id null. When this run's sandbox
  // leaves new orders pending until they are paid (the pending-then-success scenario), each is polled until final.
  await Promise.all(
    orders.map(async ({ body, payOrderId }) => {
      if (!payOrderId) return;
      const status = await untilFinal(
        `pay-in ${payOrderId}`,
        scenario === 'pending-then-success',
        async () => {
          const order = lookUp(
            await post(PAYIN_QUERY, payinQuery(body, payOrderId)),
            'pay_order_id',
            payOrderId,
          );
          if (order && order.request_id !== body.request_id)
            problems.push(`query ${payOrderId}: the answer does not hold order ${body.request_id}`);
          return order;
        },
      );
      if (scenario !== 'pending-then-success') return;
      if (status === 'SUCCEED' || status === 2) met.add(scenario);
      else problems.push(`pay-in ${payOrderId} ended ${String(status)}, not SUCCEED`);
    }),
  );

  // Balances of the currencies this merchant pays out in (the demo's balance call, lesspay.md §4.7): a bank channel
  // in pesos, and USDT, which the demo pays out with way_type CRYPTO.
  for (const balance of [{ way_code: 'TAZAPAY_PAYOUT', currency: 'PHP' }, { currency: 'USDT' }])
    expectOk(`balance ${balance.currency}`, await post('/api/global/payout/balance', balance));
  // The channel's bank list names the banks the batch may use (lesspay.md §4.6).
  const banks = await post('/api/global/payout/bank', {
    way_code: 'TAZAPAY_PAYOUT',
    currency: 'PHP',
    bank_country_code: 'PH',
  });
  expectOk('payout banks', banks);
  const bankList = Object.values(data(banks)).find(Array.isArray) as unknown[] | undefined;
  const bpi = bankList?.find((b) => isObject(b) && b.bank_code === 'BPI') as Json | undefined;
  const bankName = typeof bpi?.bank_name === 'string' ? bpi.bank_name : 'BPI';

  const wallet: Json = {
    way_type: 'WALLET_TRANSFER',
    currency: 'PHP',
    amount: '1500',
    request_id: merchantId('PO', 32),
    purpose: 'PYR001',
    product_name: 'Remboursement',
    description: '退款 refund',
    expired_time: 86_400,
    notify_url: notifyUrl,
    beneficiary: {
      destination: {
        type: 'ewallet',
        e_wallet: { ewallet_provider: 'GCash', account_number: '09171234501', account_type: 'phone' },
      },
      beneficiary_type: 'individual',
      beneficiary_info: {
        first_name: 'María',
        last_name: 'Dela Cruz',
        name: 'María Dela Cruz',
        date_of_birth: '15-01-1990',
        nationality: 'PH',
        phone: { calling_code: '63', number: '9171234501' },
        address: { country: 'PH', city: 'Quezon City', line1: 'Blk 4 Lot 2', line2: null },
        tax_id: '',
      },
    },
  };
  const payout = await post('/api/global/payout/create-order', wallet);
  expectOk('create payout', payout);
  const payoutId = data(payout).pay_order_id;

  // Three details whose amounts sum exactly (0.10 + 0.20 + 1 = 1.30, which floats get wrong).
  // The last detail has no SWIFT code: null, as a Java DTO serialises it.
  const detail = (amount: string, name: string, swift: string | null = 'BOPIPHMM') => ({
    amount,
    mch_order_id: merchantId('D', 40),
    bank_name: bankName,
    bank_account_no: `00${Math.floor(Math.random() * 1e10)}`,
    bank_account_name: name,
    bank_account_type: 'individual',
    bank_country_code: 'PH',
    bank_swift_code: swift,
  });
  const batch: Json = {
    payout_order_details: [
      detail('0.10', 'José Rizal'),
      detail('0.20', 'Andrés Bonifacio'),
      detail('1', 'Gabriela Silang', null),
    ],
    total_amount: '1.30',
    destination_type: 'bank',
    way_code: 'TAZAPAY_PAYOUT',
    way_type: 'BANK_TRANSFER',
    notify_url: notifyUrl,
    currency: 'PHP',
    request_id: merchantId('BATCH-', 48),
    description: 'Lot de paiements 批量',
  };
  expectOk('create batch payout', await post('/api/global/payout/batch/create-order', batch));
  // An e-wallet batch as the demo sends one (PayoutBatchExample): destination_type ewallet, an e_wallet per detail.
  const gcash = (amount: string, number: string) => ({
    mch_order_id: merchantId('W', 24),
    amount,
    e_wallet: {
      provider: 'GCash',
      account_number: number,
      account_name: 'Ma. Clara Santos',
      account_type: 'individual',
      deposit_key_type: 'phone',
      deposit_key: number,
    },
  });
  const wallets: Json = {
    request_id: merchantId('EW', 30),
    currency: 'PHP',
    total_amount: '75.5',
    way_type: 'WALLET_TRANSFER',
    way_code: 'EPAY_PAYOUT',
    destination_type: 'ewallet',
    notify_url: notifyUrl,
    payout_order_details: [gcash('50.25', '09171234501'), gcash('25.25', '09181234502')],
  };
  expectOk('create e-wallet batch', await post('/api/global/payout/batch/create-order', wallets));

  // The payout query names the gateway's id when the create answer gave one, else the merchant's. When this run's
  // sandbox rejects every payout in review (the payout-rejected scenario), it is polled until final and must end
  // FAILED: a rejection is Lesspay Operations' decision, reported to a person and never resubmitted by the client.
  // The batches are not queried: their outcome comes to their notify_url.
  const query = typeof payoutId === 'string' ? { pay_order_id: payoutId } : { request_id: wallet.request_id };
  const status = await untilFinal(`payout ${wallet.request_id}`, scenario === 'payout-rejected', async () =>
    lookUp(await post('/api/global/payout/query', query), 'request_id', wallet.request_id),
  );
  if (scenario === 'payout-rejected') {
    if (status === 'FAILED' || status === 3) met.add(scenario);
    else problems.push(`payout ${wallet.request_id} ended ${String(status)}, not FAILED in review`);
  }
  // The demo's way to have the payout callback sent again (lesspay.md §4.8): the answer is the callback content.
  const again = await post('/api/global/payout/triggerNotify', query);
  if (expectOk('trigger payout notify', again) && data(again).request_id !== wallet.request_id)
    problems.push(`trigger payout notify: the answer is not payout ${wallet.request_id}`);
  // Under a scenario this client's tests expect its failure: a run that never met it proves nothing.
  if (EXPECTED.includes(scenario) && !met.has(scenario))
    problems.push(`scenario ${scenario}: its failure never came`);
  return problems;
}

import { parseDecimal } from './decimal.js';
import { isObject, type JsonObject, RawNumber } from './json.js';
import type { Knobs } from './knobs.js';
import { ParamError } from './reply.js';
import { amount, array, httpUrl, integer, object, string } from './validate.js';

// Payout parameter errors: 30000 (invalid parameter), 30009 (amount format), and the specific
// 30001/30004/30005/30006 of the Pay Out error-code page.
const P = 30000;

/** Payout currencies: the 30001 row (PHP, INR, IDR) plus those the docs' examples and the demo pay out in. */
export const PAYOUT_CURRENCIES = [
  'PHP',
  'INR',
  'IDR',
  'USD',
  'CNY',
  'BRL',
  'KES',
  'NGN',
  'VND',
  'JPY',
  'THB',
  'PKR',
  'USDT',
];

const COUNTRY = /^[A-Z]{2}$/;
const ACCOUNT_NO = /^[0-9A-Za-z-]{4,34}$/;
const SWIFT = /^[A-Z0-9]{8}([A-Z0-9]{3})?$/;

export function currency(body: JsonObject): string {
  const c = string(body, 'currency', { required: true, pattern: /^[A-Z]{3,5}$/, hint: 'e.g. PHP', code: P })!;
  if (!PAYOUT_CURRENCIES.includes(c))
    throw new ParamError(`Unsupported Currency: ${c} is not supported for payout`, 30001, 'currency');
  return c;
}

function country(body: JsonObject, field: string, required: boolean, label: string): string | undefined {
  const v = string(body, field, { required, code: P }, label);
  if (v !== undefined && !COUNTRY.test(v))
    throw new ParamError(
      `Invalid Country Code: ${label} must be a 2-character ISO 3166-1 alpha-2 code`,
      30005,
    );
  return v;
}

function accountNo(body: JsonObject, field: string, label: string): string {
  const v = string(body, field, { required: true, code: P }, label)!;
  if (!ACCOUNT_NO.test(v)) throw new ParamError(`Invalid Bank Account: ${label} has a bad format`, 30006);
  return v;
}

function accountType(body: JsonObject, field: string, label: string): string {
  const v = string(body, field, { required: true, code: P }, label)!;
  if (v !== 'individual' && v !== 'business')
    throw new ParamError(`Invalid Beneficiary Type: ${label} must be business or individual`, 30004);
  return v;
}

export interface PayoutLine {
  mchOrderId: string;
  amount: string;
  destinationType: string;
  accountNo: string;
  accountName: string;
  accountType: string;
  bankName: string;
  countryCode: string;
  swiftCode: string | null;
}

export interface PayoutInput {
  requestId: string;
  currency: string;
  totalAmount: string;
  wayType: string | null;
  wayCode: string | null;
  notifyUrl: string | null;
  lines: PayoutLine[];
}

function common(body: JsonObject, k: Knobs, notifyRequired: boolean) {
  const requestId = string(body, 'request_id', { required: true, max: 64, code: P })!;
  const notifyUrl =
    httpUrl(body, 'notify_url', {
      required: notifyRequired,
      max: 255,
      anyScheme: k.nonHttpUrlsAccepted,
      code: P,
    }) ?? null;
  integer(body, 'expired_time', { min: 1, code: P });
  string(body, 'transaction_network', { code: P });
  string(body, 'product_name', { max: 64, code: P });
  string(body, 'description', { max: 128, code: P });
  return { requestId, notifyUrl };
}

/** Documented free-text members: optional, but a string when present. */
function texts(obj: JsonObject, names: string[], label: string): void {
  for (const name of names) string(obj, name, { code: P }, `${label}.${name}`);
}

/** A beneficiary's documented optional members: of the documented form when present. */
function optionalInfo(info: JsonObject, address: JsonObject | undefined): void {
  const label = 'beneficiary.beneficiary_info';
  if (address) texts(address, ['state', 'city', 'postal_code', 'line1', 'line2'], `${label}.address`);
  const phone = object(info, 'phone', false, P, `${label}.phone`);
  if (phone) {
    string(
      phone,
      'calling_code',
      { pattern: /^[0-9]{1,5}$/, hint: 'digits', code: P },
      `${label}.phone.calling_code`,
    );
    texts(phone, ['number'], `${label}.phone`);
  }
  texts(info, ['tax_id', 'national_id'], label);
  string(
    info,
    'date_of_birth',
    { pattern: /^(?:[0-9]{2}-[0-9]{2}-[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})$/, hint: 'DD-MM-YYYY', code: P },
    `${label}.date_of_birth`,
  );
}

/** A bank destination's documented optional members. */
function optionalBank(bank: JsonObject, label: string): void {
  texts(bank, ['iban', 'account_number', 'bank_province', 'bank_city', 'purpose_code', 'branch_name'], label);
  string(
    bank,
    'account_type',
    { oneOf: ['savings', 'checking', 'payment'], code: P },
    `${label}.account_type`,
  );
}

const amountRule = (k: Knobs) => ({ code: 30009, missingCode: P, allowNumber: k.amountNumbersAccepted });

/** Single payout (Create Payout page and PayoutCreateOrderDTO); the minimal required set is in the README. */
export function validateSinglePayout(body: JsonObject, k: Knobs): PayoutInput {
  const { requestId, notifyUrl } = common(body, k, false);
  const amt = amount(body, 'amount', amountRule(k));
  const wayType = string(body, 'way_type', { max: 32, code: P }) ?? null;
  const wayCode = string(body, 'way_code', { max: 64, code: P }) ?? null;
  string(body, 'purpose', { max: 32, code: P });
  const ben = object(body, 'beneficiary', true, P)!;
  const type = accountType(ben, 'beneficiary_type', 'beneficiary.beneficiary_type');
  const info = object(ben, 'beneficiary_info', true, P, 'beneficiary.beneficiary_info')!;
  const first = string(info, 'first_name', { max: 64, code: P }, 'beneficiary.beneficiary_info.first_name');
  const last = string(info, 'last_name', { max: 64, code: P }, 'beneficiary.beneficiary_info.last_name');
  const name =
    string(
      info,
      'name',
      { required: !(first && last), max: 128, code: P },
      'beneficiary.beneficiary_info.name',
    ) ?? `${first} ${last}`;
  string(
    info,
    'email',
    { pattern: /^[^@\s]+@[^@\s]+$/, hint: 'an e-mail address', code: P },
    'beneficiary.beneficiary_info.email',
  );
  const address = object(info, 'address', false, P, 'beneficiary.beneficiary_info.address');
  const addressCountry = address
    ? country(address, 'country', false, 'beneficiary.beneficiary_info.address.country')
    : undefined;
  country(info, 'nationality', false, 'beneficiary.beneficiary_info.nationality');
  if (k.checkOptionalMembers) optionalInfo(info, address);
  const dest = object(ben, 'destination', true, P, 'beneficiary.destination')!;
  const destType = string(
    dest,
    'type',
    {
      required: true,
      oneOf: ['bank', 'bank_account', 'crypto_wallet', 'ewallet'],
      code: P,
    },
    'beneficiary.destination.type',
  )!;
  let line: Omit<PayoutLine, 'mchOrderId' | 'amount' | 'accountName' | 'accountType'>;
  if (destType === 'bank' || destType === 'bank_account') {
    const bank = object(dest, 'bank', true, P, 'beneficiary.destination.bank')!;
    const label = 'beneficiary.destination.bank';
    if (k.checkOptionalMembers) optionalBank(bank, label);
    const hasIban = typeof bank.iban === 'string' && bank.iban !== '';
    const no = hasIban
      ? accountNo(bank, 'iban', `${label}.iban`)
      : accountNo(bank, 'account_number', `${label}.account_number`);
    const codes = object(bank, 'bank_codes', false, P, `${label}.bank_codes`);
    const swift = codes
      ? string(
          codes,
          'swift_code',
          { pattern: SWIFT, hint: '8 or 11 characters', code: P },
          `${label}.bank_codes.swift_code`,
        )
      : undefined;
    line = {
      destinationType: 'bank',
      accountNo: no,
      bankName: string(bank, 'bank_name', { required: true, max: 128, code: P }, `${label}.bank_name`)!,
      countryCode: country(bank, 'country', true, `${label}.country`)!,
      swiftCode: swift ?? null,
    };
  } else if (destType === 'crypto_wallet') {
    const w = object(dest, 'crypto_wallet', true, P, 'beneficiary.destination.crypto_wallet')!;
    line = {
      destinationType: 'crypto_wallet',
      accountNo: string(
        w,
        'wallet_address',
        { required: true, max: 128, code: P },
        'beneficiary.destination.crypto_wallet.wallet_address',
      )!,
      bankName: string(
        w,
        'network',
        { required: true, max: 16, code: P },
        'beneficiary.destination.crypto_wallet.network',
      )!,
      countryCode: addressCountry ?? 'ZZ',
      swiftCode: null,
    };
  } else {
    const w = object(dest, 'e_wallet', true, P, 'beneficiary.destination.e_wallet')!;
    line = {
      destinationType: 'ewallet',
      accountNo: string(
        w,
        'account_number',
        { required: true, max: 64, code: P },
        'beneficiary.destination.e_wallet.account_number',
      )!,
      bankName: string(
        w,
        'ewallet_provider',
        { required: true, max: 64, code: P },
        'beneficiary.destination.e_wallet.ewallet_provider',
      )!,
      countryCode: addressCountry ?? 'ZZ',
      swiftCode: null,
    };
  }
  const cur = currency(body);
  return {
    requestId,
    currency: cur,
    totalAmount: amt,
    wayType,
    wayCode,
    notifyUrl,
    lines: [{ ...line, mchOrderId: requestId, amount: amt, accountName: name, accountType: type }],
  };
}

/** Batch payout (Multiple Transfer Methods table; `mch_order_id` per the demo, see digest §9 item 7). */
export function validateBatchPayout(body: JsonObject, k: Knobs): PayoutInput {
  const { requestId, notifyUrl } = common(body, k, true);
  const totalAmount = amount(body, 'total_amount', amountRule(k));
  const wayType = string(body, 'way_type', { required: true, max: 32, code: P })!;
  const wayCode = string(body, 'way_code', { required: true, max: 64, code: P })!;
  // The docs' table fixes destination_type to bank; the demo also sends e-wallet batches (destination_type ewallet,
  // per detail an e_wallet object: PayoutBatchExample, digest §4.4), which the request schema accepts too.
  const kinds = ['bank', 'ewallet'];
  const topDestination = string(body, 'destination_type', { oneOf: kinds, code: P });
  const raw = array(body, 'payout_order_details', P);
  if (raw.length === 0) throw new ParamError('payout_order_details must not be empty', P);
  if (raw.length > 1000) throw new ParamError('payout_order_details holds at most 1000 details', P);
  const lines = raw.map((d, i): PayoutLine => {
    const at = `payout_order_details[${i}]`;
    if (!isObject(d)) throw new ParamError(`${at} must be an object`, P);
    const destinationType =
      string(
        d,
        'destination_type',
        { required: topDestination === undefined, oneOf: kinds, code: P },
        `${at}.destination_type`,
      ) ?? topDestination!;
    if (i > 0 && !k.validateEveryDetail) return looseLine(d, destinationType);
    const mchOrderId = string(d, 'mch_order_id', { required: true, max: 64, code: P }, `${at}.mch_order_id`)!;
    const amt = amount(
      d,
      'amount',
      { ...amountRule(k), allowNumber: k.amountNumbersAccepted || k.detailAmountNumbersAccepted },
      `${at}.amount`,
    );
    if (destinationType === 'ewallet') return walletLine(d, at, mchOrderId, amt);
    return {
      mchOrderId,
      amount: amt,
      destinationType,
      accountName: string(
        d,
        'bank_account_name',
        { required: true, max: 128, code: P },
        `${at}.bank_account_name`,
      )!,
      accountNo: accountNo(d, 'bank_account_no', `${at}.bank_account_no`),
      accountType: accountType(d, 'bank_account_type', `${at}.bank_account_type`),
      bankName: string(d, 'bank_name', { required: true, max: 128, code: P }, `${at}.bank_name`)!,
      countryCode: country(d, 'bank_country_code', true, `${at}.bank_country_code`)!,
      swiftCode:
        string(
          d,
          'bank_swift_code',
          { pattern: SWIFT, hint: '8 or 11 characters', code: P },
          `${at}.bank_swift_code`,
        ) ?? null,
    };
  });
  const cur = currency(body);
  return { requestId, currency: cur, totalAmount, wayType, wayCode, notifyUrl, lines };
}

/** A detail taken as sent (knob validateEveryDetail off): what a target that checks only the first one stores. */
function looseLine(d: JsonObject, destinationType: string): PayoutLine {
  const text = (v: unknown) =>
    typeof v === 'string' ? v : v instanceof RawNumber ? v.text : JSON.stringify(v ?? '');
  const amt = text(d.amount);
  return {
    mchOrderId: text(d.mch_order_id),
    amount: parseDecimal(amt) ? amt : '0',
    destinationType,
    accountName: text(d.bank_account_name),
    accountNo: text(d.bank_account_no),
    accountType: text(d.bank_account_type),
    bankName: text(d.bank_name),
    countryCode: text(d.bank_country_code),
    swiftCode: null,
  };
}

/** An e-wallet detail of a batch (demo CreatePayoutOrderDTO e_wallet: account name, type and number, provider). */
function walletLine(d: JsonObject, at: string, mchOrderId: string, amt: string): PayoutLine {
  const label = `${at}.e_wallet`;
  const w = object(d, 'e_wallet', true, P, label)!;
  return {
    mchOrderId,
    amount: amt,
    destinationType: 'ewallet',
    accountName: string(w, 'account_name', { required: true, max: 128, code: P }, `${label}.account_name`)!,
    accountNo: string(w, 'account_number', { required: true, max: 64, code: P }, `${label}.account_number`)!,
    accountType: accountType(w, 'account_type', `${label}.account_type`),
    bankName: string(w, 'provider', { required: true, max: 64, code: P }, `${label}.provider`)!,
    countryCode: country(d, 'bank_country_code', false, `${at}.bank_country_code`) ?? 'ZZ',
    swiftCode: null,
  };
}

/** Lookup body of payout query and triggerNotify: one of the two ids is required. */
export function validatePayoutLookup(body: JsonObject): { requestId?: string; payOrderId?: string } {
  const requestId = string(body, 'request_id', { max: 64, code: P });
  const payOrderId = string(body, 'pay_order_id', { max: 64, code: P });
  if (requestId === undefined && payOrderId === undefined)
    throw new ParamError('request_id and pay_order_id cannot both be empty', P);
  return { requestId, payOrderId };
}

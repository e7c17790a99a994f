import { PATHS } from '../routes.js';
import { editBody, editData, type FaultSet, type ResponseContext } from './types.js';

const createdPayin = ({ path, reply }: ResponseContext) =>
  path === PATHS.createPayin && reply.reason === 'created';

export const createFaults: FaultSet = {
  'checkout-url-missing': {
    reading: 'L7',
    level: 'MUST',
    description: 'A cashier (pay_access_type 1) create answers without data.checkout_url.',
    respond: (out, ctx) => (createdPayin(ctx) ? editData(out, (d) => delete d.checkout_url) : out),
  },
  'checkout-url-not-http': {
    reading: 'L7',
    level: 'MUST',
    description: 'data.checkout_url is a relative path (/checkout/P…), not an http(s) URL.',
    respond: (out, ctx) =>
      createdPayin(ctx)
        ? editData(out, (d) => {
            if (d.checkout_url) d.checkout_url = new URL(String(d.checkout_url)).pathname;
          })
        : out,
  },
  'pay-order-id-missing': {
    reading: 'L7',
    level: 'MUST',
    description: 'A successful create answers without data.pay_order_id.',
    respond: (out, ctx) => (createdPayin(ctx) ? editData(out, (d) => delete d.pay_order_id) : out),
  },
  'pay-order-id-number': {
    reading: 'L7',
    level: 'MUST',
    description: 'data.pay_order_id is a JSON number instead of a string.',
    respond: (out, ctx) =>
      createdPayin(ctx)
        ? editData(out, (d) => (d.pay_order_id = Number(String(d.pay_order_id).slice(1))))
        : out,
  },
  'duplicate-request-id-accepted': {
    reading: 'L7',
    level: 'MUST',
    description: 'A second create with the same request_id creates a second order with code 0.',
    flags: { duplicatePayin: 'accept' },
  },
  'duplicate-overwrites-order': {
    reading: 'L7',
    level: 'MUST',
    description:
      'A duplicate request_id is refused with 1201 but overwrites the first order (amount, names).',
    flags: { duplicatePayin: 'overwrite' },
  },
  'duplicate-code-not-1201': {
    reading: 'L7',
    level: 'MUST',
    description: 'A duplicate request_id gets code 9999 instead of 1201 (non-zero, order unchanged).',
    respond: (out, { path, reply }) =>
      path === PATHS.createPayin && reply.reason === 'duplicate'
        ? editBody(out, (b) => (b.code = 9999))
        : out,
  },
  '500-on-valid-request': {
    reading: 'L7',
    level: 'MUST',
    description: 'A valid, new pay-in create is answered HTTP 500 with code 10 (nothing created).',
    flags: { failValidCreates: true },
  },
};

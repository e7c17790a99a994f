import { type Fault, rewriting, withData } from './fault.js';

export const statusLowercase: Fault = {
  name: 'status-lowercase',
  reading: 'P2',
  description: 'data.status is lowercase (pending, success, failed).',
  apply: (b) =>
    rewriting(b, (env) => withData(env, (data) => ({ ...data, status: String(data.status).toLowerCase() }))),
};

import { type Fault, withData } from './fault.js';

export const statusLowercase: Fault = {
  name: 'status-lowercase',
  reading: 'P2',
  level: 'MUST',
  description: 'data.status is lowercase (pending, success, failed).',
  respond: (env) => withData(env, (data) => ({ ...data, status: String(data.status).toLowerCase() })),
};

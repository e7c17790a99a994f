import type { FaultSet } from './types.js';

export const transportFaults: FaultSet = {
  'html-content-type': {
    reading: 'L1',
    level: 'MUST',
    description: 'JSON answers are labelled Content-Type: text/html.',
    respond: (out) => ({ ...out, headers: { ...out.headers, 'Content-Type': 'text/html; charset=utf-8' } }),
  },
  'content-type-missing': {
    reading: 'L1',
    level: 'MUST',
    description: 'JSON answers carry no Content-Type header.',
    respond: (out) => {
      const headers = { ...out.headers };
      delete headers['Content-Type'];
      return { ...out, headers };
    },
  },
  'errors-as-text': {
    reading: 'L1',
    level: 'MUST',
    description: 'Error answers (code ≠ 0) are plain text ("<code> <msg>") instead of JSON.',
    respond: (out, { reply }) => {
      if (reply.code === 0 || out.body === null || typeof out.body === 'string') return out;
      const text = `${reply.code} ${reply.msg ?? ''}`;
      return { ...out, headers: { ...out.headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
    },
  },
};

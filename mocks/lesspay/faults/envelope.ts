import { editBody, type FaultSet } from './types.js';

export const envelopeFaults: FaultSet = {
  'code-as-string': {
    reading: 'L2',
    level: 'MUST',
    description: 'code is a JSON string ("0", "11") instead of an integer.',
    respond: (out) => editBody(out, (b) => (b.code = String(b.code))),
  },
  'msg-missing': {
    reading: 'L2',
    level: 'MUST',
    description: 'The envelope has no msg member.',
    respond: (out) => editBody(out, (b) => delete b.msg),
  },
  'msg-null': {
    reading: 'L2',
    level: 'MUST',
    description: 'msg is null instead of a string.',
    respond: (out) => editBody(out, (b) => (b.msg = null)),
  },
  'code-outside-table': {
    reading: 'L2',
    level: 'MUST',
    description: 'Errors use code 4242, which is in neither the pay-in table nor 30000–30079.',
    respond: (out) =>
      editBody(out, (b) => {
        if (b.code !== 0) b.code = 4242;
      }),
  },
  'success-code-nonzero': {
    reading: 'L2',
    level: 'MUST',
    description: 'Successful answers carry code 200 instead of 0.',
    respond: (out) =>
      editBody(out, (b) => {
        if (b.code === 0) b.code = 200;
      }),
  },
  'data-not-object': {
    reading: 'L2',
    level: 'MUST',
    description: 'Successful answers carry data as a JSON-encoded string instead of an object.',
    respond: (out) =>
      editBody(out, (b) => {
        if (b.code === 0 && b.data) b.data = JSON.stringify(b.data);
      }),
  },
};

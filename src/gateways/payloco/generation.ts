import type { GenerationRules } from '../requests.js';

// How Payloco's generated checks cite the profile (P1–P9) and where it makes a refusal MUST (src/generate).

const business = { reading: 'P9', section: 'paycert profile P9' };
const signing = { reading: 'P6', section: 'payloco sign-tool' };
const http = {
  reading: 'P1',
  section: 'payloco api-reference/introduction',
  clause: 'a wrong method SHOULD get 405 and an unknown path SHOULD get 404.',
};

export const generation: GenerationRules = {
  families: {
    'content-type': { reading: 'P1', section: 'payloco api-reference/introduction' },
    envelope: { reading: 'P2', section: 'payloco public-body/response' },
    auth: signing,
    signing,
    method: http,
    'unknown-path': http,
  },
  fields: business,
  common: {
    names: ['charset', 'version', 'signType', 'merchantId', 'memberId', 'requestTime', 'keyVersion'],
    source: { reading: 'P4', section: 'payloco public-body/request' },
  },
  mustFamilies: [],
  mustByField: {
    // P4: version only 2.0.0, and it may not be left out (不能不传).
    version: { enum: undefined, required: undefined },
    merchantId: { required: undefined },
    transType: {
      required: {
        reading: 'P3',
        section: 'payloco acquiring/payment',
        clause: '`"22070030"` … when `transType` is missing from a v1 pay or v1 query request',
      },
    },
  },
  requiredAsDocumented: false,
  amountSpelling: { source: business },
  oneOf: { level: 'SHOULD', source: business },
  envelope: { optional: ['not-found', 'wrong-method'] },
  authVariants: ['no-signature', 'wrong-key', 'sha1', 'tampered-body'],
};

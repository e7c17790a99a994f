import type { GenerationRules } from '../requests.js';

// How Lesspay's generated checks cite the profile (L1–L9) and where it makes a refusal MUST (src/generate).

const window = { reading: 'L8', section: 'profile L8' };
const auth = { reading: 'L3', section: 'profile L3' };

export const generation: GenerationRules = {
  families: {
    'content-type': { reading: 'L1', section: 'profile L1' },
    envelope: { reading: 'L2', section: 'profile L2' },
    auth,
    signing: auth,
    method: { reading: 'L4', section: 'profile L4' },
    'unknown-path': { reading: 'L5', section: 'lesspay §5.1 HTTP status codes' },
    window,
  },
  fields: { reading: 'L6', section: 'profile L6' },
  mustFamilies: ['type', 'max-length', 'amount', 'url'],
  mustByEndpoint: { 'create-order': ['enum'] },
  requiredAsDocumented: true,
  amountSpelling: {
    source: { reading: 'L9', section: 'profile L9' },
    byEndpoint: { 'create-order': window },
  },
  oneOf: { level: 'MUST', byEndpoint: { 'query-order': window } },
  // L3's refusal is HTTP 401, whose body the docs do not show.
  envelope: { optional: ['not-found', 'wrong-method', 'auth-failure'], byAnswer: { 'auth-failure': auth } },
  authVariants: [
    'no-signature',
    'wrong-signature',
    'wrong-key',
    'hmac',
    'tampered-body',
    'unknown-app',
    'no-app',
  ],
};

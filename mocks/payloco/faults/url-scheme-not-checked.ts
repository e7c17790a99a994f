import type { Fault } from './fault.js';

export const urlSchemeNotChecked: Fault = {
  name: 'url-scheme-not-checked',
  reading: 'P9',
  description: '(SHOULD) A pay whose notifyUrl or redirectUrl is not an http(s) URL is accepted.',
  apply: (b) => ({ ...b, unchecked: [...b.unchecked, 'urls'] }),
};

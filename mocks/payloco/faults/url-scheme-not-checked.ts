import type { Fault } from './fault.js';

export const urlSchemeNotChecked: Fault = {
  name: 'url-scheme-not-checked',
  reading: 'P9',
  level: 'SHOULD',
  description: 'A pay whose notifyUrl or redirectUrl is not an http(s) URL is accepted.',
  flags: (b) => ({ unchecked: [...b.unchecked, 'urls'] }),
};

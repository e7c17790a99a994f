import type { SpecRef } from '../core/results.js';

/**
 * How a check's source is shown: "profile § L3", or the section alone when it already names its document
 * ("lesspay §6.1 Pay-in webhook", never "lesspay § lesspay §6.1 Pay-in webhook").
 */
export function specLabel(ref: SpecRef): string {
  const section = ref.section.trim();
  return section.toLowerCase().startsWith(`${ref.doc.toLowerCase()} `) ? section : `${ref.doc} § ${section}`;
}

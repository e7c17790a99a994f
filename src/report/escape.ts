// The only escaping functions the renderers use: one for HTML text and attributes, one for JSON embedded in a
// <script> data block, one for XML. Everything that comes from results.json goes through one of them.

// C0 controls other than tab/LF/CR and lone surrogates are not allowed in HTML text or XML 1.0.
const illegalChars = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function stripIllegalXmlChars(s: string): string {
  return s.replace(illegalChars, '');
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return stripIllegalXmlChars(s).replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

/**
 * Escapes text for element content only (never an attribute): quotes need no escaping there, and leaving them
 * keeps JSON evidence about a third smaller.
 */
export function escapeText(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return stripIllegalXmlChars(s).replace(/[&<>]/g, (c) => htmlEntities[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and U+2028/2029 become \u escapes, so
 * neither `</script>` nor `<!--` can end the block early, and the text is still valid JSON.
 */
export function escapeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes XML element text. */
export function escapeXml(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return stripIllegalXmlChars(s).replace(/[&<>"']/g, (c) => xmlEntities[c]!);
}

/** Escapes an XML attribute value; line breaks become character references so parsers keep them. */
export function escapeXmlAttr(value: unknown): string {
  return escapeXml(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

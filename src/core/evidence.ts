// Evidence as every runner keeps it: an exchange's body is capped, since the full body is never needed to judge,
// only to show.

const EVIDENCE_BODY_LIMIT = 16_384;

/** Caps a body kept as evidence. */
export function clip(text: string | undefined | null): { body: string | null; truncated?: boolean } {
  if (text === undefined || text === null) return { body: null };
  if (text.length <= EVIDENCE_BODY_LIMIT) return { body: text };
  return { body: `${text.slice(0, EVIDENCE_BODY_LIMIT)}…`, truncated: true };
}

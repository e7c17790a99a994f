/** A POSIX shell single-quoted word: what a pasted replay line needs to carry any text unchanged. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

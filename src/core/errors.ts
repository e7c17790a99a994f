/** A problem with how paycert was called or configured: one line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * JSON.parse's complaint as one whole line: the reason and where (line and column), never a cut-off excerpt of the
 * text (which may hold a secret, and which node shortens mid-token).
 */
export function jsonErrorText(err: unknown, text: string): string {
  const message = (err as Error)?.message ?? String(err);
  const at = /^(.*?)(?: in JSON)? at position (\d+)/s.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[2]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${at[1]!.trim()} at line ${line}, column ${column}`;
  }
  const token = /^Unexpected token '(.+?)', /s.exec(message);
  if (token) return `unexpected ${JSON.stringify(token[1])} where a JSON value was expected`;
  if (/Unexpected end of JSON input/.test(message)) return 'the text ends before the JSON does';
  return message.split('\n')[0]!;
}

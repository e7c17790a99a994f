// A JSON reader that keeps every number's source text, because Lesspay signs numbers "as written" (L3):
// JSON.parse would turn `100.50` into 100.5 and break the signature.

export class RawNumber {
  constructor(readonly text: string) {}
  valueOf(): number {
    return Number(this.text);
  }
  toJSON(): number {
    return Number(this.text);
  }
}

export type JsonValue = null | boolean | string | RawNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Finds the closing quote; JSON.parse of the slice then rejects bad escapes and raw control characters.
const STRING = /"(?:[^"\\]|\\[\s\S])*"/y;
// What only JSON.parse may judge inside a string: an escape or a raw control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding a raw control character is the point
const NEEDS_PARSE = /[\\\u0000-\u001f]/;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.pos}`);
  }

  skip(): void {
    WS.lastIndex = this.pos;
    WS.exec(this.text);
    this.pos = WS.lastIndex;
  }

  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }

  literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  value(depth: number): JsonValue {
    if (depth > 64) this.fail('nesting too deep');
    this.skip();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    if (this.literal('null')) return null;
    const n = this.match(NUMBER);
    if (n !== undefined) return new RawNumber(n);
    return this.fail('unexpected token');
  }

  string(): string {
    const s = this.match(STRING);
    if (s === undefined) this.fail('bad string');
    // Most strings hold neither: their text is their value.
    if (!NEEDS_PARSE.test(s)) return s.slice(1, -1);
    try {
      return JSON.parse(s) as string;
    } catch {
      return this.fail('bad string');
    }
  }

  object(depth: number): JsonObject {
    // A null-prototype object so a "__proto__" key is plain data.
    const out: JsonObject = Object.create(null);
    this.pos++;
    this.skip();
    if (this.literal('}')) return out;
    for (;;) {
      this.skip();
      const key = this.string();
      this.skip();
      if (!this.literal(':')) this.fail('expected ":"');
      out[key] = this.value(depth + 1);
      this.skip();
      if (this.literal('}')) return out;
      if (!this.literal(',')) this.fail('expected "," or "}"');
    }
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    this.skip();
    if (this.literal(']')) return out;
    for (;;) {
      out.push(this.value(depth + 1));
      this.skip();
      if (this.literal(']')) return out;
      if (!this.literal(',')) this.fail('expected "," or "]"');
    }
  }
}

const NEEDS_READER = Symbol('needs the reader');

function engineParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NEEDS_READER;
  }
}

/**
 * The engine's parse result in the reader's shape (null-prototype objects), or NEEDS_READER when it holds a number
 * (whose text only the reader keeps) or nests deeper than the reader allows.
 */
function fromEngine(v: unknown, depth: number): JsonValue | typeof NEEDS_READER {
  if (depth > 64) return NEEDS_READER;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v !== 'object') return NEEDS_READER;
  if (Array.isArray(v)) {
    const out: JsonValue[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = fromEngine(v[i], depth + 1);
      if (x === NEEDS_READER) return x;
      out[i] = x;
    }
    return out;
  }
  const out: JsonObject = Object.create(null);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = fromEngine(o[k], depth + 1);
    if (x === NEEDS_READER) return x;
    out[k] = x;
  }
  return out;
}

/** Parses JSON text; numbers become RawNumber. Throws SyntaxError on bad input. */
export function parseJson(text: string): JsonValue {
  // Lesspay bodies hold no numbers as a rule (amounts are strings, L3), and the engine's parser is several times
  // faster than the reader: the mock answers every request through here. A number, bad JSON or deep nesting goes to
  // the reader, so the value, or the error, is the reader's own in every case.
  const engine = engineParse(text);
  if (engine !== NEEDS_READER) {
    const value = fromEngine(engine, 0);
    if (value !== NEEDS_READER) return value;
  }
  return readJson(text);
}

/** The reader alone: what parseJson gives for every text, number or not (json.spec.ts holds the two equal). */
export function readJson(text: string): JsonValue {
  const r = new Reader(text);
  const v = r.value(0);
  r.skip();
  if (r.pos !== text.length) r.fail('trailing characters');
  return v;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawNumber);
}

/** Compact JSON text; RawNumber keeps its source text. */
export function compactJson(v: unknown): string {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : compactJson(x))).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v))
      if (x !== undefined) parts.push(`${JSON.stringify(k)}:${compactJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Converts RawNumber leaves to plain numbers (for echoing stored values). */
export function toPlain(v: unknown): unknown {
  if (v instanceof RawNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
    return out;
  }
  return v;
}

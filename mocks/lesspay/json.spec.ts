import { expect } from 'chai';
import fc from 'fast-check';
import { compactJson, type JsonValue, parseJson, RawNumber, readJson } from './json.js';

// parseJson takes the engine's parser for number-free text and the reader otherwise; either way the value (or the
// error) must be the reader's, down to null-prototype objects.

function shape(v: JsonValue): unknown {
  if (v instanceof RawNumber) return { number: v.text };
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object' && v !== null)
    return { proto: Object.getPrototypeOf(v), entries: Object.entries(v).map(([k, x]) => [k, shape(x)]) };
  return v;
}

function outcome(parse: (t: string) => JsonValue, text: string): unknown {
  try {
    return shape(parse(text));
  } catch (e) {
    return { error: (e as Error).message, syntax: e instanceof SyntaxError };
  }
}

const key = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', '1', '0', '10', 'a'),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom(null, true, false, ''),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((pairs) => pairs),
  ),
})).v;

/** JSON text of a generated value: pairs become objects written member by member, so keys may repeat. */
function text(v: unknown): string {
  if (Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string'))
    return `{${v.map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(text).join(', ')}]`;
  return JSON.stringify(v);
}

describe('lesspay mock: parseJson equals the reader', () => {
  it('on generated number-free texts (the fast path), repeated keys and "__proto__" included', () => {
    fc.assert(
      fc.property(value, (v) => {
        const t = text(v);
        expect(outcome(parseJson, t)).to.deep.equal(outcome(readJson, t));
      }),
      { numRuns: 500 },
    );
  });

  it('on texts the fast path hands to the reader: numbers, bad JSON, deep nesting', () => {
    const deep = (n: number) => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
    const texts = [
      '{"a":"1","b":2}',
      '{"amount":100.50,"n":[1e3,-0]}',
      '{"__proto__":"x","a":{"__proto__":null}}',
      '{"a":"x","b":"y","a":"z"}',
      '{"2":"b","1":"a","x":"c"}',
      '',
      ' ',
      '{"a":1,}',
      '\ufeff{}',
      '{"a":"x\u0001"}',
      deep(64),
      deep(65),
      '{"a":"\\ud800"}',
    ];
    for (const t of texts)
      expect(outcome(parseJson, t), JSON.stringify(t)).to.deep.equal(outcome(readJson, t));
    expect(outcome(parseJson, deep(65))).to.deep.include({ syntax: true });
    expect(compactJson(parseJson('{"amount":100.50}'))).to.equal('{"amount":100.50}');
  });
});

import { expect } from 'chai';
import { diffLines, diffValues, stableJson } from './diff.js';

const render = (ops: ReturnType<typeof diffLines>) =>
  ops.map((o) => `${o.op === 'equal' ? ' ' : o.op === 'removed' ? '-' : '+'}${o.line}`);

describe('report diff', () => {
  it('aligns common lines and marks the rest', () => {
    expect(render(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']))).to.deep.equal([
      ' a',
      '-b',
      '+x',
      ' c',
      ' d',
      '+e',
    ]);
  });

  it('finds the longest common subsequence, not just prefix and suffix', () => {
    const ops = diffLines(['1', 'a', '2', 'b', '3'], ['a', 'x', 'b', 'y']);
    expect(ops.filter((o) => o.op === 'equal').map((o) => o.line)).to.deep.equal(['a', 'b']);
    // Replaying the ops rebuilds both sides.
    expect(ops.filter((o) => o.op !== 'added').map((o) => o.line)).to.deep.equal(['1', 'a', '2', 'b', '3']);
    expect(ops.filter((o) => o.op !== 'removed').map((o) => o.line)).to.deep.equal(['a', 'x', 'b', 'y']);
  });

  it('handles empty sides and identical input', () => {
    expect(render(diffLines([], ['a']))).to.deep.equal(['+a']);
    expect(render(diffLines(['a'], []))).to.deep.equal(['-a']);
    expect(render(diffLines(['a', 'b'], ['a', 'b']))).to.deep.equal([' a', ' b']);
  });

  it('falls back to remove-then-add on inputs too large to align', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(ops).to.have.length(6000);
    expect(ops[0]!.op).to.equal('removed');
    expect(ops[5999]!.op).to.equal('added');
  });

  it('diffs pretty JSON with sorted keys, so key order is not a difference', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).to.equal(
      '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}',
    );
    const ops = diffValues({ code: 1002, msg: 'x' }, { msg: 'x', code: 0 });
    expect(render(ops)).to.deep.equal([' {', '-  "code": 1002,', '+  "code": 0,', '   "msg": "x"', ' }']);
  });

  it('keeps the string "404" distinguishable from the number 404', () => {
    expect(render(diffValues(404, '404'))).to.deep.equal(['-404', '+"404"']);
    expect(render(diffValues('HTTP 404', 'HTTP 500'))).to.deep.equal(['-HTTP 404', '+HTTP 500']);
  });
});

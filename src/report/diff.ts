// A small line diff written here rather than pulled in as a dependency: reports only need line granularity on
// pretty-printed JSON, and the classic LCS table is a dozen lines.

export type DiffOp = { op: 'equal' | 'removed' | 'added'; line: string };

/** Above this many table cells the middle is shown as removed-then-added instead of being aligned. */
const MAX_CELLS = 4_000_000;

/** Line diff of a → b by longest common subsequence; common prefix and suffix are trimmed first. */
export function diffLines(a: string[], b: string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffOp[] = a.slice(0, start).map((line) => ({ op: 'equal', line }));
  const tail: DiffOp[] = a.slice(endA).map((line) => ({ op: 'equal', line }));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  let middle: DiffOp[];
  if (n * m > MAX_CELLS) {
    middle = [
      ...x.map((line): DiffOp => ({ op: 'removed', line })),
      ...y.map((line): DiffOp => ({ op: 'added', line })),
    ];
  } else {
    // lcs[i][j] = length of the LCS of x[i..] and y[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          x[i] === y[j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    middle = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        middle.push({ op: 'equal', line: x[i]! });
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
        middle.push({ op: 'removed', line: x[i++]! });
      } else {
        middle.push({ op: 'added', line: y[j++]! });
      }
    }
    while (i < n) middle.push({ op: 'removed', line: x[i++]! });
    while (j < m) middle.push({ op: 'added', line: y[j++]! });
  }
  return [...head, ...middle, ...tail];
}

/** JSON.stringify with object keys sorted, so key order never shows up as a difference. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) ?? String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * Text shown for an expected/received value: strings as they are when both sides are strings (a message reads
 * better unquoted), otherwise pretty JSON so that `"404"` and `404` stay distinguishable.
 */
export function displayPair(expected: unknown, received: unknown): [string, string] {
  if (typeof expected === 'string' && typeof received === 'string') return [expected, received];
  return [stableJson(expected), stableJson(received)];
}

/** Diff of expected → received: removed lines are what was expected, added lines what was received. */
export function diffValues(expected: unknown, received: unknown): DiffOp[] {
  const [a, b] = displayPair(expected, received);
  return diffLines(a.split('\n'), b.split('\n'));
}

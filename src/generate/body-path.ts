// Reading and replacing a member of a request body by its path: what the generated checks' kits build bodies with.
// A path segment `[]` (EACH) goes through an array's elements.
import { Derived } from './corners.js';
import { EACH } from './schema-walk.js';

export type Body = Record<string, any>;

/** The value at `path`; an array segment (`[]`) reads the first element. */
export function getAt(body: Body, path: string[]): unknown {
  return path.reduce<any>(
    (o, k) =>
      o === undefined || o === null ? undefined : k === EACH ? (Array.isArray(o) ? o[0] : undefined) : o[k],
    body,
  );
}

/** Where a path through an array (`[]`) lands: every element, the first or the last. */
export type Element = 'every' | 'first' | 'last';

/**
 * A deep copy of `body` with the value at `path` replaced (undefined: removed; a Derived value is computed from the
 * value it replaces). An array segment (`[]`) lands on `element`: negative cases break the last element only, so a
 * target that validates only the first detail of a batch is caught; positive ones change the first, so a value that
 * must stay unique per element (a detail's id) stays unique.
 */
export function setAt(body: Body, path: string[], value: unknown, element: Element = 'every'): Body {
  const copy = structuredClone(body);
  put(copy, path, value, element);
  return copy;
}

function put(node: any, path: string[], value: unknown, element: Element): void {
  const [k, ...rest] = path;
  if (k === EACH) {
    const items = element === 'first' ? node.slice(0, 1) : element === 'last' ? node.slice(-1) : node;
    for (const item of items) if (item !== null && typeof item === 'object') put(item, rest, value, element);
    return;
  }
  if (rest.length === 0) {
    if (value instanceof Derived) node[k] = value.of(node[k]);
    else if (value !== undefined) node[k] = value;
    else if (Array.isArray(node)) node.splice(Number(k), 1);
    else delete node[k];
    return;
  }
  if (rest[0] === EACH) {
    if (!Array.isArray(node[k]) || node[k].length === 0) node[k] = [{}];
  } else if (node[k] === undefined || node[k] === null || typeof node[k] !== 'object') node[k] = {};
  put(node[k], rest, value, element);
}

// Reading and replacing a member of a request body by its path: what the generated checks' kits build bodies with.

export type Body = Record<string, any>;

export function getAt(body: Body, path: string[]): unknown {
  return path.reduce<any>((o, k) => (o === undefined || o === null ? undefined : o[k]), body);
}

/** A deep copy of `body` with the value at `path` replaced (undefined: removed). */
export function setAt(body: Body, path: string[], value: unknown): Body {
  const copy = structuredClone(body);
  let node: any = copy;
  for (const k of path.slice(0, -1)) {
    if (node[k] === undefined || node[k] === null) node[k] = {};
    node = node[k];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

// paycert.config.json: JSON with comments (jsonc-parser, which reports where a problem is), checked against
// schemas/paycert/config.schema.json. Every problem is one line naming file, line and column.
import { readFileSync } from 'node:fs';
import {
  findNodeAtLocation,
  getNodeValue,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { UsageError } from '../core/errors.js';
import { explain, validatorFor } from '../core/schema-registry.js';

export type Section = 'run' | 'audit' | 'webhook-test';
export type Options = Record<string, unknown>;

export interface Config {
  path: string;
  /** The options of a command for a gateway (or for every gateway): the gateway's own over the common ones. */
  options(section: Section, gateway?: string): Options;
}

/** Where a secret goes instead of the file, by the key a user might try; a gateway's own keys are given by the caller
 * (`secretHomes`, from the gateway registry: the config room sits below the gateways). */
const SECRET_HOME: Record<string, string> = {
  bundleKey: 'PAYCERT_BUNDLE_KEY',
  token: 'PACT_BROKER_TOKEN',
  brokerToken: 'PACT_BROKER_TOKEN',
  password: 'an environment variable',
  secret: 'an environment variable',
};

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** Reads and checks a config file; a problem is a UsageError "FILE:LINE:COL: what". */
export function loadConfig(
  path: string,
  shown = path,
  secretHomes: Readonly<Record<string, string>> = {},
): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config file ${shown}: ${(err as NodeJS.ErrnoException).code}`);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const e = errors[0];
    const where = e ? lineColumn(text, e.offset) : '1:1';
    throw new UsageError(
      `${shown}:${where}: not valid JSON: ${e ? words(printParseErrorCode(e.error)) : 'empty file'}`,
    );
  }
  const data = getNodeValue(tree) as unknown;
  const at = (node: Node | undefined) => `${shown}:${lineColumn(text, node?.offset ?? 0)}`;
  // A secret is named with where it belongs before any other problem: the schema alone would only say "not allowed".
  const secret = findSecret(tree, [], secretHomes);
  if (secret) {
    const key = secret.path.at(-1) as string;
    const home = secretHomes[key] ?? SECRET_HOME[key] ?? 'a path to the PEM file';
    throw new UsageError(
      `${at(secret.node)}: ${key} is a secret and never goes in the config file: use ${home}`,
    );
  }
  const check = validatorFor('paycert/config.schema.json');
  if (!check(data)) {
    // The most useful problem first: an unknown option (a typo) named by its key, else the schema's own words.
    const errors = check.errors ?? [];
    const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0]!;
    const segments = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map(decodePointer);
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const node = findNodeAtLocation(tree, [...segments, key]);
      const where = segments.length ? `in ${segments.join('.')}` : 'at the top level';
      throw new UsageError(
        `${at(node?.parent?.children?.[0] ?? node)}: unknown option "${key}" ${where} (see schemas/paycert/config.schema.json)`,
      );
    }
    const node = findNodeAtLocation(tree, segments);
    const problem = explain([e], data)[0]!;
    throw new UsageError(
      `${at(node)}: ${segments.join('.') || 'the file'}: ${problem.message.replace(/^\S+ /, '')}`,
    );
  }
  const config = data as Record<string, Options | Record<string, Record<string, Options>>>;
  return {
    path,
    options(section, gateway) {
      const common = (config[section] as Options | undefined) ?? {};
      const own = gateway
        ? ((config.gateways as Record<string, Record<string, Options>>)?.[gateway]?.[section] ?? {})
        : {};
      return { ...common, ...own };
    },
  };
}

/** jsonc-parser names its errors in CamelCase (CommaExpected): "comma expected". */
const words = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const decodePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Keys that hold a PEM file's path: a secret only when the PEM itself is pasted in. */
const PEM_KEYS = ['privateKey', 'platformPublicKey'];

function findSecret(
  node: Node,
  path: (string | number)[],
  homes: Readonly<Record<string, string>>,
): { node: Node; path: (string | number)[] } | undefined {
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      if ((key in SECRET_HOME || key in homes) && !PEM_KEYS.includes(key))
        return { node: keyNode, path: [...path, key] };
      if (
        PEM_KEYS.includes(key) &&
        typeof valueNode.value === 'string' &&
        valueNode.value.includes('-----BEGIN')
      )
        return { node: valueNode, path: [...path, key] };
      const inner = findSecret(valueNode, [...path, key], homes);
      if (inner) return inner;
    }
  }
  return undefined;
}

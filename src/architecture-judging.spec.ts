import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import ts from 'typescript';

// One judging path (issue 25): every runner (run, verify, audit, proxy, webhook-test) hands its findings and typed
// failures to src/core/outcome.ts, and every verdict comes from src/core/verdict.ts. Grepping for function names
// let a runner set statuses itself and pass, so these rules read the syntax tree.
//
// The rules, precisely, for the TypeScript under src/, suites/ and gateways/ outside src/core/ (spec files, testkits,
// fixtures and mocks excepted: test data, and an independent gateway implementation whose `status` is a payment's):
// 1. No check status is written. A status literal (a member of `Status` in core/results.ts: 'passed', 'failed', …)
//    is *written* when it is the value of an object property named `status`, of an assignment to `status`, `x.status`
//    or `x['status']`, of a variable, parameter or field named `status` or typed `Status`, or returned by a function
//    declared to return `Status`. The value is looked
//    through parentheses, `as`/`satisfies`/`!`, both arms of `?:` and the operands of `??`, `||`, `&&` and `,`.
//    Reading is not writing: `c.status === 'failed'`, `case 'passed':`, `['failed', 'error'].includes(c.status)`,
//    a `Record<Status, …>`'s keys.
// 2. No verdict is overwritten or spelled: no assignment to `verdict`, `x.verdict` or `x['verdict']` whatever its
//    value, and no verdict literal (a member of `Verdict`) as the value of a property, variable, parameter or field
//    named `verdict` or typed `Verdict`, or returned by a function declared to return `Verdict`.
// 3. Commands and the CLI compute no verdict: under src/commands/ and src/cli/ no property, variable, parameter or
//    field named `verdict` is given a value at all (they read results.verdict; core/verdict.ts judged it).

const root = fileURLToPath(new URL('../', import.meta.url));

/** The string members of a union type alias declared in src/core/results.ts. */
function unionMembers(name: string): Set<string> {
  const file = join(root, 'src/core/results.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name,
  );
  if (!alias || !ts.isUnionTypeNode(alias.type))
    throw new Error(`no union type ${name} in src/core/results.ts`);
  return new Set(
    alias.type.types.flatMap((t) =>
      ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
    ),
  );
}

const STATUSES = unionMembers('Status');
const VERDICTS = unionMembers('Verdict');

/** The string literals an expression can evaluate to, looked through as rule 1 says. */
function literalsOf(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) return literalsOf(node.expression);
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node))
    return literalsOf(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.CommaToken) return literalsOf(node.right);
    if (
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.AmpersandAmpersandToken
    )
      return [...literalsOf(node.left), ...literalsOf(node.right)];
  }
  return [];
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** The name a property, assignment target or declaration gives the value, if it names one. */
function nameOf(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node) || ts.isStringLiteral(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))
    return node.argumentExpression.text;
  return undefined;
}

/** A type annotation that names the type alias (`Status`, `Verdict`, or a union holding it). */
function typed(type: ts.TypeNode | undefined, alias: string): boolean {
  if (!type) return false;
  if (ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) && type.typeName.text === alias;
  if (ts.isUnionTypeNode(type)) return type.types.some((t) => typed(t, alias));
  return false;
}

/** The declared return type of the function a `return` belongs to. */
function returnType(node: ts.Node): ts.TypeNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n.type;
  return undefined;
}

interface Written {
  /** What receives the value: `status`, `verdict`, … */
  name: string;
  /** Whether it is typed as the alias the rule is about. */
  typedAs: (alias: string) => boolean;
  value: ts.Expression;
  /** An assignment expression (overwrites), rather than a property or declaration (writes once). */
  assignment: boolean;
  line: number;
}

const parsed = new Map<string, Written[]>();

/** Every value the source writes under a name: object properties, assignments, declarations with a value. */
function writes(fileName: string, text: string): Written[] {
  const key = `${fileName}\u0000${text}`;
  if (!parsed.has(key)) parsed.set(key, collect(fileName, text));
  return parsed.get(key)!;
}

function collect(fileName: string, text: string): Written[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: Written[] = [];
  const line = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = nameOf(node.name);
      if (name)
        out.push({
          name,
          typedAs: () => false,
          value: node.initializer,
          assignment: false,
          line: line(node),
        });
    } else if (ts.isShorthandPropertyAssignment(node)) {
      out.push({
        name: node.name.text,
        typedAs: () => false,
        value: node.name,
        assignment: false,
        line: line(node),
      });
    } else if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) {
      const name = nameOf(node.left);
      if (name)
        out.push({ name, typedAs: () => false, value: node.right, assignment: true, line: line(node) });
    } else if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyDeclaration(node)) &&
      node.initializer
    ) {
      const name = ts.isIdentifier(node.name) ? node.name.text : '';
      const type = node.type;
      out.push({
        name,
        typedAs: (alias) => typed(type, alias),
        value: node.initializer,
        assignment: false,
        line: line(node),
      });
    } else if (ts.isReturnStatement(node) && node.expression) {
      const type = returnType(node);
      out.push({
        name: '',
        typedAs: (alias) => typed(type, alias),
        value: node.expression,
        assignment: false,
        line: line(node),
      });
    } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      const type = node.type;
      out.push({
        name: '',
        typedAs: (alias) => typed(type, alias),
        value: node.body,
        assignment: false,
        line: line(node),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Rule 1: where the source writes a check status. */
function statusWrites(fileName: string, text: string): string[] {
  return writes(fileName, text)
    .filter((w) => w.name === 'status' || w.typedAs('Status'))
    .filter((w) => literalsOf(w.value).some((l) => STATUSES.has(l)))
    .map((w) => `${fileName}:${w.line}: writes status ${literalsOf(w.value).join(' | ')}`);
}

/** Rules 2 and 3: where the source overwrites or spells a verdict, or (`command`) gives one a value at all. */
function verdictWrites(fileName: string, text: string, command: boolean): string[] {
  return writes(fileName, text)
    .filter((w) => w.name === 'verdict' || w.typedAs('Verdict'))
    .flatMap((w) => {
      const where = `${fileName}:${w.line}`;
      if (w.assignment) return [`${where}: overwrites a verdict`];
      const spelled = literalsOf(w.value).filter((l) => VERDICTS.has(l));
      if (spelled.length) return [`${where}: writes verdict ${spelled.join(' | ')}`];
      if (command && w.name === 'verdict') return [`${where}: computes a verdict in a command`];
      return [];
    });
}

/** The harness's own sources outside core/: what judges, so what the rules hold for. */
function judgedSources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    // Mocks are an independent implementation of a gateway (their `status` is a payment's), not the harness.
    if (['node_modules', 'fixtures', 'mock', 'mocks'].includes(name)) return [];
    if (statSync(join(root, path)).isDirectory())
      return path === join('src', 'core') ? [] : judgedSources(path);
    return /\.ts$/.test(name) && !/\.(spec|testkit|d)\.ts$/.test(name) ? [path] : [];
  });
}

const COMMAND_ROOMS = [join('src', 'commands') + sep, join('src', 'cli') + sep];

describe('architecture: one judging path for every runner (issue 25)', () => {
  // The harness, its checks, and gateway folders where they live (issue 25 moves checks into gateways/<name>/).
  const files = ['src', 'suites', 'gateways'].filter((d) => existsSync(join(root, d))).flatMap(judgedSources);
  const text = (f: string) => readFileSync(join(root, f), 'utf8');

  it('reads the statuses and verdicts from core/results.ts', () => {
    expect([...STATUSES]).to.include.members(['passed', 'failed', 'skipped', 'error']);
    expect([...VERDICTS]).to.include.members(['certified', 'not-certified', 'error', 'interrupted']);
    expect(files.length).to.be.greaterThan(50);
    expect(files.filter((f) => f.startsWith(join('src', 'core') + sep))).to.deep.equal([]);
  });

  it('no check status is written outside src/core/ (runners return outcomes through core/outcome)', () => {
    expect(files.flatMap((f) => statusWrites(relative(root, join(root, f)), text(f)))).to.deep.equal([]);
  });

  it('no verdict is overwritten or spelled outside src/core/, and commands compute none (core/verdict)', () => {
    const found = files.flatMap((f) =>
      verdictWrites(
        f,
        text(f),
        COMMAND_ROOMS.some((room) => f.startsWith(room)),
      ),
    );
    expect(found).to.deep.equal([]);
  });

  describe('the rules catch a planted violation, and let reading pass', () => {
    const planted = `
      import type { Status } from '../core/results.js';
      export function judge(r: { status: string; verdict: string }, ok: boolean) {
        const a = { id: 'X', status: 'failed' };
        const b = { status: ok ? 'passed' : ('error' as const) };
        r.status = 'skipped';
        let s: Status = 'passed';
        r['verdict'] = 'certified';
        const g = { verdict: 'not-certified' as const };
        return { a, b, s, g };
      }
      const worst = (): Verdict => 'error';
      function statusOf(ok: boolean): Status { return ok ? 'passed' : 'failed'; }`;
    const reading = `
      export function read(c: { status: string; verdict: string }, code: number) {
        if (c.status === 'failed' || c.status !== 'error') return 1;
        switch (c.status) { case 'passed': return 0; }
        const counted = ['failed', 'error'].includes(c.status);
        const severity: Record<string, number> = { failed: 3, error: 2 };
        const http = { status: code, kind: 'error' };
        const copy = { verdict: c.verdict };
        return { counted, severity, http, copy };
      }`;

    it('rule 1 finds every written status, with its line', () => {
      expect(statusWrites('planted.ts', planted)).to.deep.equal([
        'planted.ts:4: writes status failed',
        'planted.ts:5: writes status passed | error',
        'planted.ts:6: writes status skipped',
        'planted.ts:7: writes status passed',
        'planted.ts:13: writes status passed | failed',
      ]);
      expect(statusWrites('reading.ts', reading)).to.deep.equal([]);
    });

    it('rules 2 and 3 find an overwritten or spelled verdict, and one computed in a command', () => {
      expect(verdictWrites('planted.ts', planted, false)).to.deep.equal([
        'planted.ts:8: overwrites a verdict',
        'planted.ts:9: writes verdict not-certified',
        'planted.ts:12: writes verdict error',
      ]);
      expect(verdictWrites('reading.ts', reading, false)).to.deep.equal([]);
      expect(verdictWrites('src/commands/x.ts', reading, true)).to.deep.equal([
        'src/commands/x.ts:8: computes a verdict in a command',
      ]);
    });
  });
});

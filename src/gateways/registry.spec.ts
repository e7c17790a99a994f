import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { catalogueFiles } from '../core/catalogue.js';
import { codeExt, codeRoot } from '../core/paths.js';
import { probeFiles } from '../engine/runner.js';
import { SHIPPED_CARDS } from './cards.js';
import { codeFolder, dataFolder, gatewayNames, gateways } from './index.js';

// Issue 25, "one folder per gateway": what paycert knows of a gateway is in its folder (src/gateways/<name>/), and
// the rest of src/ asks the registry. This scans src/ for what would name a gateway elsewhere: its name as a string
// literal (the branch `gateway === '<name>'`), and the spellings its model owns (endpoint paths, credential variables).
//
// Test files are not scanned: a test names the gateway it tests on purpose, and test-only rooms are moving to test/.
// No file is left to move: a file that names a gateway or spells its model fails the scan, and its knowledge goes into
// the gateway's folder (data typed in src/gateways/model.ts) or is read from the registry.

const SRC = join(codeRoot, 'src');

const TEST_ONLY =
  /\.(spec|testkit)\.[cm]?[tj]s$|^(cli-tests|hostile|selftest|report\/fixtures|drivers\/testing)\//;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return codeFiles(path);
    return /\.[cm]?[tj]s$/.test(e.name) ? [path] : [];
  });
}

/** The non-test files of src/ outside the gateway registry, relative to src/. */
function scanned(): { file: string; text: string }[] {
  return codeFiles(SRC)
    .map((path) => relative(SRC, path).split('\\').join('/'))
    .filter((file) => !file.startsWith('gateways/') && !TEST_ONLY.test(file))
    .map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('one folder per gateway (src/gateways)', () => {
  it('each registered gateway is a folder of its own under src/gateways/', () => {
    const folders = readdirSync(join(SRC, 'gateways'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort()).to.deep.equal([...gatewayNames()].sort());
  });

  it("the help's cards (cards.ts) are the registry's gateways, in its order, saying what their models say", () => {
    expect(SHIPPED_CARDS.map((c) => c.name)).to.deep.equal(gatewayNames());
    for (const [i, g] of gateways().entries()) {
      const card = SHIPPED_CARDS[i]!;
      expect(card.displayName, g.name).to.equal(g.displayName);
      expect(card.flagVars, g.name).to.deep.equal(g.credentials.flagVars);
      expect(card.flagHelp, g.name).to.deep.equal(g.credentials.flagHelp);
      expect(card.webhookSecret, g.name).to.equal(g.credentials.webhookSecret);
      expect(card.handlerChecks, g.name).to.equal(g.locations.handler !== undefined);
    }
  });

  it("every location a gateway model names holds the gateway's files", () => {
    for (const g of gateways()) {
      const { mock, client, handler, pact } = g.locations;
      expect(existsSync(`${codeFolder(mock)}index${codeExt}`), `${g.name} mock`).to.equal(true);
      expect(probeFiles(g.name), `${g.name} probes`).to.not.be.empty;
      for (const file of catalogueFiles(g.name)) expect(existsSync(file), file).to.equal(true);
      // Data files by their path; modules by their path without extension, as they run (dataFolder and codeFolder
      // end in a separator).
      const data = [client?.catalogue, handler?.catalogue].flatMap((f) =>
        f ? [dataFolder(f).slice(0, -1)] : [],
      );
      const code = [client?.rules, handler?.cases, pact?.states].flatMap((m) =>
        m ? [`${codeFolder(m).slice(0, -1)}${codeExt}`] : [],
      );
      for (const path of [...data, ...code]) expect(existsSync(path), path).to.equal(true);
    }
  });

  it('no file under src/ names a gateway outside the registry', () => {
    const literal = new RegExp(`(['"\`])(${gatewayNames().map(escapeRegExp).join('|')})\\1`);
    const naming = scanned()
      .filter(({ text }) => literal.test(text))
      .map(({ file }) => file);
    expect(naming).to.deep.equal([]);
  });

  it("no file under src/ spells a gateway model's endpoint paths or credential variables", () => {
    const spellings = gateways().flatMap((g) => [
      ...Object.values(g.endpoints).map((e) => e.path),
      ...g.credentials.required,
      ...Object.values(g.credentials.flagVars),
      g.credentials.baseUrl,
      g.credentials.webhookSecret,
    ]);
    const spelled = new RegExp(
      `(?<![\\w])(${[...new Set(spellings)].map(escapeRegExp).join('|')})(?![\\w/-])`,
    );
    const spelling = scanned()
      .filter(({ text }) => spelled.test(text))
      .map(({ file }) => file);
    expect(spelling).to.deep.equal([]);
  });

  it('the scans catch what they look for (a file naming a gateway, or spelling its path)', () => {
    const [first] = gateways();
    const literal = new RegExp(`(['"\`])(${gatewayNames().map(escapeRegExp).join('|')})\\1`);
    expect(literal.test(`if (gateway === '${first.name}') return;`)).to.equal(true);
    expect(literal.test(`import { x } from './${first.name}/index.js';`)).to.equal(false);
    const path = Object.values(first.endpoints)[0].path;
    expect(new RegExp(`${escapeRegExp(path)}(?![\\w/-])`).test(`post('${path}', body)`)).to.equal(true);
  });
});

import { expect } from 'chai';
import { clientCatalogue } from './audit/index.js';
import { scenarios } from './audit/scenarios.js';
import { checksMarkdown } from './checks-doc.js';
import { GATEWAYS, readingsOf } from './engine/catalogue.js';
import { handlerCatalogue } from './webhooks/handler-runner.js';

// docs/checks.md must list every check paycert runs, whichever command runs it; src/engine/catalogue.spec.ts keeps
// the committed file equal to this output.

const markdown = checksMarkdown();
const rowOf = (id: string) => markdown.split('\n').filter((line) => line.startsWith(`| ${id} |`));

describe('docs/checks.md generator', () => {
  for (const gateway of GATEWAYS) {
    it(`${gateway}: lists every client check once, with its level, linked reading, title and scenarios`, () => {
      const wrong: string[] = [];
      for (const c of clientCatalogue(gateway).checks) {
        const rows = rowOf(c.id);
        const anchor = readingsOf(gateway)[c.reading]!.anchor;
        const named = scenarios()
          .filter((s) => s.gateway === gateway && s.checks.includes(c.id))
          .map((s) => s.name);
        const cells = rows[0]?.split(' | ') ?? [];
        if (
          rows.length !== 1 ||
          cells[1] !== c.level ||
          cells[2] !== `[${c.reading}](profile.md#${anchor})` ||
          !rows[0]!.includes(c.title) ||
          cells[4] !== (named.map((n) => `\`${n}\``).join(', ') || 'every run')
        )
          wrong.push(`${c.id}: ${rows.join(' / ') || 'no row'}`);
      }
      expect(wrong).to.deep.equal([]);
    });

    it(`${gateway}: lists every --scenario case with the checks it runs`, () => {
      for (const s of scenarios().filter((x) => x.gateway === gateway))
        expect(markdown).to.include(`| \`${s.name}\` | ${s.description} | ${s.checks.join(', ')} |`);
    });

    it(`${gateway}: lists every webhook handler check once, with its level, linked reading and title`, () => {
      const wrong: string[] = [];
      for (const c of handlerCatalogue(gateway).checks) {
        const rows = rowOf(c.id);
        const cells = rows[0]?.split(' | ') ?? [];
        const anchor = readingsOf(gateway)[c.reading]!.anchor;
        if (rows.length !== 1 || cells[1] !== c.level || cells[2] !== `[${c.reading}](profile.md#${anchor})`)
          wrong.push(`${c.id}: ${rows.join(' / ') || 'no row'}`);
        else if (!rows[0]!.includes(c.title)) wrong.push(`${c.id}: title missing`);
      }
      expect(wrong).to.deep.equal([]);
    });
  }
});

import { type Catalogue, catalogue, GATEWAYS } from './catalogue.js';

// docs/checks.md is generated from the catalogues, so the list a gateway team reads is the list paycert runs.

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function section(cat: Catalogue): string[] {
  const name = cat.gateway === 'lesspay' ? 'Lesspay 2.0' : 'Payloco';
  const must = cat.checks.filter((c) => c.level === 'MUST').length;
  const lines = [
    `## ${name}`,
    '',
    `${cat.checks.length} checks: ${must} MUST, ${cat.checks.length - must} SHOULD.`,
    '',
    '| ID | level | reading | endpoint | check | source |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of cat.checks) {
    const url = cat.docs[c.spec.section];
    const note = c.note ? ` _(${escapeCell(c.note)})_` : '';
    lines.push(
      `| ${c.id} | ${c.level} | ${c.reading} | ${c.endpoint} | ${escapeCell(c.title)}${note} | [${escapeCell(c.spec.section)}](${url}) |`,
    );
  }
  return [...lines, ''];
}

export function checksMarkdown(): string {
  return [
    '# paycert checks',
    '',
    'Generated from `suites/catalogue/*.json` by `npm run docs:checks`; do not edit by hand.',
    'MUST failures fail the certification; SHOULD failures are warnings unless `--strict`.',
    '',
    ...GATEWAYS.flatMap((g) => section(catalogue(g))),
  ].join('\n');
}

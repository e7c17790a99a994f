import { type Catalogue, type CatalogueEntry, catalogue, GATEWAYS } from './engine/catalogue.js';

// docs/checks.md is generated from the catalogues, so the list a gateway team reads is the list paycert runs.

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function section(full: Catalogue): string[] {
  const name = full.gateway === 'lesspay' ? 'Lesspay 2.0' : 'Payloco';
  const cat = { ...full, checks: full.checks.filter((c) => c.family === undefined) };
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
  return [...lines, '', ...readingsSection(full), ...generatedSection(full)];
}

// Each reading once, linked to its anchor in the profile: the checks above cite it by its ID.
function readingsSection(cat: Catalogue): string[] {
  const lines = [
    `### ${cat.gateway === 'lesspay' ? 'Lesspay 2.0' : 'Payloco'}: readings cited`,
    '',
    '| reading | title | checks |',
    '|---|---|---|',
  ];
  for (const [id, r] of Object.entries(cat.readings)) {
    const n = cat.checks.filter((c) => c.reading === id).length;
    lines.push(`| [${id}](profile.md#${r.anchor}) | ${escapeCell(r.title)} | ${n} |`);
  }
  return [...lines, ''];
}

// Generated checks are listed by family: their IDs follow from the request schemas, so the table says how many
// there are and how they are named; `paycert run` lists each one in its results.
function generatedSection(cat: Catalogue): string[] {
  const generated = cat.checks.filter((c) => c.family !== undefined);
  const byFamily = new Map<string, CatalogueEntry[]>();
  for (const c of generated) byFamily.set(c.family!, [...(byFamily.get(c.family!) ?? []), c]);
  const lines = [
    `### ${cat.gateway === 'lesspay' ? 'Lesspay 2.0' : 'Payloco'}: checks generated from the request schemas`,
    '',
    `${generated.length} checks in ${byFamily.size} rule families (src/generate), one per endpoint and schema constraint; IDs \`${cat.gateway === 'lesspay' ? 'LP' : 'PL'}-GEN-<endpoint>-<field>-<rule>\`.`,
    '',
    '| family | checks | levels | readings | endpoints | example |',
    '|---|---|---|---|---|---|',
  ];
  for (const [family, checks] of byFamily) {
    const uniq = (f: (c: CatalogueEntry) => string) => [...new Set(checks.map(f))].join(', ');
    lines.push(
      `| ${family} | ${checks.length} | ${uniq((c) => c.level)} | ${uniq((c) => c.reading)} | ${new Set(checks.map((c) => c.endpoint)).size} | ${checks[0].id}: ${escapeCell(checks[0].title)} |`,
    );
  }
  return [...lines, ''];
}

export function checksMarkdown(): string {
  return [
    '# paycert checks',
    '',
    'Generated from `suites/catalogue/*.json` and the request schemas (src/generate) by `npm run docs:checks`; do not edit by hand.',
    'MUST failures fail the certification; SHOULD failures are warnings unless `--strict`.',
    '',
    ...GATEWAYS.flatMap((g) => section(catalogue(g))),
  ].join('\n');
}

// The generated checks join the catalogue before anything loads it.
import './generate/register.js';
import { clientCatalogue } from './audit/index.js';
import { scenarios } from './audit/scenarios.js';
import type { Gateway } from './core/results.js';
import { type Catalogue, type CatalogueEntry, catalogue, GATEWAYS, readingsOf } from './engine/catalogue.js';
import { gatewayModel } from './gateways/index.js';
import { handlerCatalogue } from './webhooks/handler-runner.js';

// docs/checks.md is generated from the catalogues, so the list a gateway team or an integrator reads is the list
// paycert runs: the gateway checks (`paycert run`), the client checks (`paycert audit`, `paycert proxy`) with the
// scenarios that run them, and the webhook handler checks (`paycert webhook-test`).

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const gatewayName = (gateway: Gateway) => gatewayModel(gateway).displayName;

interface Column {
  head: string;
  cell: (c: CatalogueEntry) => string;
}

/** A table of checks, one row each; the check and source columns close every table. */
function checksTable(
  checks: readonly CatalogueEntry[],
  docs: Record<string, string>,
  columns: Column[],
): string[] {
  const all: Column[] = [
    { head: 'ID', cell: (c) => c.id },
    { head: 'level', cell: (c) => c.level },
    ...columns,
    { head: 'check', cell: (c) => `${escapeCell(c.title)}${c.note ? ` _(${escapeCell(c.note)})_` : ''}` },
    { head: 'source', cell: (c) => `[${escapeCell(c.spec.section)}](${docs[c.spec.section]})` },
  ];
  return [
    `| ${all.map((col) => col.head).join(' | ')} |`,
    `|${all.map(() => '---|').join('')}`,
    ...checks.map((c) => `| ${all.map((col) => col.cell(c)).join(' | ')} |`),
  ];
}

function counted(checks: readonly CatalogueEntry[]): string {
  const must = checks.filter((c) => c.level === 'MUST').length;
  return `${checks.length} checks: ${must} MUST, ${checks.length - must} SHOULD.`;
}

const endpoint: Column = { head: 'endpoint', cell: (c) => escapeCell(c.endpoint) };

/** The reading as a link to its anchor in docs/profile.md, as the gateway sections' reading tables give it. */
function linkedReading(gateway: Gateway): Column {
  const readings = readingsOf(gateway);
  return { head: 'reading', cell: (c) => `[${c.reading}](profile.md#${readings[c.reading]!.anchor})` };
}

function section(full: Catalogue): string[] {
  const cat = { ...full, checks: full.checks.filter((c) => c.family === undefined) };
  return [
    `## ${gatewayName(full.gateway)}`,
    '',
    counted(cat.checks),
    '',
    ...checksTable(cat.checks, cat.docs, [{ head: 'reading', cell: (c) => c.reading }, endpoint]),
    '',
    ...readingsSection(full),
    ...generatedSection(full),
  ];
}

// Each reading once, linked to its anchor in the profile: the checks above cite it by its ID.
function readingsSection(cat: Catalogue): string[] {
  const lines = [
    `### ${gatewayName(cat.gateway)}: readings cited`,
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
    `### ${gatewayName(cat.gateway)}: checks generated from the request schemas`,
    '',
    `${generated.length} checks in ${byFamily.size} rule families (src/generate), one per endpoint and schema constraint; IDs \`${gatewayModel(cat.gateway).idPrefixes[0]}-GEN-<endpoint>-<field>-<rule>\`.`,
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

// A client check named by a scenario runs only under `paycert audit --scenario NAME` (src/audit/scenarios.ts).
function clientSection(gateway: Gateway): string[] {
  const cat = clientCatalogue(gateway);
  const own = scenarios().filter((s) => s.gateway === gateway);
  const scenario: Column = {
    head: 'scenario',
    cell: (c) =>
      own
        .filter((s) => s.checks.includes(c.id))
        .map((s) => `\`${s.name}\``)
        .join(', ') || 'every run',
  };
  const lines = [
    `### ${gatewayName(gateway)}: client checks`,
    '',
    counted(cat.checks),
    '',
    ...checksTable(cat.checks, cat.docs, [linkedReading(gateway), endpoint, scenario]),
    '',
  ];
  if (own.length === 0) return lines;
  return [
    ...lines,
    `#### ${gatewayName(gateway)}: \`--scenario\` cases`,
    '',
    '| scenario | what the recording front answers | checks it runs |',
    '|---|---|---|',
    ...own.map((s) => `| \`${s.name}\` | ${escapeCell(s.description)} | ${s.checks.join(', ')} |`),
    '',
  ];
}

function handlerSection(gateway: Gateway): string[] {
  const cat = handlerCatalogue(gateway);
  return [
    `### ${gatewayName(gateway)}: webhook handler checks`,
    '',
    counted(cat.checks),
    '',
    ...checksTable(cat.checks, cat.docs, [linkedReading(gateway), endpoint]),
    '',
  ];
}

export function checksMarkdown(): string {
  return [
    '# paycert checks',
    '',
    'Generated by `npm run docs:checks` from the catalogues (`suites/catalogue/*.json` and the request schemas through src/generate for the gateways, `suites/client/catalogue/*.json` and the scenarios of src/audit/scenarios.ts for clients, `suites/handler/catalogue/*.json` for webhook handlers); do not edit by hand.',
    'MUST failures fail the certification; SHOULD failures are warnings unless `--strict`.',
    '',
    ...GATEWAYS.flatMap((g) => section(catalogue(g))),
    '## Client checks (`paycert audit`, `paycert proxy`)',
    '',
    "They judge the requests an integrator's client sends, as the recording front or the proxy saw them. A check with a scenario runs only under `paycert audit --scenario NAME`, which answers one request with a documented failure; the others run on every audit and proxy run.",
    '',
    ...GATEWAYS.flatMap(clientSection),
    '## Webhook handler checks (`paycert webhook-test`)',
    '',
    "They judge a merchant's notify_url handler: paycert delivers signed, tampered and repeated callbacks to it and, given `--order-status-url`, asks what the handler did with them.",
    '',
    ...GATEWAYS.flatMap(handlerSection),
  ].join('\n');
}

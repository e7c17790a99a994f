// The HTML report: one self-contained file rendered from results.json. It is a view; results.json is the record.
// Every string from the results goes through escapeHtml, after redactDeep, so neither markup nor secrets sent by a
// target can reach the page. Passed checks render as one compact row without evidence (the evidence stays in
// results.json): that is what keeps a 10 000-check report within a few megabytes.
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { redactDeep } from '../core/redact.js';
import type { Check, GatewayResult, HttpExchange, Results, Status, Verdict } from '../core/results.js';
import { isKnownDeviation, selectionText, summarize } from '../core/verdict.js';
import { type Coverage, renderCoverage } from './coverage.js';
import { type DiffOp, diffValues } from './diff.js';
import { escapeHtml as e, escapeJsonForScript, escapeText as t } from './escape.js';
import { failureGroups } from './root-cause.js';
import { specLabel } from './spec-label.js';

export interface HtmlOptions {
  /** An earlier run of the same target: checks are marked "new failure" / "fixed" against it. */
  baseline?: Results;
  /** The run's coverage table (coverage.json), shown as a grid after the checks. */
  coverage?: Coverage;
  /** Pack the failures' details compressed (true) or keep them inline (false); undefined: by their size. */
  packDetails?: boolean;
}

/** Bodies longer than this are cut in the HTML (never in results.json), with a note saying so. */
export const HTML_BODY_LIMIT = 4096;

const GATEWAY_NAMES: Record<string, string> = { lesspay: 'Lesspay 2.0', payloco: 'Payloco' };
const VERDICT_WORDS: Record<Verdict, string> = {
  certified: 'CERTIFIED',
  'passed-partial': 'PASSED (PARTIAL)',
  'not-certified': 'NOT CERTIFIED',
  incomplete: 'INCOMPLETE',
  error: 'ERROR',
  interrupted: 'INTERRUPTED',
};
const STATUS_WORDS: Record<Status, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIP',
};

export function gatewayName(gateway: string): string {
  return GATEWAY_NAMES[gateway] ?? gateway;
}

type Mark = 'new' | 'fixed';

/** Renders the results as one HTML document (inline CSS and JS, strict CSP, no network access). */
export function renderHtml(input: Results, opts: HtmlOptions = {}): string {
  const results = redactDeep(renderable(input));
  const marks = opts.baseline ? compare(results, opts.baseline) : undefined;
  const script = SCRIPT;
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:`;
  const meta = {
    format: results.format,
    runId: results.runId,
    verdict: results.verdict,
    gateways: results.gateways.map((g) => ({
      gateway: g.gateway,
      target: g.target,
      verdict: g.verdict,
      ...(g.statement ? { statement: g.statement } : {}),
    })),
    summary: results.summary,
  };
  const title = `paycert report · ${VERDICT_WORDS[results.verdict]} · ${results.runId}`;
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="${e(csp)}">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="color-scheme" content="light">\n<meta name="referrer" content="no-referrer">\n',
    '<link rel="icon" href="data:,">\n',
    `<title>${e(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n`,
  );
  out.push(renderHeader(results, opts.baseline, marks));
  out.push(renderTotals(results));
  const details = new Details(opts.packDetails);
  out.push(details.place(renderChecks(results, marks, details)));
  if (opts.coverage) out.push(renderCoverage(opts.coverage));
  out.push(
    `<footer>Rendered by ${e(results.tool.name)} ${e(results.tool.version)} from results.json of run ${e(results.runId)}. `,
    'This page is a view of that file; secrets are redacted. Archive results.json as the record.</footer>\n',
  );
  out.push(`<script type="application/json" id="paycert-meta">${escapeJsonForScript(meta)}</script>\n`);
  if (details.packed) out.push(details.packed);
  out.push(`<script>${script}</script>\n</body>\n</html>\n`);
  return out.join('');
}

/** Passed and skipped checks render without evidence, so only the rendered part is copied and redacted. */
function renderable(r: Results): Results {
  const checks = r.checks.map((c) =>
    c.status === 'failed' || c.status === 'error'
      ? c
      : { ...c, evidence: undefined, expected: undefined, received: undefined },
  );
  return { ...r, checks };
}

/** Above this many characters of failure details the page embeds them compressed (issue 26: HTML <= 3 MB). */
export const INLINE_DETAILS_LIMIT = 512 * 1024;

// Marks where a failure's details go while the rows are rendered: a NUL cannot come from the results (the escaping
// functions remove C0 controls), so no text of a target can forge one.
const SLOT = '\u0000';

/**
 * The evidence part of each failure's details (specification, diff, exchanges). A short report keeps it inline.
 * A long one (thousands of failures) keeps identical parts once and embeds them all deflated and base64-encoded in
 * a data block, which the page's script inflates (DecompressionStream) and inserts when a row is opened: a
 * 10 000-check report with 20 % failing went from 7.06 MB to under 3 MB. The parts are the renderer's own escaped
 * HTML, so inserting them adds nothing a target could control; the message stays inline for the search.
 */
class Details {
  private readonly parts: string[] = [];
  private readonly index = new Map<string, number>();
  private size = 0;
  packed = '';

  constructor(private readonly pack?: boolean) {}

  /** A slot for one failure's details. */
  add(html: string): string {
    let k = this.index.get(html);
    if (k === undefined) {
      k = this.parts.push(html) - 1;
      this.index.set(html, k);
    }
    this.size += html.length;
    return `${SLOT}${k}${SLOT}`;
  }

  /** The rendered rows with each slot filled: inline, or a placeholder for the packed part. */
  place(rows: string): string {
    const pack = this.pack ?? this.size > INLINE_DETAILS_LIMIT;
    if (pack) {
      const data = deflateRawSync(Buffer.from(JSON.stringify(this.parts), 'utf8'));
      this.packed = `<script type="application/octet-stream" id="paycert-details">${data.toString('base64')}</script>\n`;
    }
    // Split on the marks: every odd piece is a slot's number.
    const pieces = rows.split(SLOT);
    for (let i = 1; i < pieces.length; i += 2)
      pieces[i] = pack ? `<div class="lz" data-d="${pieces[i]}"></div>` : this.parts[Number(pieces[i])]!;
    return pieces.join('');
  }
}

function compare(results: Results, baseline: Results): Map<Check, Mark> {
  const before = new Map<string, Status>();
  for (const c of baseline.checks) before.set(`${c.gateway}\u0000${c.id}`, c.status);
  const marks = new Map<Check, Mark>();
  for (const c of results.checks) {
    const was = before.get(`${c.gateway}\u0000${c.id}`);
    if (c.status === 'failed' && was === 'passed') marks.set(c, 'new');
    else if (c.status === 'passed' && was === 'failed') marks.set(c, 'fixed');
  }
  return marks;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** ISO date-time → `2024-06-12 09:41:07 UTC`; anything unparseable is shown as given. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function isHttpUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

function renderHeader(
  r: Results,
  baseline: Results | undefined,
  marks: Map<Check, Mark> | undefined,
): string {
  const out: string[] = ['<header class="top">\n<div class="brand"><span class="logo">paycert</span>'];
  out.push(
    `<span class="doc">Conformance certification report</span><span class="run">Run ${e(r.runId)}</span></div>\n`,
  );
  out.push('<div class="verdicts">\n');
  for (const g of r.gateways) out.push(renderVerdictCard(g, r));
  out.push('</div>\n<dl class="meta">\n');
  const targets = r.gateways.map((g) => `${gatewayName(g.gateway)}: ${g.target}`).join('\n');
  const item = (k: string, v: string, cls = '') =>
    `<div${cls ? ` class="${cls}"` : ''}><dt>${e(k)}</dt><dd>${v}</dd></div>\n`;
  out.push(item('Target', e(targets), 'wide'));
  out.push(
    item('Run verdict', `<span class="vword v-${e(r.verdict)}">${e(VERDICT_WORDS[r.verdict])}</span>`),
  );
  out.push(item('Profile version', e(r.profileVersion)));
  if (r.driver) out.push(item('Payment driver', e(r.driver)));
  out.push(item('Tool', `${e(r.tool.name)} ${e(r.tool.version)}`));
  out.push(item('Date', e(formatDate(r.startedAt))));
  out.push(item('Duration', e(formatDuration(r.durationMs))));
  out.push(
    item(
      'Strict',
      r.strict
        ? 'yes <span class="note">(SHOULD failures count)</span>'
        : 'no <span class="note">(MUST only)</span>',
    ),
  );
  if (r.shard) out.push(item('Shard', `${e(r.shard.index)} of ${e(r.shard.total)}`));
  out.push(...scopeItems(r).map(([k, v]) => item(k, e(v), k === 'Scope' ? 'wide' : '')));
  if (r.command) out.push(item('Command', e(r.command)));
  out.push('</dl>\n');
  out.push(renderPayments(r));
  if (baseline && marks) {
    let added = 0;
    let fixed = 0;
    for (const m of marks.values()) m === 'new' ? added++ : fixed++;
    out.push(
      `<p class="baseline">Compared with baseline run <b>${e(baseline.runId)}</b> (${e(formatDate(baseline.startedAt))}): `,
      `<span class="tag t-new">${e(plural(added, 'new failure'))}</span> `,
      `<span class="tag t-fixed">${e(fixed)} fixed</span></p>\n`,
    );
  }
  out.push('</header>\n');
  return out.join('');
}

/** What the run judged and under which settings (results.json `scope`), as label and value. */
function scopeItems(r: Results): [string, string][] {
  const sc = r.scope;
  if (!sc)
    return r.command === 'run' || r.command === 'merged'
      ? [['Scope', 'not recorded: not a certification']]
      : [];
  const sel = selectionText(r);
  const caps = sc.capabilities
    ? Object.entries(sc.capabilities)
        .map(([g, list]) => `${g}: ${list!.join(', ') || '(none)'}`)
        .join('; ')
    : '';
  return [
    ['Scope', sc.statement],
    ['Run id', sc.runId],
    ['Selection', sel || 'whole catalogue'],
    ['Seed / budget', `${sc.seed} / ${sc.budget}`],
    [
      'Catalogue',
      Object.entries(sc.catalogueHash)
        .map(([g, h]) => `${g} ${String(h).slice(0, 19)}…`)
        .join('; '),
    ],
    ...(caps ? ([['Declared capabilities', caps]] as [string, string][]) : []),
    ...(sc.deviations.length ? ([['Deviations', sc.deviations.join(', ')]] as [string, string][]) : []),
    ['Allow incomplete', sc.allowIncomplete ? 'yes' : 'no'],
  ];
}

/** A banner names a few checks per reason; the rest are one filter away in the list of checks. */
function idList(ids: string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

// How each lifecycle payment was completed: the driver's note, shown once however many checks share the payment
// (passed checks have no detail row, so this is where the report says it).
const PAYMENT_NOTE = /^(paid|failed|cancelled) by the .+ driver: /;

function renderPayments(r: Results): string {
  const notes = new Map<string, string[]>();
  for (const c of r.checks) {
    for (const line of (c.message ?? '').split('\n')) {
      if (PAYMENT_NOTE.test(line)) notes.set(line, [...(notes.get(line) ?? []), c.id]);
    }
  }
  if (notes.size === 0) return '';
  const items = [...notes]
    .map(([line, ids]) => `<li><b>${e(ids.join(', '))}</b>: ${t(line)}</li>`)
    .join('\n');
  return `<details class="payments"><summary>How the lifecycle payments were completed (${e(notes.size)})</summary><ul>\n${items}\n</ul></details>\n`;
}

function renderVerdictCard(g: GatewayResult, r: Results): string {
  const s = summarize(r.checks.filter((c) => c.gateway === g.gateway));
  const facts = [
    plural(s.mustFailed, 'MUST failure'),
    plural(s.shouldFailed, 'SHOULD failure'),
    plural(s.knownDeviations, 'known deviation'),
    `${s.passed} of ${s.total} passed`,
  ];
  const stale = r.checks.filter((c) => c.gateway === g.gateway && c.deviation?.stale).length;
  if (stale) facts.push(plural(stale, 'stale deviation'));
  // Failed MUST checks first, each with its root cause (the checks that needed it counted under it); then what was
  // not judged for other reasons: what the tester must supply for a full certification.
  const groups = failureGroups(
    r.checks.filter((c) => c.gateway === g.gateway),
    r.strict ?? false,
  );
  const failedMust = groups.filter((x) => x.check && x.check.level === 'MUST');
  const others = groups.filter((x) => !x.check);
  const n = groups.reduce((sum, x) => sum + x.blocked.length, 0);
  // "245 MUST checks not judged", never "245 MUST check not judgeds".
  if (n) facts.unshift(`${plural(n, r.strict ? 'check' : 'MUST check')} not judged`);
  const fmList = failedMust.length
    ? `<div class="fm">Failed MUST:<ul>${failedMust
        .slice(0, 12)
        .map(
          (x) =>
            `<li><b>${e(x.check!.id)}</b> — ${e(x.reason)}${x.blocked.length ? ` <i>(and ${e(plural(x.blocked.length, 'check'))} that needed it, not judged)</i>` : ''}</li>`,
        )
        .join(
          '',
        )}${failedMust.length > 12 ? `<li>and ${e(failedMust.length - 12)} more in the list below</li>` : ''}</ul></div>`
    : '';
  const njList = others.length
    ? `<div class="nj">${r.allowIncomplete ? 'Accepted by --allow-incomplete. ' : ''}Not judged:<ul>${others
        .map((x) => `<li><b>${e(idList(x.blocked.map((c) => c.id)))}</b> — ${e(x.reason)}</li>`)
        .join('')}</ul></div>`
    : '';
  return [
    `<section class="verdict v-${e(g.verdict)}" data-gateway="${e(g.gateway)}">`,
    `<div class="gw">${e(gatewayName(g.gateway))}</div>`,
    `<div class="word">${e(VERDICT_WORDS[g.verdict])}</div>`,
    `<div class="facts">${e(facts.join(' · '))}</div>`,
    `<div class="target">${e(g.target)}${g.targetKind ? ` <span class="kind">${e(g.targetKind)}</span>` : ''}</div>`,
    g.statement ? `<div class="scope">${e(g.statement)}</div>` : '',
    g.error ? `<div class="gerr">${e(g.error)}</div>` : '',
    g.warning ? `<div class="gerr">Warning: ${e(g.warning)}</div>` : '',
    fmList,
    njList,
    '</section>\n',
  ].join('');
}

function renderTotals(r: Results): string {
  const rows: [string, Check[]][] = [
    ['MUST', r.checks.filter((c) => c.level === 'MUST')],
    ['SHOULD', r.checks.filter((c) => c.level === 'SHOULD')],
    ['All', r.checks],
  ];
  const out = [
    '<section class="totals"><h2>Totals</h2><table class="tot"><thead><tr><th scope="col">Level</th>',
  ];
  out.push(
    '<th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">Error</th><th scope="col">Skipped</th>',
  );
  out.push('<th scope="col">Known deviations</th><th scope="col">Total</th></tr></thead><tbody>');
  for (const [label, checks] of rows) {
    const s = summarize(checks);
    const cell = (n: number, cls: string) => `<td class="${n ? cls : 'zero'}">${e(n)}</td>`;
    out.push(`<tr${label === 'All' ? ' class="all"' : ''}><th scope="row">${e(label)}</th>`);
    out.push(cell(s.passed, 'n-p'), cell(s.failed, 'n-f'), cell(s.error, 'n-e'), cell(s.skipped, 'n-s'));
    out.push(cell(s.knownDeviations, 'n-d'), `<td>${e(s.total)}</td></tr>`);
  }
  out.push('</tbody></table></section>\n');
  return out.join('');
}

function renderChecks(r: Results, marks: Map<Check, Mark> | undefined, details: Details): string {
  // Group by gateway (in the order the header lists them), then by endpoint in order of first appearance.
  const order = [...r.gateways.map((g) => g.gateway as string)];
  for (const c of r.checks) if (!order.includes(c.gateway)) order.push(c.gateway);
  const groups = new Map<string, Map<string, Check[]>>(order.map((g) => [g, new Map()]));
  for (const c of r.checks) {
    const byEndpoint = groups.get(c.gateway)!;
    const ep = c.endpoint || 'Other checks';
    const list = byEndpoint.get(ep);
    if (list) list.push(c);
    else byEndpoint.set(ep, [c]);
  }
  const out: string[] = ['<section class="checks"><h2>Checks</h2>\n'];
  out.push('<div class="filters" role="search">');
  out.push('<label>Status <select id="f-status"><option value="">All</option>');
  const statusOptions: [string, string][] = [
    ['failed', 'Failed'],
    ['error', 'Error'],
    ['skipped', 'Skipped'],
    ['passed', 'Passed'],
    ['deviation', 'Known deviation'],
    ['stale', 'Stale deviation'],
    ['na', 'Not applicable'],
  ];
  if (marks) statusOptions.push(['new', 'New failure'], ['fixed', 'Fixed']);
  for (const [v, label] of statusOptions) out.push(`<option value="${v}">${label}</option>`);
  out.push('</select></label>');
  out.push(
    '<label>Level <select id="f-level"><option value="">All</option><option value="MUST">MUST</option>',
  );
  out.push('<option value="SHOULD">SHOULD</option></select></label>');
  out.push('<label>Gateway <select id="f-gateway"><option value="">All</option>');
  for (const g of order) out.push(`<option value="${e(g)}">${e(gatewayName(g))}</option>`);
  out.push('</select></label>');
  out.push(
    '<label class="q">Search <input id="f-q" type="search" placeholder="ID, title or message"></label>',
  );
  out.push('<span id="f-count" class="count" aria-live="polite"></span>');
  out.push('<span class="tools"><button type="button" id="x-open">Expand failures</button>');
  out.push('<button type="button" id="x-close">Collapse all</button></span></div>\n');
  out.push('<div class="tbl">\n');
  out.push('<div class="hd"><span>ID</span><span>Title</span><span>Level</span><span>Reading</span>');
  out.push('<span>Status</span><span>Duration</span></div>\n');
  for (const [gateway, byEndpoint] of groups) {
    if (byEndpoint.size === 0) continue;
    const all = [...byEndpoint.values()].flat();
    const s = summarize(all);
    out.push(`<section class="grp gw-grp" data-gw="${e(gateway)}">`);
    out.push(`<h3 class="gw-h">${e(gatewayName(gateway))} <span class="sub">${e(s.total)} checks · `);
    out.push(
      `${e(s.passed)} passed · ${e(s.failed)} failed · ${e(s.error)} error · ${e(s.skipped)} skipped</span></h3>\n`,
    );
    for (const [endpoint, checks] of byEndpoint) {
      out.push(`<div class="grp ep-grp"><h4 class="ep-h">${e(endpoint)}</h4>\n`);
      for (const c of checks) out.push(renderRow(c, marks?.get(c), details));
      out.push('</div>\n');
    }
    out.push('</section>\n');
  }
  out.push('</div>\n<p id="f-none" class="none" hidden>No check matches the filters.</p>\n</section>\n');
  return out.join('');
}

const STATUS_CLASS: Record<string, string> = { passed: 'p', failed: 'f', error: 'e', skipped: 's' };

/** The status cell: a badge alone is the grid cell itself; with tags it is wrapped. */
function statusCell(c: Check, mark: Mark | undefined): string {
  const tags: string[] = [];
  let badge: string;
  if ((c.status === 'failed' || c.status === 'error') && isKnownDeviation(c)) {
    badge = '<b class="st sd">KNOWN DEVIATION</b>';
    tags.push(`<em class="tag">${c.status === 'failed' ? 'failed' : 'errored'}, excused</em>`);
  } else if (c.status === 'skipped' && c.notApplicable) {
    badge = '<b class="st sn">NOT APPLICABLE</b>';
  } else {
    badge = `<b class="st s${e(STATUS_CLASS[c.status] ?? '')}">${e(STATUS_WORDS[c.status] ?? c.status)}</b>`;
  }
  if (c.deviation?.stale) tags.push('<em class="tag t-stale">STALE DEVIATION</em>');
  if (mark === 'new') tags.push('<em class="tag t-new">NEW FAILURE</em>');
  if (mark === 'fixed') tags.push('<em class="tag t-fixed">FIXED</em>');
  return tags.length ? `<span>${badge}${tags.join('')}</span>` : badge;
}

// Rows are kept small on purpose (a 10 000-check report is mostly passed rows): cells are bare <i>/<span>
// elements styled by position, status and level are one-letter classes, and flags only appear when set.
function renderRow(c: Check, mark: Mark | undefined, details: Details): string {
  const flags: string[] = [];
  if (isKnownDeviation(c)) flags.push('deviation');
  if (c.deviation?.stale) flags.push('stale');
  if (c.notApplicable) flags.push('na');
  if (mark) flags.push(mark);
  const cls = `r ${e(STATUS_CLASS[c.status] ?? 'x')} ${c.level === 'MUST' ? 'M' : 'S'}`;
  const attrs = `class="${cls}"${flags.length ? ` data-x="${flags.join(' ')}"` : ''}`;
  let note = '';
  if (c.deviation?.stale) {
    note = `<span class="why w-stale">Stale deviation: listed as known (“${e(c.deviation.reason)}”) but the check passed. Remove it from the deviations file.</span>`;
  } else if (isKnownDeviation(c)) {
    note = `<span class="why w-dev">Known deviation: ${e(c.deviation!.reason)}</span>`;
  } else if (c.status === 'skipped') {
    const reason = c.message ? e(c.message) : 'no reason given';
    note = `<span class="why msg">${c.notApplicable ? 'Not applicable: ' : 'Skipped: '}${reason}</span>`;
  }
  const cells =
    `<i>${e(c.id)}</i><span>${e(c.title)}${note}</span><i>${e(c.level)}</i><i>${e(c.reading)}</i>` +
    `${statusCell(c, mark)}<i>${e(formatDuration(c.durationMs))}</i>`;
  if (c.status !== 'failed' && c.status !== 'error') return `<div ${attrs}>${cells}</div>\n`;
  return `<details ${attrs}><summary>${cells}</summary>${renderDetail(c, details)}</details>\n`;
}

function renderDetail(c: Check, details: Details): string {
  const head: string[] = ['<div class="det">'];
  if (c.message) head.push(`<pre class="msg m-${e(c.status)}">${t(c.message)}</pre>`);
  if (c.deviation && !c.deviation.stale) {
    head.push(
      `<p class="devbox"><b>Known deviation</b> — does not affect the verdict. Reason: ${e(c.deviation.reason)}</p>`,
    );
  }
  return `${head.join('')}${details.add(renderEvidence(c))}</div>`;
}

/** The part of a failure's details that may be packed: specification, expected vs received, the exchanges. */
function renderEvidence(c: Check): string {
  const out: string[] = [];
  out.push('<dl class="kv">');
  out.push(`<div><dt>Profile reading</dt><dd>${e(c.reading)}</dd></div>`);
  if (c.specRef) {
    const label = specLabel(c.specRef);
    const link = isHttpUrl(c.specRef.url)
      ? // The address itself is printed by the print stylesheet (a[href]::after), not repeated on screen.
        `<a href="${e(c.specRef.url)}" rel="noreferrer noopener" target="_blank">${e(label)}</a>`
      : `${e(label)}${c.specRef.url ? ` <span class="url">${e(c.specRef.url)}</span>` : ''}`;
    out.push(`<div><dt>Specification</dt><dd>${link}</dd></div>`);
  }
  out.push('</dl>');
  if (c.specRef?.quote) out.push(`<blockquote>${e(c.specRef.quote)}</blockquote>`);
  if (c.expected !== undefined || c.received !== undefined) {
    out.push('<div class="sec"><h5>Expected (<del>−</del>) vs received (<ins>+</ins>)</h5>');
    out.push(renderDiff(diffValues(c.expected, c.received)));
    out.push('</div>');
  }
  const evidence = c.evidence ?? [];
  evidence.forEach((x, i) => {
    out.push(renderExchange(x, i, evidence.length));
  });
  return out.join('');
}

/**
 * Removed lines are <del>, added lines <ins> (block-level, with a − or + sign so colour is not the only cue), and
 * long runs of unchanged lines are folded to three lines of context on each side.
 */
function renderDiff(ops: DiffOp[]): string {
  const CONTEXT = 3;
  const out: string[] = ['<pre class="diff">'];
  const equal = (line: string) => out.push(`  ${t(line)}\n`);
  let i = 0;
  while (i < ops.length) {
    const op = ops[i]!;
    if (op.op !== 'equal') {
      out.push(op.op === 'removed' ? `<del>− ${t(op.line)}</del>` : `<ins>+ ${t(op.line)}</ins>`);
      i++;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j]!.op === 'equal') j++;
    const run = ops.slice(i, j);
    const keepHead = i === 0 ? 0 : CONTEXT;
    const keepTail = j === ops.length ? 0 : CONTEXT;
    if (run.length > keepHead + keepTail + 2) {
      for (const o of run.slice(0, keepHead)) equal(o.line);
      out.push(`<span class="fold">  … ${e(run.length - keepHead - keepTail)} unchanged lines …</span>`);
      for (const o of run.slice(run.length - keepTail)) equal(o.line);
    } else {
      for (const o of run) equal(o.line);
    }
    i = j;
  }
  out.push('</pre>');
  return out.join('');
}

const LINE_WIDTH = 120;

/**
 * Indented JSON in which any object or array that fits on one line stays on one line: as readable as
 * JSON.stringify(v, null, 2) for a person, and far smaller for bodies with many records.
 */
export function compactJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || flat.length + indent.length <= LINE_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Pretty JSON when the body parses, the text otherwise; cut at HTML_BODY_LIMIT with a visible note. */
export function prettyBody(body: string): { text: string; cut: number } {
  let text = body;
  try {
    const parsed = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object') text = compactJson(parsed);
  } catch {
    // not JSON: shown as sent
  }
  if (text.length <= HTML_BODY_LIMIT) return { text, cut: 0 };
  return { text: text.slice(0, HTML_BODY_LIMIT), cut: text.length - HTML_BODY_LIMIT };
}

// Transport-level headers say nothing about conformance; results.json keeps them, the page leaves them out.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

function renderHeaders(headers: Record<string, string> | undefined): string {
  if (!headers) return '';
  return Object.entries(headers)
    .filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase()))
    .map(([k, v]) => `<i>${t(k)}:</i> ${t(v)}\n`)
    .join('');
}

function renderBody(body: string | null | undefined): string {
  if (body === undefined || body === null || body === '') return '<span class="nb">(no body)</span>';
  const { text, cut } = prettyBody(body);
  return t(text) + (cut ? `\n<span class="nb">… ${e(cut)} more characters in results.json</span>` : '');
}

function renderExchange(x: HttpExchange, i: number, n: number): string {
  const out: string[] = ['<div class="ex">'];
  const nth = n > 1 ? ` ${i + 1} of ${n}` : '';
  out.push(`<h5>Request${nth}</h5>`);
  out.push(
    `<pre class="http"><b>${e(x.request.method)}</b> ${e(x.request.url)}\n${renderHeaders(x.request.headers)}\n${renderBody(x.request.body)}</pre>`,
  );
  if (x.response) {
    const res = x.response;
    const took = res.durationMs !== undefined ? ` · ${e(formatDuration(res.durationMs))}` : '';
    out.push(`<h5>Response · HTTP ${e(res.status)}${took}</h5>`);
    out.push(`<pre class="http">${renderHeaders(res.headers)}\n${renderBody(res.body)}</pre>`);
    if (res.truncated)
      out.push('<p class="trunc">Body truncated by the harness: it exceeded the evidence cap.</p>');
  } else if (!x.error) {
    out.push('<h5>Response</h5><p class="nb">No response recorded.</p>');
  }
  if (x.error) out.push(`<p class="terr"><b>Transport error:</b> ${e(x.error)}</p>`);
  if (x.curl) {
    out.push('<div class="curl"><h5>Replay with curl</h5>');
    out.push(`<pre><code>${t(x.curl)}</code></pre><button type="button" class="copy">Copy</button></div>`);
  }
  out.push('</div>');
  return out.join('');
}

// The inline script: filters, search, copy buttons, expand/collapse, and opening every <details> for printing.
// It is static; the CSP allows exactly this text by its sha256.
const SCRIPT = `(function () {
  'use strict';
  var d = document;
  d.documentElement.className += ' js';
  var rows = Array.prototype.slice.call(d.querySelectorAll('.tbl .r'));
  var text = rows.map(function (r) {
    var cells = (r.tagName === 'DETAILS' ? r.firstElementChild : r).children;
    var m = r.tagName === 'DETAILS' ? r.querySelector('pre.msg') : null;
    return (cells[0].textContent + ' ' + cells[1].textContent + ' ' + (m ? m.textContent : '')).toLowerCase();
  });
  var gw = rows.map(function (r) { return r.closest('[data-gw]').getAttribute('data-gw'); });
  var letter = { passed: 'p', failed: 'f', error: 'e', skipped: 's', MUST: 'M', SHOULD: 'S' };
  var groups = Array.prototype.slice.call(d.querySelectorAll('.tbl .grp'));
  var fs = d.getElementById('f-status'), fl = d.getElementById('f-level'), fg = d.getElementById('f-gateway');
  var fq = d.getElementById('f-q'), count = d.getElementById('f-count'), none = d.getElementById('f-none');
  function apply() {
    var s = fs.value, l = fl.value, g = fg.value, q = fq.value.trim().toLowerCase(), shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || (letter[s] ? r.classList.contains(letter[s]) : (' ' + (r.getAttribute('data-x') || '') + ' ').indexOf(' ' + s + ' ') >= 0)) &&
        (!l || r.classList.contains(letter[l])) && (!g || gw[i] === g) && (!q || text[i].indexOf(q) >= 0);
      if (r.hidden === ok) r.hidden = !ok;
      if (ok) shown++;
    }
    for (var k = groups.length - 1; k >= 0; k--) {
      var empty = !groups[k].querySelector('.r:not([hidden])');
      if (groups[k].hidden !== empty) groups[k].hidden = empty;
    }
    count.textContent = shown + ' of ' + rows.length + ' checks shown';
    none.hidden = shown > 0;
  }
  [fs, fl, fg].forEach(function (el) { el.addEventListener('change', apply); });
  fq.addEventListener('input', apply);
  function setOpen(open) {
    Array.prototype.forEach.call(d.querySelectorAll('details.r'), function (x) {
      if (!x.hidden) x.open = open;
    });
  }
  d.getElementById('x-open').addEventListener('click', function () { setOpen(true); });
  d.getElementById('x-close').addEventListener('click', function () { setOpen(false); });
  d.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('button.copy');
    if (!b) return;
    var code = b.parentNode.querySelector('code').textContent;
    function done(ok) { b.textContent = ok ? 'Copied' : 'Select and copy'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(code).then(function () { done(true); }, function () { done(fallback(code)); });
    } else done(fallback(code));
  });
  function fallback(code) {
    var t = d.createElement('textarea');
    t.value = code; t.setAttribute('readonly', ''); t.style.position = 'fixed'; t.style.opacity = '0';
    d.body.appendChild(t); t.select();
    var ok = false;
    try { ok = d.execCommand('copy'); } catch (err) { ok = false; }
    d.body.removeChild(t);
    return ok;
  }
  var packed = d.getElementById('paycert-details'), parts = null;
  function fill(x) {
    var p = parts && x.querySelector('.lz[data-d]');
    if (!p) return;
    p.insertAdjacentHTML('afterend', parts[+p.getAttribute('data-d')]);
    p.parentNode.removeChild(p);
  }
  if (packed && window.DecompressionStream) {
    var bin = atob(packed.textContent), bytes = new Uint8Array(bin.length);
    for (var b = 0; b < bin.length; b++) bytes[b] = bin.charCodeAt(b);
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text().then(function (s) {
      parts = JSON.parse(s);
      Array.prototype.forEach.call(d.querySelectorAll('details.r[open]'), fill);
      d.documentElement.className += ' ready';
    });
  }
  d.addEventListener('toggle', function (ev) { if (ev.target.open) fill(ev.target); }, true);
  var closed = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(d.querySelectorAll('details.r'), fill);
    closed = Array.prototype.filter.call(d.querySelectorAll('details'), function (x) { return !x.open; });
    closed.forEach(function (x) { x.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (x) { x.open = false; });
    closed = [];
  });
  apply();
})();`;

const CSS = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;
--fail-bg:#ffebe9;--err:#bc4c00;--err-bg:#fff1e5;--skip:#59636e;--skip-bg:#eff2f5;--dev:#7d4e00;--dev-bg:#fff8c5;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Liberation Sans","DejaVu Sans",Arial,sans-serif;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1240px;padding:28px 32px 48px;font:14px/1.5 var(--sans);color:var(--ink);background:#fff}
h2{font-size:18px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h5{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:14px 0 4px}
a{color:#0550ae}
pre,code{font:12px/1.45 var(--mono)}
.brand{display:flex;align-items:baseline;gap:14px;flex-wrap:wrap;border-bottom:3px solid var(--ink);padding-bottom:10px}
.logo{font-weight:800;font-size:22px;letter-spacing:-.02em}
.doc{font-size:20px;font-weight:400}
.run{margin-left:auto;color:var(--muted);font:12px var(--mono)}
.verdicts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px;margin:20px 0}
.verdict{border-radius:8px;padding:16px 20px;border:2px solid;border-left-width:10px}
.verdict .gw{font-size:13px;font-weight:700;text-transform:uppercase;letter-spacing:.08em}
.verdict .word{font-size:34px;font-weight:800;letter-spacing:.01em;line-height:1.15;margin:2px 0 6px}
.verdict .facts{font-size:13px}
.verdict .target{font:12px var(--mono);color:var(--muted);margin-top:6px;word-break:break-all}
.verdict .kind{font:11px var(--sans);border:1px solid var(--line);border-radius:10px;padding:0 6px;background:#fff}
.verdict .gerr{margin-top:8px;font-weight:600}
.v-certified{border-color:var(--pass);background:var(--pass-bg)}.v-certified .word,.v-certified .gw{color:var(--pass)}
.v-not-certified{border-color:var(--fail);background:var(--fail-bg)}.v-not-certified .word,.v-not-certified .gw{color:var(--fail)}
.v-error{border-color:var(--err);background:var(--err-bg)}.v-error .word,.v-error .gw{color:var(--err)}
.v-incomplete{border-color:var(--dev);background:var(--dev-bg)}.v-incomplete .word,.v-incomplete .gw{color:var(--dev)}
.v-passed-partial{border-color:var(--dev);background:var(--dev-bg)}.v-passed-partial .word,.v-passed-partial .gw{color:var(--dev)}
.verdict .scope{margin-top:6px;font-size:13px;font-weight:600}
.v-interrupted{border-color:var(--dev);background:var(--dev-bg)}.v-interrupted .word,.v-interrupted .gw{color:var(--dev)}
.verdict .nj,.verdict .fm{margin-top:8px;font-size:13px}.verdict .nj ul,.verdict .fm ul{margin:4px 0 0 18px;padding:0}
.verdict li b{overflow-wrap:anywhere}
.vword{font-weight:800;padding:0 6px;border-radius:4px;border:1px solid}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px 24px;margin:0;padding:14px 16px;
background:var(--soft);border:1px solid var(--line);border-radius:8px}
.meta div.wide{grid-column:1/-1}
.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.meta dd{margin:0;font-weight:600;white-space:pre-line;word-break:break-word}
.meta .note{font-weight:400;color:var(--muted)}
.baseline{margin:12px 0 0}
table.tot{border-collapse:collapse;min-width:560px;font-variant-numeric:tabular-nums}
.tot th,.tot td{border-bottom:1px solid var(--line);padding:6px 14px;text-align:right}
.tot th:first-child{text-align:left}
.tot thead th{font-size:12px;color:var(--muted);font-weight:600}
.tot tr.all th,.tot tr.all td{font-weight:700;border-top:2px solid var(--ink)}
.tot .n-p{color:var(--pass)}.tot .n-f{color:var(--fail);font-weight:700}.tot .n-e{color:var(--err);font-weight:700}
.tot .n-s{color:var(--skip)}.tot .n-d{color:var(--dev)}.tot .zero{color:#8c959f}
.filters{display:none;flex-wrap:wrap;gap:10px 18px;align-items:center;padding:10px 12px;margin-bottom:10px;
background:var(--soft);border:1px solid var(--line);border-radius:8px;position:sticky;top:0;z-index:2}
.js .filters{display:flex}
.filters label{font-size:12px;font-weight:600;color:var(--muted);display:flex;gap:6px;align-items:center}
.filters select,.filters input,.filters button{font:13px var(--sans);padding:4px 8px;border:1px solid var(--line);
border-radius:6px;background:#fff;color:var(--ink)}
.filters input{width:190px}
.filters .count{font-size:12px;color:var(--muted)}
.filters .tools{margin-left:auto;display:flex;gap:6px}
.filters button{cursor:pointer}
.tbl{border:1px solid var(--line);border-radius:8px;overflow:hidden}
.hd,.r>summary,div.r{display:grid;grid-template-columns:128px minmax(0,1fr) 68px 64px 168px 74px;gap:0 12px;
align-items:start;padding:7px 12px}
.hd{background:var(--ink);color:#fff;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.hd>:last-child{text-align:right}
.gw-h{margin:0;padding:10px 12px;font-size:15px;background:#eaeef2;border-top:1px solid var(--line)}
.gw-h .sub{font-weight:400;font-size:12px;color:var(--muted);margin-left:8px}
.ep-grp{content-visibility:auto;contain-intrinsic-size:auto 400px}
.ep-h{margin:0;padding:6px 12px 4px;font:600 12px var(--mono);color:#0550ae;background:#fbfcfd;
border-top:1px solid var(--line)}
.r{border-top:1px solid #eef1f4}
.r>summary{cursor:pointer;list-style:none}
.r>summary::-webkit-details-marker{display:none}
.r>summary:hover,div.r:hover{background:#f6f8fa}
.r>summary>:first-child::before{content:"▸";display:inline-block;width:12px;color:var(--muted)}
.r[open]>summary>:first-child::before{content:"▾"}
.r[open]>summary{background:#f6f8fa;border-bottom:1px solid var(--line)}
div.r>:first-child{padding-left:12px}
.r i,.r em{font-style:normal}
:is(div.r,.r>summary)>:nth-child(1){font:600 12px/1.9 var(--mono);overflow-wrap:anywhere}
:is(div.r,.r>summary)>:nth-child(3),:is(div.r,.r>summary)>:nth-child(4){font-size:12px;line-height:1.9}
.r.M>:nth-child(3),.r.M>summary>:nth-child(3){font-weight:700}
:is(div.r,.r>summary)>:nth-child(6){font-size:12px;line-height:1.9;color:var(--muted);text-align:right;
font-variant-numeric:tabular-nums}
:is(div.r,.r>summary)>b.st{justify-self:start}
.why{display:block;font-size:12px;color:var(--muted)}
.w-dev{color:var(--dev)}
.w-stale{color:var(--fail);font-weight:600}
.st{display:inline-block;font:700 11px/1.6 var(--sans);letter-spacing:.04em;padding:1px 8px;border-radius:4px;border:1px solid;
margin-top:2px}
.sp{color:var(--pass);background:var(--pass-bg)}
.sf{color:#fff;background:var(--fail);border-color:var(--fail)}
.se{color:#fff;background:var(--err);border-color:var(--err)}
.ss,.sn{color:var(--skip);background:var(--skip-bg)}
.sd{color:var(--dev);background:var(--dev-bg)}
.tag{display:inline-block;font:600 10px/1.6 var(--sans);letter-spacing:.03em;padding:0 6px;margin:2px 0 0 4px;
border-radius:10px;border:1px solid var(--line);color:var(--muted)}
.t-stale,.t-new{color:var(--fail);border-color:var(--fail);background:#fff}
.t-fixed{color:var(--pass);border-color:var(--pass);background:#fff}
.det{padding:8px 16px 16px 28px;background:#fff;border-bottom:1px solid var(--line)}
.lz::before{content:"The evidence of this check is packed in the page: a current browser with JavaScript shows it (else read results.json).";color:var(--muted)}
.det pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0;overflow:auto;
max-height:420px;white-space:pre-wrap;word-break:break-word}
pre.msg{font:13px/1.5 var(--sans);border-left:4px solid var(--fail);background:var(--fail-bg);margin-top:6px}
pre.msg.m-error{border-left-color:var(--err);background:var(--err-bg)}
.devbox{background:var(--dev-bg);border:1px solid #d4a72c;border-radius:6px;padding:6px 10px;margin:8px 0}
.kv{display:grid;grid-template-columns:140px 1fr;gap:2px 12px;margin:10px 0 0}
.kv div{display:contents}
.kv dt{color:var(--muted);font-size:12px}
.kv dd{margin:0;font-size:13px}
.kv .url{font:11px var(--mono);color:var(--muted);word-break:break-all}
blockquote{margin:8px 0;padding:4px 12px;border-left:3px solid var(--line);color:#3d444d;font-style:italic}
.legend{margin:0 0 4px;font:12px var(--mono)}
.diff del,.diff ins,.diff .fold{display:block;text-decoration:none}
del,ins{text-decoration:none}
.diff del,h5 del{background:#ffebe9;color:#82071e}
.diff ins,h5 ins{background:#dafbe1;color:#116329}
.diff .fold{color:var(--muted);font-style:italic}
h5 del,h5 ins{padding:0 6px;border-radius:3px}
.http b{color:#0550ae}
.http i{font-style:normal;color:#6e7781}
.nb{color:var(--muted);font-style:italic}
.trunc{font-size:12px;color:var(--dev);margin:4px 0}
.terr{background:var(--err-bg);border-left:4px solid var(--err);padding:6px 10px;margin:8px 0;border-radius:4px}
.curl{position:relative}
.curl pre{padding-right:80px}
.curl .copy{display:none;position:absolute;right:8px;top:30px;font:12px var(--sans);padding:2px 10px;cursor:pointer;
border:1px solid var(--line);border-radius:6px;background:#fff}
.js .curl .copy{display:block}
.none{color:var(--muted);padding:12px}
footer{margin-top:32px;padding-top:12px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
[hidden]{display:none!important}
@media (max-width:800px){.hd,.r>summary,div.r{grid-template-columns:110px 1fr 130px}
:is(.hd,div.r,.r>summary)>:is(:nth-child(3),:nth-child(4),:nth-child(6)){display:none}}
@media print{
.ep-grp{content-visibility:visible}
@page{margin:14mm}
body{max-width:none;padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.filters,.copy,#f-none{display:none!important}
.grp[hidden]{display:block!important}
div.r[hidden],details.r>summary{display:grid!important}
details.r[hidden]{display:block!important}
details::details-content{content-visibility:visible!important;display:block!important}
.det pre{max-height:none;overflow:visible}
.kv a[href]::after{content:" " attr(href);font:9pt var(--mono);word-break:break-all}
.r>summary>:first-child::before{content:""}
.r>summary,div.r,.verdict,.ex{break-inside:avoid}
.gw-h,.ep-h{break-after:avoid}
a{color:inherit}
}
`;

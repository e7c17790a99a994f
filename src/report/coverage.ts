// The coverage table of a run as an HTML grid: endpoints down, rule families across, so a hole is seen at a
// glance. A view of coverage.json; every string goes through the escapers.

import type { Gateway, Status } from '../core/results.js';
import { escapeHtml as e, escapeText as t } from './escape.js';

export interface CoverageCheck {
  id: string;
  status?: Status;
}

export interface CoverageCell {
  family: string;
  constraint: string;
  checks: CoverageCheck[];
  exempt?: string;
}

export interface CoverageEndpoint {
  endpoint: string;
  path: string;
  schema: string;
  cells: CoverageCell[];
}

export interface GatewayCoverage {
  gateway: Gateway;
  families: string[];
  endpoints: CoverageEndpoint[];
}

export interface Coverage {
  format: 'paycert-coverage/1';
  generation?: { seed: number; budget: number };
  gateways: GatewayCoverage[];
}

type Mood = 'hole' | 'fail' | 'notrun' | 'pass' | 'exempt';

function moodOf(cell: CoverageCell): Mood {
  if (cell.checks.length === 0) return cell.exempt ? 'exempt' : 'hole';
  if (cell.checks.some((c) => c.status === 'failed' || c.status === 'error')) return 'fail';
  if (cell.checks.some((c) => c.status !== 'passed')) return 'notrun';
  return 'pass';
}

const RANK: Mood[] = ['hole', 'fail', 'notrun', 'pass', 'exempt'];

function gridCell(cells: CoverageCell[]): string {
  if (cells.length === 0) return '<td class="cv-na">·</td>';
  const moods = cells.map(moodOf);
  const worst = RANK.find((m) => moods.includes(m))!;
  const judged = cells.filter((c) => !c.exempt || c.checks.length > 0);
  const good = judged.filter((c) => moodOf(c) === 'pass').length;
  const title = cells.map(
    (c) => `${c.constraint}: ${c.checks.map((x) => x.id).join(', ') || c.exempt || 'NO CHECK'}`,
  );
  return `<td class="cv-${worst}" title="${e(title.join('\n'))}">${e(judged.length ? `${good}/${judged.length}` : 'exempt')}</td>`;
}

function gatewayTable(g: GatewayCoverage): string {
  const out = [
    `<h3>${e(g.gateway)}</h3>\n<div class="cv-wrap"><table class="cv"><thead><tr><th scope="col">endpoint</th>`,
  ];
  for (const f of g.families) out.push(`<th scope="col"><span>${e(f)}</span></th>`);
  out.push('</tr></thead><tbody>\n');
  for (const ep of g.endpoints) {
    out.push(`<tr><th scope="row" title="${e(`${ep.path} · ${ep.schema}`)}">${e(ep.endpoint)}</th>`);
    for (const f of g.families) out.push(gridCell(ep.cells.filter((c) => c.family === f)));
    out.push('</tr>\n');
  }
  out.push('</tbody></table></div>\n');
  for (const ep of g.endpoints) {
    const holes = ep.cells.filter((c) => moodOf(c) === 'hole').length;
    out.push(
      `<details class="cv-ep"><summary>${e(ep.endpoint)} · ${e(ep.cells.length)} cells${holes ? ` · <b>${e(holes)} without a check</b>` : ''}</summary><ul>`,
    );
    for (const c of ep.cells) {
      const what = c.checks.length
        ? c.checks.map((x) => `${x.id}${x.status ? ` ${x.status}` : ' not run'}`).join(', ')
        : c.exempt
          ? `exempt: ${c.exempt}`
          : 'no check';
      out.push(`<li class="cv-${moodOf(c)}">${t(c.family)} · ${t(c.constraint)} — ${t(what)}</li>`);
    }
    out.push('</ul></details>\n');
  }
  return out.join('');
}

/** The coverage section of the HTML report. */
export function renderCoverage(cov: Coverage): string {
  const seed = cov.generation
    ? ` Generated checks: seed ${e(cov.generation.seed)}, budget ${e(cov.generation.budget)} (replay with <code>--seed ${e(cov.generation.seed)}</code>).`
    : '';
  return [
    `<section class="coverage"><style>${CSS}</style><h2>Coverage</h2>`,
    `<p>Every documented request × rule family: passed constraints / constraints. Red: a check failed or errored; grey: not run; black: no check at all.${seed}</p>\n`,
    ...cov.gateways.map(gatewayTable),
    '</section>\n',
  ].join('');
}

const CSS = `
.cv-wrap{overflow-x:auto}
table.cv{border-collapse:collapse;font-size:12px}
table.cv th,table.cv td{border:1px solid #d0d7de;padding:2px 5px;text-align:center;white-space:nowrap}
table.cv thead th{vertical-align:bottom;height:110px}
table.cv thead th span{writing-mode:vertical-rl;transform:rotate(180deg)}
table.cv tbody th{text-align:left}
.cv-pass{background:#dafbe1}.cv-fail{background:#ffd8d3}.cv-notrun{background:#eaeef2}
.cv-hole{background:#24292f;color:#fff;font-weight:bold}.cv-exempt{background:#fff8c5}.cv-na{color:#8c959f}
details.cv-ep ul{font-size:12px;columns:2;margin:4px 0}
@media print{details.cv-ep{display:none}}
`;

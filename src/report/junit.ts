// JUnit XML for CI dashboards (GitLab, Jenkins, GitHub test reporters). One <testsuite> per gateway, one
// <testcase> per check. It is derived from results.json like the HTML, and redacted the same way.

import { redactDeep } from '../core/redact.js';
import type { Check, Gateway, Results } from '../core/results.js';
import { isKnownDeviation, notJudgedByReason, selectionText } from '../core/verdict.js';
import { gateMark } from './baseline.js';
import { stableJson } from './diff.js';
import { escapeXmlAttr as a, escapeXml as x } from './escape.js';
import { specLabel } from './spec-label.js';

const seconds = (ms: number) => (Number.isFinite(ms) ? Math.max(0, ms) / 1000 : 0).toFixed(3);

/** Dots separate the classname hierarchy (paycert › gateway › endpoint), so an endpoint must not add levels. */
function classPart(s: string | undefined): string {
  return (s || 'other').replace(/\./g, '_');
}

type Outcome =
  | { kind: 'pass'; finding?: string; body?: string }
  | { kind: 'failure'; message: string; type: string; body: string }
  | { kind: 'error'; message: string; body: string }
  | { kind: 'skipped'; message: string };

function details(c: Check): string {
  const parts: string[] = [];
  if (c.message) parts.push(c.message);
  if (c.expected !== undefined) parts.push(`Expected:\n${stableJson(c.expected)}`);
  if (c.received !== undefined) parts.push(`Received:\n${stableJson(c.received)}`);
  if (c.specRef) parts.push(`Spec: ${specLabel(c.specRef)}${c.specRef.url ? ` ${c.specRef.url}` : ''}`);
  for (const ev of c.evidence ?? []) {
    const res = ev.response ? `HTTP ${ev.response.status}` : 'no response';
    parts.push(
      `${ev.request.method} ${ev.request.url} -> ${res}${ev.error ? ` (transport error: ${ev.error})` : ''}`,
    );
    if (ev.curl) parts.push(`Replay:\n${ev.curl}`);
  }
  return parts.join('\n\n');
}

/** With `--fail-on new`, a check failing in the baseline too does not fail the run: a dashboard shows it as skipped,
 * saying so, and keeps the failures for new ones; with `--fail-on any` the failure stays and names itself. */
function gatedOutcome(c: Check, r: Results): Outcome {
  const o = caseOutcome(c, r.strict ?? false);
  const mark = gateMark(r.gate, c.id);
  if (!mark || !r.gate || (o.kind !== 'failure' && o.kind !== 'error')) return o;
  const label = mark === 'new' ? 'new failure' : `still failing since baseline ${r.gate.baseline}`;
  if (mark === 'still' && r.gate.failOn === 'new')
    return { kind: 'skipped', message: `${label} (not new: --fail-on new): ${o.message}` };
  return { ...o, message: `${label}: ${o.message}` };
}

function caseOutcome(c: Check, strict: boolean): Outcome {
  if (c.deviation?.stale) {
    return {
      kind: 'failure',
      type: c.level,
      message: `stale deviation: listed as known deviation but the check ${c.status}: ${c.deviation.reason}`,
      body: details(c),
    };
  }
  if ((c.status === 'failed' || c.status === 'error') && isKnownDeviation(c))
    return { kind: 'skipped', message: `known deviation: ${c.deviation!.reason}` };
  switch (c.status) {
    case 'passed':
      return { kind: 'pass' };
    case 'failed':
      // A SHOULD failure of a non-strict run does not count against the verdict: a <failure> would mark the build
      // unstable in Jenkins and GitLab while the verdict passes. It is a passed case carrying the finding.
      if (c.level === 'SHOULD' && !strict)
        return {
          kind: 'pass',
          finding: `SHOULD failed (does not count without --strict): ${(c.message || `${c.id} failed`).split('\n')[0]}`,
          body: details(c),
        };
      return { kind: 'failure', type: c.level, message: c.message || `${c.id} failed`, body: details(c) };
    case 'error': {
      const transport = (c.evidence ?? []).find((ev) => ev.error)?.error;
      const message = c.message || transport || `${c.id} could not run`;
      // As for failures: a SHOULD check that could not run does not count without --strict, so it does not make
      // the build red; it is skipped with its reason (never passed: it judged nothing).
      if (c.level === 'SHOULD' && !strict)
        return {
          kind: 'skipped',
          message: `SHOULD check not judged (does not count without --strict): ${message.split('\n')[0]}`,
        };
      return { kind: 'error', message, body: details(c) };
    }
    default:
      return {
        kind: 'skipped',
        message: `${c.notApplicable ? 'not applicable: ' : ''}${c.message || 'skipped without a reason'}`,
      };
  }
}

/** Renders the results as JUnit XML: `<testsuites>` › `<testsuite name="paycert.<gateway>">` › `<testcase>`. */
export function renderJunit(input: Results): string {
  // Only failures carry details; the rest is dropped before redaction so large runs stay fast.
  const r = redactDeep({
    ...input,
    checks: input.checks.map((c) =>
      c.status === 'failed' || c.status === 'error' || c.deviation?.stale
        ? c
        : { ...c, evidence: undefined, expected: undefined, received: undefined },
    ),
  });
  const order = r.gateways.map((g) => g.gateway as string);
  for (const c of r.checks) if (!order.includes(c.gateway)) order.push(c.gateway);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const gateway of order) {
    const g = r.gateways.find((it) => it.gateway === gateway);
    const checks = r.checks.filter((c) => c.gateway === gateway);
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    let ms = 0;
    const cases: string[] = [];
    for (const c of checks) {
      const o = gatedOutcome(c, r);
      counts.tests++;
      ms += c.durationMs || 0;
      const props = [
        ['level', c.level],
        ['reading', c.reading],
        ['status', c.status],
        ...(c.specRef ? [['spec', specLabel(c.specRef)]] : []),
        ...(c.specRef?.url ? [['spec.url', c.specRef.url]] : []),
        ...(c.deviation ? [['deviation', c.deviation.reason]] : []),
        ...(o.kind === 'pass' && o.finding ? [['finding', o.finding]] : []),
        ...(gateMark(r.gate, c.id) ? [['baseline', gateMark(r.gate, c.id)!]] : []),
      ]
        .map(([k, v]) => `        <property name="${a(k)}" value="${a(v)}"/>\n`)
        .join('');
      let body = '';
      if (o.kind === 'failure') {
        counts.failures++;
        body = `      <failure message="${a(o.message)}" type="${a(o.type)}">${x(o.body)}</failure>\n`;
      } else if (o.kind === 'error') {
        counts.errors++;
        body = `      <error message="${a(o.message)}" type="error">${x(o.body)}</error>\n`;
      } else if (o.kind === 'skipped') {
        counts.skipped++;
        body = `      <skipped message="${a(o.message)}"/>\n`;
      } else if (o.finding) {
        body = `      <system-out>${x(`${o.finding}\n\n${o.body ?? ''}`)}</system-out>\n`;
      }
      cases.push(
        `    <testcase classname="${a(`paycert.${gateway}.${classPart(c.endpoint)}`)}" name="${a(`${c.id} ${c.title}`)}" time="${seconds(c.durationMs)}">\n`,
        `      <properties>\n${props}      </properties>\n`,
        body,
        '    </testcase>\n',
      );
    }
    const sc = r.scope;
    const suiteProps = [
      ['target', g?.target ?? ''],
      ['verdict', g?.verdict ?? ''],
      ...(g?.statement ? [['scope', g.statement]] : []),
      ...(g?.judged ? [['mustJudged', `${g.judged.must} of ${g.judged.mustTotal}`]] : []),
      ...(sc
        ? [
            ['scope.runId', sc.runId],
            ['scope.selection', selectionText(r) || 'whole catalogue'],
            ['scope.seed', String(sc.seed)],
            ['scope.budget', String(sc.budget)],
            ['scope.catalogueHash', sc.catalogueHash[gateway as Gateway] ?? ''],
            ...(sc.capabilities
              ? [['scope.capabilities', (sc.capabilities[gateway as Gateway] ?? []).join(', ')]]
              : []),
            ...(sc.deviations.length ? [['scope.deviations', sc.deviations.join(', ')]] : []),
          ]
        : []),
      ...(g?.error ? [['error', g.error]] : []),
      ...notJudgedByReason(
        r.checks.filter((c) => c.gateway === gateway),
        r.strict ?? false,
      ).map((x) => ['notJudged', `${x.ids.join(', ')}: ${x.reason}`]),
      ...(r.allowIncomplete ? [['allowIncomplete', 'true']] : []),
      ...(r.gate
        ? [
            ['baseline', r.gate.baseline],
            ['failOn', r.gate.failOn],
            ['gate', r.gate.passed ? 'passed' : 'failed'],
          ]
        : []),
      ['profileVersion', r.profileVersion],
      ['tool', `${r.tool.name} ${r.tool.version}`],
      ['runId', r.runId],
      ['strict', String(r.strict ?? false)],
      ...(r.shard ? [['shard', `${r.shard.index}/${r.shard.total}`]] : []),
    ]
      .map(([k, v]) => `      <property name="${a(k)}" value="${a(v)}"/>\n`)
      .join('');
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    suites.push(
      `  <testsuite name="${a(`paycert.${gateway}`)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(ms)}" timestamp="${a(r.startedAt)}">\n`,
      `    <properties>\n${suiteProps}    </properties>\n`,
      ...cases,
      '  </testsuite>\n',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="paycert" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(r.durationMs)}">\n`,
    ...suites,
    '</testsuites>\n',
  ].join('');
}

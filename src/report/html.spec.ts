import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { expect } from 'chai';
import {
  baselineFixture,
  CANARIES,
  count,
  loadFixture,
  REGISTERED_SECRET,
  SECRETS,
} from '../../test/fixtures/results/index.js';
import { clearSecrets, registerSecret } from '../core/redact.js';
import { INLINE_DETAILS_LIMIT, renderHtml } from './html.js';

const scriptOf = (html: string) => {
  const m = /<script>([\s\S]*?)<\/script>\s*<\/body>/.exec(html);
  if (!m) throw new Error('no inline script');
  return m[1]!;
};

describe('report html', () => {
  const html = renderHtml(loadFixture());

  it('is one self-contained document: no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).to.equal(true);
    expect(html).not.to.match(/<link[^>]+stylesheet|<script[^>]+src=|<img|@import|url\(/i);
    expect(count(html, '<style>')).to.equal(1);
  });

  it('has a strict CSP whose script hash matches the inline script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const hash = createHash('sha256').update(scriptOf(html), 'utf8').digest('base64');
    expect(csp).to.equal(
      `default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-${hash}&#39;; img-src data:`,
    );
  });

  it('escapes the XSS canaries wherever they appear', () => {
    for (const canary of CANARIES) expect(html).not.to.include(canary);
    // Element content keeps quotes (escapeText), attributes escape them (escapeHtml): either way no markup.
    expect(html).to.match(/&lt;img src=x onerror=(&quot;|")window\.__xss=1;alert\(1\)(&quot;|")&gt;/);
    expect(html).to.include('&lt;/script&gt;&lt;script&gt;window.__xss=2;alert(2)&lt;/script&gt;');
    // Exactly two script blocks: the JSON data block and the inline script.
    expect(count(html, '<script')).to.equal(2);
    expect(count(html, '</script>')).to.equal(2);
  });

  it('escapes hostile values in the embedded JSON and in attributes', () => {
    const r = loadFixture();
    r.runId = '</script><script>window.__xss=3</script>';
    r.gateways[0]!.target = '"><svg onload=alert(4)>';
    const out = renderHtml(r);
    expect(count(out, '</script>')).to.equal(2);
    expect(out).not.to.include('<svg');
    const meta = /<script type="application\/json" id="paycert-meta">([\s\S]*?)<\/script>/.exec(out)![1]!;
    expect(JSON.parse(meta).runId).to.equal(r.runId);
  });

  it('links spec sections only to http(s) URLs', () => {
    expect(html).to.include('href="https://docs.lesspay.example/api/v2#signing"');
    expect(html).not.to.match(/href="javascript:/i);
  });

  it('shows a verdict per gateway and the run header', () => {
    expect(html).to.match(/class="verdict v-not-certified" data-gateway="lesspay">.*NOT CERTIFIED/);
    expect(html).to.match(/class="verdict v-certified" data-gateway="payloco">.*>CERTIFIED</);
    for (const s of [
      'https://sandbox.lesspay.example/api/v2',
      '1.2.0',
      'paycert 0.1.0',
      '2024-06-12 09:41:07 UTC',
      '11.68 s',
    ])
      expect(html).to.include(s);
  });

  it('renders one row per check; failed and errored checks expand', () => {
    const r = loadFixture();
    expect(count(html, '<div class="r ') + count(html, '<details class="r ')).to.equal(r.checks.length);
    const expandable = r.checks.filter((c) => c.status === 'failed' || c.status === 'error').length;
    expect(count(html, '<details class="r')).to.equal(expandable);
  });

  it('shows deviations, not-applicable and skip reasons', () => {
    expect(html).to.include('KNOWN DEVIATION');
    expect(html).to.include('Known deviation: Sandbox rounds amounts instead of rejecting them');
    expect(html).to.include('STALE DEVIATION');
    expect(html).to.include('NOT APPLICABLE');
    expect(html).to.include('Not applicable: target does not declare capability &quot;payout&quot;');
    expect(html).to.include('Skipped: sandbox offers no 3-D Secure card flow');
  });

  it('shows evidence: transport error, truncation note, curl with a copy button, the diff', () => {
    expect(html).to.include('<b>Transport error:</b> ETIMEDOUT: no response within 10000 ms');
    expect(html).to.include('Body truncated by the harness');
    expect(count(html, 'class="copy"')).to.equal(
      loadFixture().checks.filter((c) => c.status === 'failed' || c.status === 'error').length,
    );
    expect(html).to.include('<del>−     "code": 1002,</del>');
  });

  it('marks new failures and fixes against a baseline and counts them in the header', () => {
    const out = renderHtml(loadFixture(), { baseline: baselineFixture() });
    expect(out).to.include('1 new failure</span>');
    expect(out).to.include('1 fixed</span>');
    expect(count(out, '>NEW FAILURE<')).to.equal(1);
    expect(count(out, '>FIXED<')).to.equal(1);
    expect(out).to.match(/data-x="new"><summary><i>LP-AUTH-002/);
    expect(html).not.to.include('NEW FAILURE');
  });

  it('keeps passed checks compact: no evidence rendered', () => {
    const r = loadFixture();
    const passed = r.checks.find((c) => c.id === 'PL-PAY-001')!;
    passed.evidence = [
      { request: { method: 'GET', url: 'http://127.0.0.1:1/passed-evidence' }, curl: 'curl x' },
    ];
    expect(renderHtml(r)).not.to.include('passed-evidence');
  });
});

// Issue 26: a long report embeds the failures' evidence deflated in a data block that the page inflates; the
// defences must hold inside it too (escaped canaries, no secrets), and every failing row keeps its message inline.
describe('report html: failure details packed in the page', () => {
  const fixture = loadFixture();
  const failing = fixture.checks.filter((c) => c.status === 'failed' || c.status === 'error');
  let packed = '';
  let block: RegExpExecArray | null = null;
  let parts: string[] = [];

  before(() => {
    // As at run start: the app secret is registered, so it is redacted wherever it appears.
    registerSecret(REGISTERED_SECRET);
    packed = renderHtml(fixture, { packDetails: true });
    block = /<script type="application\/octet-stream" id="paycert-details">([A-Za-z0-9+/=]+)<\/script>/.exec(
      packed,
    );
    parts = JSON.parse(inflateRawSync(Buffer.from(block?.[1] ?? '', 'base64')).toString('utf8')) as string[];
  });

  after(() => clearSecrets());

  it('has one data block more, and the CSP hash still matches the inline script', () => {
    expect(block).to.not.equal(null);
    expect(count(packed, '<script')).to.equal(3);
    expect(count(packed, '</script>')).to.equal(3);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(packed)![1]!;
    const hash = createHash('sha256').update(scriptOf(packed), 'utf8').digest('base64');
    expect(csp).to.include(`sha256-${hash}`);
  });

  it('each failing row has its message inline and a placeholder for its evidence', () => {
    expect(count(packed, '<details class="r')).to.equal(failing.length);
    expect(count(packed, '<div class="lz" data-d="')).to.equal(failing.length);
    expect(count(packed, '<pre class="msg')).to.equal(failing.filter((c) => c.message).length);
    expect(packed).not.to.include('class="copy"');
  });

  it('the packed parts hold the evidence, escaped as inline, without canaries or secrets', () => {
    const all = parts.join('\n');
    expect(all).to.include('<b>Transport error:</b> ETIMEDOUT: no response within 10000 ms');
    expect(all).to.include('<del>−     "code": 1002,</del>');
    expect(count(all, 'class="copy"')).to.equal(failing.length);
    for (const text of [packed, all]) {
      for (const canary of CANARIES) expect(text).not.to.include(canary);
      for (const secret of SECRETS) expect(text).not.to.include(secret);
    }
    // The same parts inline: packing changes where the evidence is, not what it says.
    const inline = renderHtml(fixture, { packDetails: false });
    for (const part of parts) expect(inline).to.include(part);
  });

  it('packs by itself when the details are long, and keeps identical evidence once', () => {
    const r = loadFixture();
    const template = r.checks.find((c) => c.status === 'failed' && c.evidence?.length)!;
    for (let i = 0; i < 400; i++) r.checks.push({ ...template, id: `LP-MANY-${String(i).padStart(3, '0')}` });
    const out = renderHtml(r);
    expect(out).to.include('id="paycert-details"');
    const inline = renderHtml(r, { packDetails: false });
    expect(inline.length).to.be.greaterThan(INLINE_DETAILS_LIMIT);
    expect(out.length).to.be.lessThan(inline.length / 4);
    const data = /id="paycert-details">([^<]+)</.exec(out)![1]!;
    const kept = JSON.parse(inflateRawSync(Buffer.from(data, 'base64')).toString('utf8')) as string[];
    expect(kept.length).to.be.at.most(failing.length + 1);
  });
});

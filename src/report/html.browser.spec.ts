// Loads the rendered fixture in Debian's chromium (CI installs it in .ci/run): filters, search, expansion, print
// layout, and proof that the XSS canaries stay inert. Leaves reports/screenshots/report.png as the artefact.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { type Browser, chromium, type Page } from 'playwright-core';
import { baselineFixture, loadFixture, REGISTERED_SECRET } from '../../test/fixtures/results/index.js';
import { CHROMIUM_FLAGS } from '../core/chromium.js';
import { clearSecrets, registerSecret } from '../core/redact.js';
import { renderHtml } from './html.js';

const CHROMIUM = process.env.PAYCERT_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../reports/screenshots/report.png', import.meta.url));

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

describe('report html in chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let dir: string;
  const problems: string[] = [];
  let dialogs = 0;
  const fixture = loadFixture();
  const shown = () => page.locator('.tbl .r:visible').count();

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.PAYCERT_SKIP_BROWSER === '1') this.skip();
      throw new Error(
        `${CHROMIUM} not found: apt-get install -y chromium, or set PAYCERT_SKIP_BROWSER=1 to skip`,
      );
    }
    registerSecret(REGISTERED_SECRET);
    dir = await mkdtemp(join(tmpdir(), 'paycert-html-'));
    const file = join(dir, 'index.html');
    await writeFile(file, renderHtml(fixture, { baseline: baselineFixture() }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:'))
        problems.push(`network: ${req.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  after(async () => {
    clearSecrets();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads without console errors, page errors or network requests', async () => {
    await page.waitForTimeout(200);
    expect(problems).to.deep.equal([]);
  });

  it('the XSS canaries do not execute', async () => {
    // Open every check so any injected markup would be live, then look for its side effects.
    await page.click('#x-open');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as any).__xss)).to.equal(undefined);
    expect(dialogs).to.equal(0);
    expect(await page.locator('.tbl img, .tbl svg, .tbl script').count()).to.equal(0);
    expect(
      await page.locator('text=<img src=x onerror="window.__xss=1;alert(1)">').count(),
    ).to.be.greaterThan(0);
    await page.click('#x-close');
  });

  it('the script runs under the CSP: the filter bar is shown and counts rows', async () => {
    expect(await page.locator('.filters').isVisible()).to.equal(true);
    expect(await page.textContent('#f-count')).to.equal(
      `${fixture.checks.length} of ${fixture.checks.length} checks shown`,
    );
    expect(await shown()).to.equal(fixture.checks.length);
  });

  it('status, level and gateway filters change the visible rows', async () => {
    const n = (pred: (c: (typeof fixture.checks)[number]) => boolean) => fixture.checks.filter(pred).length;
    await page.selectOption('#f-status', 'failed');
    expect(await shown()).to.equal(n((c) => c.status === 'failed'));
    await page.selectOption('#f-status', 'error');
    expect(await shown()).to.equal(n((c) => c.status === 'error'));
    await page.selectOption('#f-status', 'deviation');
    expect(await shown()).to.equal(n((c) => !!c.deviation && !c.deviation.stale));
    await page.selectOption('#f-status', 'na');
    expect(await shown()).to.equal(n((c) => !!c.notApplicable));
    await page.selectOption('#f-status', 'new');
    expect(await shown()).to.equal(1);
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-level', 'SHOULD');
    expect(await shown()).to.equal(n((c) => c.level === 'SHOULD'));
    await page.selectOption('#f-level', '');
    await page.selectOption('#f-gateway', 'payloco');
    expect(await shown()).to.equal(n((c) => c.gateway === 'payloco'));
    expect(await page.locator('[data-gw="lesspay"]').isVisible()).to.equal(false);
    await page.selectOption('#f-status', 'failed');
    expect(await shown()).to.equal(n((c) => c.gateway === 'payloco' && c.status === 'failed'));
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-gateway', '');
    expect(await shown()).to.equal(fixture.checks.length);
  });

  it('search matches ID, title and message', async () => {
    await page.fill('#f-q', 'lp-auth');
    expect(await shown()).to.equal(2);
    expect(await page.textContent('#f-count')).to.equal(`2 of ${fixture.checks.length} checks shown`);
    await page.fill('#f-q', 'three decimals');
    expect(await shown()).to.equal(1);
    await page.fill('#f-q', 'ETIMEDOUT');
    expect(await shown()).to.equal(1);
    await page.fill('#f-q', 'no such check anywhere');
    expect(await shown()).to.equal(0);
    expect(await page.locator('#f-none').isVisible()).to.equal(true);
    await page.fill('#f-q', '');
    expect(await shown()).to.equal(fixture.checks.length);
  });

  it('a failed check expands to its message, expected vs received and evidence', async () => {
    const row = page.locator('details.r', {
      has: page.locator('summary > i:first-child', { hasText: 'LP-AUTH-002' }),
    });
    const diff = row.locator('.diff');
    expect(await diff.isVisible()).to.equal(false);
    await row.locator('summary').click();
    expect(await diff.isVisible()).to.equal(true);
    expect(await row.locator('.diff del').allTextContents()).to.include('−     "code": 1002,');
    expect(await row.locator('.diff ins').allTextContents()).to.include('+     "code": 0,');
    expect(await row.locator('pre.msg').textContent()).to.match(/^Received: HTTP 200 with code 0/);
    expect(await row.locator('.curl code').textContent()).to.match(/^curl -sS -X POST/);
    const copy = row.locator('button.copy');
    await copy.click();
    const handle = await copy.elementHandle();
    await page.waitForFunction((el) => el!.textContent !== 'Copy', handle);
    await page.waitForFunction((el) => el!.textContent === 'Copy', handle);
  });

  it('print layout shows every check and every expanded detail', async () => {
    await page.selectOption('#f-status', 'passed');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).to.equal(false);
    expect(await shown()).to.equal(fixture.checks.length);
    const closed = page.locator('details.r:not([open]) .det').first();
    expect(await closed.isVisible()).to.equal(true);
    await page.emulateMedia({ media: 'screen' });
    await page.selectOption('#f-status', '');
  });

  it('saves a full-page screenshot as the artefact', async () => {
    await page.click('#x-close');
    for (const id of ['LP-AUTH-002', 'LP-QO-003']) {
      await page
        .locator('details.r', { has: page.locator('summary > i:first-child', { hasText: id }) })
        .evaluate((d) => {
          (d as HTMLDetailsElement).open = true;
        });
    }
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).to.equal(true);
    expect(problems).to.deep.equal([]);
  });
});

// Issue 26: a long report packs the failures' evidence; the page inflates it and shows it when a row opens, with the
// same defences (the canaries stay inert) and nothing fetched.
describe('report html in chromium: packed failure details', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let dir: string;
  const problems: string[] = [];
  let dialogs = 0;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.PAYCERT_SKIP_BROWSER === '1') this.skip();
      throw new Error(
        `${CHROMIUM} not found: apt-get install -y chromium, or set PAYCERT_SKIP_BROWSER=1 to skip`,
      );
    }
    dir = await mkdtemp(join(tmpdir(), 'paycert-html-packed-'));
    const file = join(dir, 'index.html');
    await writeFile(file, renderHtml(loadFixture(), { packDetails: true }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    page.on('request', (req) => {
      if (!req.url().startsWith('file:') && !req.url().startsWith('data:'))
        problems.push(`network: ${req.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.classList.contains('ready'));
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('an opened failing row shows its inflated evidence: diff, exchange and curl line', async () => {
    const row = page.locator('details.r', {
      has: page.locator('summary > i:first-child', { hasText: 'LP-AUTH-002' }),
    });
    expect(await row.locator('.lz').count()).to.equal(1);
    await row.locator('summary').click();
    await row.locator('.diff').waitFor();
    expect(await row.locator('.lz').count()).to.equal(0);
    expect(await row.locator('.diff del').allTextContents()).to.include('−     "code": 1002,');
    expect(await row.locator('pre.msg').textContent()).to.match(/^Received: HTTP 200 with code 0/);
    expect(await row.locator('.curl code').textContent()).to.match(/^curl -sS -X POST/);
  });

  it('expanding every failure fills them all, and the canaries do not execute', async () => {
    await page.click('#x-open');
    await page.waitForFunction(() => document.querySelectorAll('.tbl .lz').length === 0);
    expect(await page.evaluate(() => (window as any).__xss)).to.equal(undefined);
    expect(dialogs).to.equal(0);
    expect(await page.locator('.tbl img, .tbl svg, .tbl script').count()).to.equal(0);
    expect(
      await page.locator('text=<img src=x onerror="window.__xss=1;alert(1)">').count(),
    ).to.be.greaterThan(0);
    expect(problems).to.deep.equal([]);
  });
});

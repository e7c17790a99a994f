import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { parse } from 'node-html-parser';
import { chromium } from 'playwright-core';
import { largeResults } from '../../test/fixtures/results/large.js';
import { CHROMIUM_FLAGS } from '../core/chromium.js';
import { renderHtml } from './html.js';

// Issue 23: the verdict card leads with the failed MUST checks and their root cause; long IDs wrap.

describe('report verdict card (issue 23)', function () {
  this.timeout(60_000);
  const results = largeResults(3000);
  const html = renderHtml(results);

  it('lists the failed MUST checks first, each with the checks that needed it, then what was not judged', () => {
    const card = parse(html).querySelector('section.verdict')!;
    const facts = card.querySelector('.facts')!.text;
    expect(facts).to.match(/^4400 MUST checks not judged · /);
    expect(facts).not.to.include('judgeds');
    const first = card.querySelector('.fm li')!.text;
    expect(first).to.equal(
      'LP-CO-001 — code of a valid cashier create: expected 0, received 10 (and 4000 checks that needed it, not judged)',
    );
    const html0 = card.toString();
    expect(html0.indexOf('class="fm"')).to.be.lessThan(html0.indexOf('class="nj"'));
  });

  it('a long generated ID wraps inside its column in Chromium instead of overrunning the title', async function () {
    const exe = process.env.PAYCERT_CHROMIUM ?? '/usr/bin/chromium';
    if (!existsSync(exe)) {
      if (process.env.PAYCERT_SKIP_BROWSER === '1') this.skip();
      throw new Error(`${exe} not found: apt-get install -y chromium, or set PAYCERT_SKIP_BROWSER=1 to skip`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'paycert-card-'));
    const file = join(dir, 'index.html');
    await writeFile(file, html);
    const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      const overrun = await page.evaluate(() => {
        const ids = [...document.querySelectorAll('.tbl .r')]
          .map(
            (r) => (r.matches('details') ? r.querySelector('summary') : r)?.firstElementChild as HTMLElement,
          )
          .filter((el) => el?.textContent?.includes('TOO-LONG-FOR-A-COLUMN'));
        return { count: ids.length, over: ids.filter((el) => el.scrollWidth > el.clientWidth + 1).length };
      });
      expect(overrun.count).to.be.greaterThan(0);
      expect(overrun.over).to.equal(0);
    } finally {
      await browser.close();
    }
  });
});

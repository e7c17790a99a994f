import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../core/chromium.js';
import { UsageError } from '../core/errors.js';
import type { Completion, DriverIO, PaymentDriver, PaymentOrder, PaymentOutcome } from '../engine/drivers.js';
import { type BrowserStep, type DriverFile, pageFor, readDriverFile } from './driver-file.js';

// `--driver browser:FILE`: for payment pages that need JavaScript. The page is opened in the system Chromium through
// playwright-core (an optional dependency, loaded only here) and the file's steps for the outcome are played, like
// the browser tasks of the OpenID conformance suite's test plans.

type Playwright = typeof import('playwright-core');

/** playwright-core, or a usage error saying how to install it (`name` is for the test of that message). */
export async function loadPlaywright(flag: string, name = 'playwright-core'): Promise<Playwright> {
  try {
    const mod = (await import(name)) as Playwright & { default?: Playwright };
    return mod.chromium ? mod : mod.default!;
  } catch {
    throw new UsageError(`${flag} needs playwright-core, which is not installed: npm i playwright-core`);
  }
}

export function chromiumPath(): string {
  return process.env.PAYCERT_CHROMIUM ?? '/usr/bin/chromium';
}

const describeStep = (s: BrowserStep) =>
  Object.entries(s)
    .filter(([k]) => k !== 'timeoutMs')
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
    .join(' ');

export class BrowserDriver implements PaymentDriver {
  readonly name: string;
  private browser?: Promise<Browser>;

  private constructor(
    path: string,
    private readonly file: DriverFile,
    private readonly playwright: Playwright,
  ) {
    this.name = `browser:${path}`;
  }

  /** Reads the file and loads playwright-core up front, so a missing piece is a usage error before the run. */
  static async open(path: string): Promise<BrowserDriver> {
    const flag = `--driver browser:${path}`;
    const file = readDriverFile(path, 'browser', flag);
    const playwright = await loadPlaywright(flag);
    if (!existsSync(chromiumPath()))
      throw new UsageError(
        `${flag}: no Chromium at ${chromiumPath()}: install chromium or set PAYCERT_CHROMIUM`,
      );
    return new BrowserDriver(path, file, playwright);
  }

  async complete(order: PaymentOrder, outcome: PaymentOutcome, io: DriverIO): Promise<Completion> {
    const hit = pageFor(this.file, order);
    if (!hit) return { done: false, reason: `no page of ${this.name} matches ${order.url}` };
    const steps = hit.page.steps?.[outcome];
    if (!steps) return { done: false, reason: `${this.name} declares no steps for the outcome "${outcome}"` };
    this.browser ??= this.playwright.chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_FLAGS,
    });
    const context = await (await this.browser).newContext();
    const trail: string[] = [];
    // What the page sent besides loading itself: the requests that finished the payment, for the report.
    context.on('response', (r) => {
      if (r.request().method() !== 'GET')
        trail.push(`page sent ${r.request().method()} ${r.url()} → HTTP ${r.status()}`);
    });
    const started = Date.now();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(io.timeoutMs);
      const opened = await page.goto(order.url);
      trail.push(`opened ${order.url} → HTTP ${opened?.status() ?? '?'}`);
      for (const [i, step] of steps.entries()) {
        const timeout = step.timeoutMs ?? io.timeoutMs;
        try {
          if ('go' in step) await page.goto(new URL(hit.fill(step.go), page.url()).href, { timeout });
          else if ('fill' in step) await page.fill(step.fill, hit.fill(step.value), { timeout });
          else if ('click' in step) await page.click(step.click, { timeout });
          else if ('select' in step) await page.selectOption(step.select, hit.fill(step.value), { timeout });
          else if ('waitForText' in step)
            await page.getByText(hit.fill(step.waitForText)).first().waitFor({ timeout });
          else await page.waitForURL(new RegExp(hit.fill(step.waitForUrl)), { timeout });
        } catch (err) {
          const why = (err as Error).message.split('\n')[0];
          return {
            done: false,
            reason: `step ${i + 1} (${describeStep(step)}) did not work: ${why} | ${trail.join(' | ')}`,
          };
        }
        trail.push(describeStep(step));
      }
      return { done: true, how: `in Chromium in ${Date.now() - started} ms: ${trail.join(' | ')}` };
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser).close();
  }
}

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where browser tests leave their screenshots (gitignored; CI keeps the folder as an artifact). */
export const ARTIFACTS = 'test-artifacts';

/**
 * Debian's chromium (`npm test` installs it: scripts/ensure-test-packages.mjs)
 * driven by playwright-core, headless, with a fresh user-data-dir per browser
 * and nothing running in the background (no component updates, no network of
 * its own), so a test sees only the page's own traffic.
 */
export class TestBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
    /** Messages the pages logged at error level, and uncaught exceptions. */
    readonly errors: string[],
  ) {}

  static async launch(): Promise<TestBrowser> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'oddsgate-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    return new TestBrowser(context, userDataDir, []);
  }

  /** A new tab at `url`, its console errors and page errors collected. */
  async open(url: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    page.on('console', (m) => m.type() === 'error' && this.errors.push(m.text()));
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    await page.goto(url);
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/** Saves a screenshot of the page under test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}

/** What the demo page exposes on window (src/demo/main.ts). */
export interface DemoProbe {
  violations: number;
  updates: number;
  state: string;
  nodeId: string | undefined;
  playerId: string | undefined;
}

export function probe(page: Page): Promise<DemoProbe> {
  return page.evaluate(() => ({ ...(window as unknown as { oddsgateDemo: DemoProbe }).oddsgateDemo }));
}

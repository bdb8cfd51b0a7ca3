/**
 * Real headless Chromium (Debian's `chromium`, installed by `npm test` when missing) driven by
 * playwright-core, with a new empty profile each time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The browser's own language (date inputs read jj/mm/aaaa), as a French assistant's would be.
  '--lang=fr-FR',
];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

export async function launchBrowser(viewport = { width: 1280, height: 860 }): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run the suite with \`npm test\`, which installs it`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    locale: 'fr-FR',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the `expression` is true in the page, polling from Node with `page.evaluate` (a DevTools
 * call), not `page.waitForFunction`, whose in-page polling evaluates strings and so trips the
 * application's strict Content-Security-Policy (no 'unsafe-eval').
 */
export async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline)
      throw new Error(`page condition not met within ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The reports page in real headless Chromium: an admin reads a week's tiles and the three charts,
 * changes the period with the form (no script), and the page fits a phone's width; desktop and
 * phone screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebRuntime } from '../../../src/main/runtime';
import { launchBrowser, type Browser } from '../../helpers/browser';
import { seedReportRollups, WEEK } from '../../integration/reports-fixtures';
import { makeClient, makeUser, PASSWORD, startTestWeb, testConfig } from '../../integration/web/web-fixture';

const SHOTS = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'artifacts',
  'screenshots',
  process.env.SCREENSHOT_SET ?? 'after',
);
const NB = '\u202f';

describe('the reports page in real headless Chromium', () => {
  let web: WebRuntime;
  let browser: Browser;
  let base: string;
  let email = '';
  const weekUrl = () => `/reports?period=${WEEK.period}&date=${WEEK.date}`;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    base = `http://127.0.0.1:${web.port}`;
    const a = await makeClient('Cabinet Alpha');
    const b = await makeClient('Cabinet Bêta');
    const assistant = await makeUser('assistant', [a.id], 'Claire Vidal');
    await seedReportRollups(a.id, b.id, assistant.id);
    email = (await makeUser('admin', [], 'Alice Admin')).email;
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  async function signIn(page: Page) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
  }

  /** How far the page scrolls sideways beyond the viewport (0 when it fits). */
  const overflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  async function expectChartsVisible(page: Page) {
    const figures = page.locator('figure.chart');
    await expect(figures.count()).resolves.toBe(3);
    for (const caption of ['Appels par jour', 'Heures d’appel', 'Délai de traitement']) {
      const figure = page.locator('figure.chart', { has: page.getByText(caption, { exact: true }) });
      await expect(figure.isVisible()).resolves.toBe(true);
      await expect(figure.locator('svg').isVisible()).resolves.toBe(true);
      const box = await figure.locator('svg').boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await expect(
        figure.getByRole('link', { name: 'Les chiffres de ce graphique (CSV)' }).isVisible(),
      ).resolves.toBe(true);
    }
  }

  it('when an admin opens the reports from the header, then the week reads in words with its charts', async () => {
    const page = await browser.context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Rapports', exact: true }).click();
    await page.waitForURL(`${base}/reports`);
    await page.goto(`${base}${weekUrl()}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Semaine du lundi 23 au dimanche 29 novembre 2026');
    expect(text).toContain(`+32${NB}% par rapport à la semaine précédente`);
    const calls = page.getByRole('region', { name: 'Appels' });
    await expect(calls.locator('.figure').innerText()).resolves.toBe('66 appels');
    await expectChartsVisible(page);
    await expect(page.locator('th[aria-sort]').count()).resolves.toBe(0);
    await expect(overflow(page)).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'reports-desktop.png'), fullPage: true });

    // The form works without script: a month, then the period before by its link.
    await page.getByLabel('Période', { exact: true }).selectOption('month');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/period=month/);
    await expect(page.locator('.period-words strong').innerText()).resolves.toBe('Novembre 2026');
    await page.getByRole('link', { name: 'Période précédente' }).click();
    await page.waitForURL(/date=2026-10-01/);
    await expect(page.locator('.period-words strong').innerText()).resolves.toBe('Octobre 2026');
    await page.close();
  });

  it('when the per-client table is sorted by its header link, then the order and aria-sort follow', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}${weekUrl()}`);
    await page.getByRole('link', { name: 'Messages', exact: true }).last().click();
    await page.waitForURL(/sort=messages&dir=desc/);
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Messages');
    await expect(page.locator('.report-table tbody th').first().innerText()).resolves.toBe('Cabinet Alpha');
    await page.close();
  });

  it('on a phone, the page fits the width: tiles stack, charts shrink, tables scroll in their box', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      const page = await phone.context.newPage();
      await signIn(page);
      await page.goto(`${base}${weekUrl()}`);
      await expectChartsVisible(page);
      await expect(overflow(page)).resolves.toBe(0);
      const tile = await page.locator('.tile').first().boundingBox();
      expect(tile!.width).toBeLessThanOrEqual(390);
      const scroller = page.locator('.table-scroll').first();
      const widths = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(widths[0]).toBeGreaterThan(widths[1]!);
      await page.screenshot({ path: path.join(SHOTS, 'reports-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});

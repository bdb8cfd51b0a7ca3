/**
 * The call log in real headless Chromium: an assistant sees every call, the transfer answered, the
 * silent caller and the blocked number each in words, opens the message a call left and a call's
 * timeline; desktop and phone screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebRuntime } from '../../../src/main/runtime';
import type { Client } from '../../../src/store/clients';
import { launchBrowser, type Browser } from '../../helpers/browser';
import { seedCalls, type SeededCall } from '../../integration/web/call-fixtures';
import { makeClient, makeUser, PASSWORD, startTestWeb, testConfig } from '../../integration/web/web-fixture';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots', 'after');

describe('the call log in real headless Chromium', () => {
  let web: WebRuntime;
  let browser: Browser;
  let page: Page;
  let client: Client;
  let base: string;
  let calls: SeededCall[];
  let email = '';
  const of = (kind: string) => calls.find((c) => c.kind === kind)!;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    base = `http://127.0.0.1:${web.port}`;
    client = await makeClient('Cabinet Martin');
    calls = await seedCalls(client.id, client.numbers[0]!);
    email = (await makeUser('assistant', [client.id], 'Camille Besson')).email;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  const row = (kind: string) => page.locator(`tr[data-sid="${of(kind).sid}"]`);

  it('when an assistant opens the calls, then each call reads in words, with its number and links', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Appels', exact: true }).click();
    await page.waitForURL(`${base}/calls`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Journal des appels');
    await expect(page.locator('tbody tr').count()).resolves.toBe(6);
    await expect(row('transferred').locator('.badge').allInnerTexts()).resolves.toEqual([
      '⚠ Urgent',
      'Transféré, répondu',
    ]);
    await expect(row('silent').locator('.badge').innerText()).resolves.toContain('Appelant silencieux');
    await expect(row('blocked').locator('.badge').innerText()).resolves.toBe('Numéro bloqué');
    await expect(row('blocked').locator('a[href^="tel:"]').innerText()).resolves.toBe('06 12 34 56 04');
    await expect(
      row('transfer-message').getByRole('link', { name: 'Voir le message' }).count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'calls-list.png'), fullPage: true });
  });

  it('when the message link of a call is followed, then the message page opens with the timeline in words', async () => {
    await row('transfer-message').getByRole('link', { name: 'Voir le message' }).click();
    await page.waitForURL(`${base}/messages/${of('transfer-message').messageId}`);
    const timeline = await page.locator('ol.timeline').innerText();
    expect(timeline).toContain('Transfert vers le cabinet\u202f: pas de réponse');
    expect(timeline).not.toMatch(/not bridged|no-answer/);
  });

  it('when a call is opened from the list, then its page shows the kind, duration and timeline', async () => {
    await page.goto(`${base}/calls`);
    await row('silent').locator('td').first().getByRole('link').click();
    await page.waitForURL(`${base}/calls/${of('silent').sid}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Appelant silencieux');
    expect(text).toContain('Menu\u202f: pas de réponse après 3 essais');
    expect(text).toContain('41\u202fs');
    await page.screenshot({ path: path.join(SHOTS, 'calls-detail.png'), fullPage: true });
  });

  it('when the number is typed with spaces in the filter, then only that caller’s call remains', async () => {
    await page.goto(`${base}/calls`);
    await page.getByLabel('Numéro de l’appelant').fill('06 12 34 56 04');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/caller=/);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('tbody .badge').innerText()).resolves.toBe('Numéro bloqué');
  });

  it('on a phone, the list stacks each call and keeps the words', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      const p = await phone.context.newPage();
      await p.goto(`${base}/login`);
      await p.getByLabel('Adresse e-mail').fill(email);
      await p.getByLabel('Mot de passe').fill(PASSWORD);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.waitForURL(`${base}/`);
      await p.goto(`${base}/calls`);
      await expect(p.locator('tbody tr').count()).resolves.toBe(6);
      const width = await p.evaluate('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await p.screenshot({ path: path.join(SHOTS, 'calls-list-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});

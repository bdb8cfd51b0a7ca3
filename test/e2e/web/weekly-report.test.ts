/** The weekly report preview in real headless Chromium: the email framed with its own styles, « Envoyer maintenant ». */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { lastCompleteWeek, weeklyReportKey } from '../../../src/app/weekly-report';
import { createClient } from '../../../src/store/clients';
import { OutboxModel } from '../../../src/store/models';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';

describe('the weekly report preview in real headless Chromium', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;
  const refused: string[] = [];

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
  }, 60_000);

  afterAll(() => closeAdminBrowser(session));

  it('when an admin opens the preview from the client page, then the email shows with its styles, and « Envoyer maintenant » puts it in the outbox once', async () => {
    const client = await createClient({
      name: 'Cabinet Lemoine',
      numbers: ['+33180000731'],
      notifications: { email: { enabled: true, to: ['lemoine@example.test'] } },
    });
    await signInAs(session);
    await page.goto(`${base}/admin/clients/${client.id}`);
    await page.getByRole('link', { name: 'Voir le rapport de la semaine dernière' }).click();
    await page.waitForURL(`${base}/admin/clients/${client.id}/weekly-report`);

    const frame = page.frameLocator('iframe.weekly-report-frame');
    const heading = frame.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^Votre semaine du \d/);
    // The email's inline styles apply inside its frame (the site's own policy would strip them).
    const fontSize = (h: unknown) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(h)
        .fontSize;
    expect(await heading.evaluate(fontSize)).toBe('20px');
    expect(
      await frame.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')!.slice(0, 22))),
    ).toEqual(['data:image/png;base64,', 'data:image/png;base64,', 'data:image/png;base64,']);
    expect(
      await frame.locator('img').evaluateAll((imgs) => imgs.every((i) => i.getAttribute('alt')!.length > 5)),
    ).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'admin-weekly-report.png'), fullPage: true });

    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await page.waitForURL(`${base}/admin/clients/${client.id}/weekly-report`);
    expect(await page.locator('.flash').first().textContent()).toContain(
      'Rapport envoyé à lemoine@example.test.',
    );
    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await page.waitForURL(`${base}/admin/clients/${client.id}/weekly-report`);
    expect(await page.locator('.flash').first().textContent()).toContain('déjà été envoyé');

    const key = weeklyReportKey(client.id, lastCompleteWeek(new Date(), client.timezone).from);
    const entries = await OutboxModel.find({ key }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.body).toContain('Le rapport complet');
    expect(entries[0]!.body).toContain('[calls.png, hours.png, handling.png]');
    expect(refused).toEqual([]);
  }, 60_000);
});

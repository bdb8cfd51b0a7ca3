/**
 * The settings history page in real headless Chromium: an admin changes a client's hours and rules,
 * reads the history, compares two versions and restores the first one after confirming.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { getClient } from '../../../src/store/clients';
import { makeClient } from '../../integration/web/web-fixture';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';

describe('the settings history page in real headless Chromium', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
  }, 60_000);

  afterAll(() => closeAdminBrowser(session));

  it('when an admin changes a client twice, then the history reads each change, compares versions and restores the first after confirming', async () => {
    const client = await makeClient('Cabinet Historique');
    const originalName = client.name;
    await signInAs(session);

    const save = async () => {
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Client enregistré.').waitFor();
    };
    await page.goto(`${base}/admin/clients/${client.id}`);
    await page.getByLabel('Lundi').fill('09:00-12:00, 14:00-18:00');
    await page.getByLabel('Numéros VIP').fill('+33620000706');
    await save();
    await page.getByLabel('Nom', { exact: true }).fill('Cabinet Historique Modifié');
    await page.getByRole('button', { name: 'Ajouter une règle' }).click();
    await page.getByLabel('Nom de la règle').fill('VIP');
    await page.locator('#f-rules-0-caller').selectOption('vip');
    await page.locator('#f-rules-0-action').selectOption('transfer');
    await save();

    await page.getByRole('link', { name: 'Historique des modifications' }).click();
    await page.waitForURL(`${base}/admin/clients/${client.id}/history`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Historique des réglages · Cabinet Historique Modifié',
    );
    const v3 = page.locator('#v3');
    await expect(v3.locator('.version-summary').textContent()).resolves.toBe(
      'Réglages modifiés\u00a0: Identité, Règles de routage',
    );
    await expect(v3.textContent()).resolves.toContain('Si appelant VIP\u00a0: transférer');
    await expect(v3.textContent()).resolves.toContain('page d’administration');
    await expect(page.locator('#v2').textContent()).resolves.toContain(
      'lundi\u00a0: 9 h – 12 h, 14 h – 18 h',
    );
    await page.screenshot({ path: path.join(SHOTS, 'settings-history.png'), fullPage: true });

    await page.getByLabel('De la version').selectOption({ label: 'Version 1' });
    await page.getByLabel('À la version').selectOption({ label: 'Version 3' });
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.locator('#comparison').waitFor();
    const comparison = (await page.locator('#comparison').textContent()) ?? '';
    expect(comparison).toContain('De la version 1 à la version 3');
    expect(comparison).toContain('+33 6 20 00 07 06');
    expect(comparison).toContain('Cabinet Historique Modifié');
    await page.locator('.compare').screenshot({ path: path.join(SHOTS, 'settings-history-compare.png') });

    await page.locator('#v1').getByRole('link', { name: 'Restaurer cette version' }).click();
    await page.getByRole('heading', { name: 'Restaurer la version 1\u00a0?' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'settings-history-restore.png'), fullPage: true });
    await page.getByRole('button', { name: 'Oui, restaurer' }).click();
    await page.getByText('Version 1 restaurée\u00a0: c’est maintenant la version 4.').waitFor();
    const restored = await getClient(client.id);
    expect(restored.name).toBe(originalName);
    expect(restored.rules).toEqual(client.rules);
    await expect(page.locator('#v4').textContent()).resolves.toContain('restauration de la version 1');
    await page.screenshot({ path: path.join(SHOTS, 'settings-history-restored.png'), fullPage: true });

    // On a phone, each change reads as a card: nothing runs off the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // A string, evaluated in the page (this project's types have no DOM).
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'settings-history-phone.png'), fullPage: true });
  });
});

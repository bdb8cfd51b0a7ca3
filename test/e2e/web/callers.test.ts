/**
 * The caller data page in real headless Chromium: an admin looks a caller up by their national
 * number, sees what each client holds, previews the erasure and confirms it; afterwards the same
 * search finds nothing left.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { countContactCall } from '../../../src/store/contacts';
import { MessageModel } from '../../../src/store/models';
import { makeClient, makeMessage } from '../../integration/web/web-fixture';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';

const CALLER = '+33620000803';

describe('the caller data admin page in real headless Chromium', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
    const lumiere = await makeClient('Cabinet Lumière');
    const garage = await makeClient('Garage Martin');
    for (const client of [lumiere, lumiere, garage]) {
      const m = await makeMessage(client.id, {
        callerNumber: CALLER,
        callbackNumber: CALLER,
        callerName: 'Jeanne Durand',
      });
      await countContactCall(client.id, CALLER, m.createdAt, 'Jeanne Durand');
    }
    await signInAs(session);
  }, 60_000);

  afterAll(() => closeAdminBrowser(session));

  it('when a number cannot be read, then the form says so and keeps what was typed', async () => {
    await page.goto(`${base}/admin/callers`);
    await page.getByLabel('Numéro de l’appelant').fill('12');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Ce numéro n’a pas pu être lu').first().waitFor();
    await expect(page.getByLabel('Numéro de l’appelant').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Numéro de l’appelant').inputValue()).resolves.toBe('12');
  });

  it('when an admin searches, previews and confirms, then the data is erased and a new search finds nothing', async () => {
    await page.goto(`${base}/admin/callers`);
    await page.getByRole('link', { name: 'Données des appelants' }).waitFor();
    await page.getByLabel('Numéro de l’appelant').fill('06 20 00 08 03');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const table = page.locator('table.caller-holdings');
    await table.waitFor();
    await expect(table.locator('thead').textContent()).resolves.toMatch(/Cabinet Lumière[^]*Garage Martin/);
    await expect(table.getByRole('row', { name: /Messages/ }).textContent()).resolves.toMatch(/2\s*1/);
    await expect(page.getByRole('button', { name: 'Télécharger l’export (ZIP)' }).isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: path.join(SHOTS, 'caller-search.png'), fullPage: true });

    // The export downloads a ZIP.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger l’export (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^caller-data-\d{4}-\d{2}-\d{2}\.zip$/);

    await page.getByRole('button', { name: 'Effacer les données…' }).click();
    await page.getByRole('heading', { name: 'Effacer les données de l’appelant' }).waitFor();
    await expect(page.locator('.erasure-plan').textContent()).resolves.toContain('Anonymisé');
    expect(await MessageModel.countDocuments({ callerNumber: CALLER })).toBe(3);
    await page.screenshot({ path: path.join(SHOTS, 'caller-preview.png'), fullPage: true });

    // A confirmation that does not check (tampered, or expired) erases nothing and offers a fresh one.
    await page
      .locator('input[name="token"]')
      .evaluate((el, forged) => el.setAttribute('value', forged), `1.${'x'.repeat(43)}`);
    await page.getByRole('button', { name: 'Confirmer l’effacement' }).click();
    await page
      .getByRole('alert')
      .getByText('La confirmation a expiré ou ne correspond pas à ce numéro')
      .waitFor();
    expect(await MessageModel.countDocuments({ callerNumber: CALLER })).toBe(3);

    await page.getByRole('button', { name: 'Confirmer l’effacement' }).click();
    await page.getByText('Les données de l’appelant ont été effacées.').waitFor();
    await expect(page.getByRole('row', { name: /Messages supprimés/ }).textContent()).resolves.toContain('3');
    await page.screenshot({ path: path.join(SHOTS, 'caller-erased.png'), fullPage: true });
    expect(await MessageModel.countDocuments({ callerNumber: CALLER })).toBe(0);

    await page.getByRole('link', { name: 'Nouvelle recherche' }).click();
    await page.getByLabel('Numéro de l’appelant').fill('+33 6 20 00 08 03');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Le service ne détient rien au sujet de ce numéro.').waitFor();
    await expect(page.getByRole('button', { name: 'Effacer les données…' }).count()).resolves.toBe(0);
  });
});

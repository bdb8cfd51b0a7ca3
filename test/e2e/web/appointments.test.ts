/**
 * The appointments of the web list in real headless Chromium: the week of a client with a few
 * appointments, then an appointment booked through « Nouveau rendez-vous » and cancelled after
 * confirming; the week also read at a phone's width, where the days stack.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { bookAppointment, findSlots } from '../../../src/app/appointments';
import type { ActionSource } from '../../../src/domain/access';
import { localDate } from '../../../src/domain/zoned-time';
import type { Client } from '../../../src/store/clients';
import { makeClient } from '../../integration/web/web-fixture';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';

const api: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
  ip: '',
  via: 'api',
};
const CALLERS = [
  ['Jeanne Dupont', '+33612345601', 'Contrôle annuel'],
  ['Paul Lefèvre', '+33612345602', 'Douleur au genou'],
  ['Amina Benali', '+33612345603', ''],
] as const;

describe('appointments in real headless Chromium', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;
  let client: Client;
  let day = '';

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
    page.setDefaultTimeout(8000);
    client = await makeClient('Cabinet Lumière');
    const deps = session.web.appointments;
    const slots = await findSlots(deps, client, { typeId: 'consultation', limit: 12 });
    day = localDate(slots[0]!.start, client.timezone);
    for (const [i, [callerName, callerNumber, reason]] of CALLERS.entries()) {
      await bookAppointment(deps, api, client, {
        typeId: 'consultation',
        start: slots[i * 3]!.start,
        callerName,
        callerNumber,
        ...(reason ? { reason } : {}),
      });
    }
    await signInAs(session);
  }, 60_000);

  afterAll(() => closeAdminBrowser(session));

  it('when the week is opened from the list, then it shows the appointments with their callers', async () => {
    await page.getByRole('link', { name: 'Rendez-vous' }).click();
    await page.waitForURL(/\/appointments/);
    await page.goto(`${base}/appointments?client=${client.id}&view=week&date=${day}`);
    await page.getByRole('heading', { name: 'Rendez-vous · Cabinet Lumière' }).waitFor();
    for (const [name] of CALLERS) await page.getByRole('link', { name }).waitFor();
    await expect(page.getByText('Douleur au genou').isVisible()).resolves.toBe(true);
    await expect(page.locator('.appointment').count()).resolves.toBe(3);
    await page.screenshot({ path: path.join(SHOTS, 'appointments-week.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // The days stack: Tuesday sits under Monday, as wide as it.
    const [monday, tuesday] = [
      await page.locator('.calendar-day').nth(0).boundingBox(),
      await page.locator('.calendar-day').nth(1).boundingBox(),
    ];
    expect(tuesday!.x).toBe(monday!.x);
    expect(tuesday!.y).toBeGreaterThan(monday!.y);
    expect(monday!.width).toBeGreaterThan(300);
    await page.screenshot({ path: path.join(SHOTS, 'appointments-week-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('when an appointment is booked through the form and then cancelled, then the week shows both', async () => {
    await page.goto(`${base}/appointments?client=${client.id}&view=week&date=${day}`);
    await page.getByRole('link', { name: '+ Nouveau rendez-vous' }).click();
    await page.getByRole('heading', { name: 'Nouveau rendez-vous · Cabinet Lumière' }).waitFor();
    const slot = page.locator('.slot label').first();
    const time = (await slot.textContent())!.trim();
    await slot.click();
    await page.getByLabel('Nom de l’appelant').fill('Lucie Martin');
    await page.getByLabel('Numéro de l’appelant').fill('06 11 22 33 44');
    await page.getByLabel('Motif').fill('Première visite');
    await page.screenshot({ path: path.join(SHOTS, 'appointment-new.png'), fullPage: true });
    await page.getByRole('button', { name: 'Réserver' }).click();
    await page.getByText('Rendez-vous pris pour').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Lucie Martin');
    await expect(page.locator('.flash-ok').textContent()).resolves.toContain(time);

    await page.getByRole('link', { name: 'Annuler le rendez-vous' }).click();
    await page.getByRole('heading', { name: 'Annuler ce rendez-vous\u00a0?' }).waitFor();
    await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click();
    await page.getByText('Rendez-vous annulé.').waitFor();
    await page.getByRole('link', { name: /Retour aux rendez-vous/ }).click();
    const lucie = page.locator('.appointment', { hasText: 'Lucie Martin' });
    await expect(lucie.getAttribute('class')).resolves.toContain('is-cancelled');
    await expect(lucie.textContent()).resolves.toContain('Annulé');
    await page.screenshot({ path: path.join(SHOTS, 'appointments-cancelled.png'), fullPage: true });
  });
});

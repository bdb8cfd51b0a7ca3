/** `/admin/retention` in real headless Chromium: run the purge now, read what it removed, edit a period. */
import path from 'node:path';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import { createClient, getClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import {
  markRecordingDeletionFailed,
  requestRecordingDeletions,
} from '../../../src/store/recording-deletions';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';

describe('the retention page in real headless Chromium', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
  }, 60_000);

  afterAll(() => closeAdminBrowser(session));

  it('when an admin runs the purge now, then the page shows when it ran and what it removed, and the periods can be edited from there', async () => {
    const client = await createClient({
      name: 'Cabinet Perrin',
      numbers: ['+33180000727'],
      retention: { messageDays: 30, recordingDays: 7, transcriptionDays: 30, callDays: 30 },
    });
    const old = new Date(Date.now() - 40 * 86_400_000);
    for (const key of ['CAbrowserretention01', 'CAbrowserretention02']) {
      await MessageModel.collection.insertOne({
        key,
        clientId: new Types.ObjectId(client.id),
        callSid: key,
        callerNumber: '+33620000098',
        summary: 'Ancien message',
        urgent: false,
        status: 'handled',
        recording: null,
        createdAt: old,
        updatedAt: old,
      });
    }
    const sid = 'RE0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    await requestRecordingDeletions([{ sid, clientId: client.id }], 'retention');
    await markRecordingDeletionFailed(sid, {
      attempts: 1,
      error: 'twilio unreachable: timeout of 15000ms exceeded',
      nextAttemptAt: new Date(Date.now() + 60_000),
    });

    await signInAs(session);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Conservation', exact: true }).click();
    await page.waitForURL(`${base}/admin/retention`);
    await page.getByText('La purge n’a pas encore tourné.').waitFor();

    await page.getByRole('button', { name: 'Lancer la purge maintenant' }).click();
    await page.getByText('Purge terminée.').waitFor();
    const removed = page.locator('table.retention-removed tbody tr', { hasText: 'Cabinet Perrin' });
    await expect(removed.locator('td[data-label="Messages"]').textContent()).resolves.toBe('2');
    await expect(page.locator('.retention-last').textContent()).resolves.toContain(
      'lancée par un administrateur',
    );
    const pending = page.locator('table.retention-deletions');
    await expect(pending.textContent()).resolves.toContain('twilio unreachable');
    await expect(pending.textContent()).resolves.not.toContain(sid);
    expect(await MessageModel.countDocuments({ clientId: client.id })).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'retention.png'), fullPage: true });

    await page
      .locator('table.retention-settings tr', { hasText: 'Cabinet Perrin' })
      .getByRole('link', { name: 'Modifier' })
      .click();
    await page.waitForURL(`${base}/admin/clients/${client.id}#f-messageDays`);
    await expect(page.locator('.retention-last-line').textContent()).resolves.toMatch(
      /Dernière purge\u00a0:.*Messages 2/s,
    );
    await page.getByLabel('Détails des appels (jours)').fill('365');
    await page.getByLabel('Transcriptions (jours)').fill('90');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Client enregistré.').waitFor();
    expect((await getClient(client.id)).retention).toEqual({
      messageDays: 30,
      recordingDays: 7,
      transcriptionDays: 90,
      callDays: 365,
    });
    await page.screenshot({ path: path.join(SHOTS, 'retention-client.png'), fullPage: true });
  });
});

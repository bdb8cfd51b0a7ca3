/**
 * The assistants' cockpit in real headless Chromium: the "to do" view, live counts and title,
 * urgent alerts (tone, banner, browser notification), unread markers, quick and bulk actions,
 * handled-then-next, keyboard shortcuts, the phone layout, the way back from the queue dashboard.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { publishMessageEvent } from '../../../src/infra/message-events';
import { redisNamespace } from '../../../src/infra/redis';
import type { WebRuntime } from '../../../src/main/runtime';
import type { Client } from '../../../src/store/clients';
import { MessageModel, UserModel } from '../../../src/store/models';
import { markHandled } from '../../../src/app/message-actions';
import { launchBrowser, waitInPage, type Browser } from '../../helpers/browser';
import {
  makeClient,
  makeMessage,
  makeUser,
  PASSWORD,
  startTestWeb,
  testConfig,
} from '../../integration/web/web-fixture';
import { seedMessages } from './demo-messages';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots', 'after');
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

/** Records the page's notifications and tones (the real ones still run underneath). In-page code. */
const RECORD_ALERTS = `(() => {
  const notes = [];
  window.__notes = notes;
  window.__tones = 0;
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      notes.push({ title, body: (options && options.body) || '', note: this });
    }
  };
  const create = window.AudioContext.prototype.createOscillator;
  window.AudioContext.prototype.createOscillator = function () {
    window.__tones += 1;
    return create.call(this);
  };
})();`;

async function signInAs(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${base}/`);
}

describe('the assistants’ cockpit in real headless Chromium', () => {
  let web: WebRuntime;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let client: Client;
  let base: string;
  let urgentId: string;
  let email = '';

  const publishNew = async (id: string, urgent: boolean) =>
    publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.created',
      messageId: id,
      clientId: client.id,
      urgent,
    });

  beforeAll(async () => {
    const cfg = testConfig(__filename);
    web = await startTestWeb(cfg);
    base = `http://127.0.0.1:${web.port}`;
    client = await makeClient('Cabinet Martin');
    urgentId = await seedMessages(client, cfg.twilio.accountSid);
    await makeMessage(client.id, { callerName: '', callerNumber: 'anonymous', reason: 'Rappel demandé' });
    email = (await makeUser('assistant', [client.id], 'Camille Besson')).email;
    await makeUser('assistant', [client.id], 'Élodie Roux');
    browser = await launchBrowser();
    context = browser.context;
    await context.grantPermissions(['notifications'], { origin: base });
    await context.addInitScript({ content: RECORD_ALERTS });
    page = await context.newPage();
    mkdirSync(SHOTS, { recursive: true });
    await signInAs(page, base, email);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('when the list opens, then it is the "to do" view, urgent first, unread rows marked, the title counts urgent ones', async () => {
    await expect(page.getByRole('link', { name: /À traiter/ }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    for (const name of ['Nouveaux', 'En cours', 'Traités', 'Tous']) {
      await expect(
        page
          .getByRole('navigation', { name: 'Vues des messages' })
          .getByRole('link', { name: new RegExp(name) })
          .count(),
      ).resolves.toBe(1);
    }
    await expect(page.locator('tbody tr').first().getAttribute('id')).resolves.toBe(`m-${urgentId}`);
    await expect(page.title()).resolves.toBe('(1) Messages · Accueil téléphonique');
    await expect(page.locator('tr.is-unread').count()).resolves.toBe(6);
    await expect(page.locator('tbody').getByText('Numéro masqué').count()).resolves.toBe(1);
    await expect(page.locator('tbody').getByText('anonymous').count()).resolves.toBe(0);
    await shot(page, 'cockpit-list');
  });

  it('when a new urgent message arrives, then a tone, a banner and a notification alert, and counts and title update', async () => {
    await page.getByRole('button', { name: 'Activer les alertes' }).click();
    await page.getByRole('button', { name: 'Alertes activées' }).waitFor();
    await waitInPage(page, "document.documentElement.getAttribute('data-live') === 'on'", 10_000);
    const fresh = await makeMessage(client.id, {
      callerName: 'Élodie Garnier',
      urgent: true,
      reason: 'Fuite de gaz',
    });
    await publishNew(fresh.id, true);
    const banner = page.getByRole('alert').filter({ hasText: 'Message urgent d’Élodie Garnier' });
    await banner.waitFor({ timeout: 10_000 });
    await waitInPage(page, "document.title === '(2) Messages · Accueil téléphonique'", 10_000);
    await expect(page.locator('[data-count="open"]').first().textContent()).resolves.toBe('7');
    await expect(page.evaluate('window.__tones')).resolves.toBeGreaterThan(0);
    const notes = await page.evaluate<{ title: string; body: string }[]>(
      'window.__notes.map((n) => ({ title: n.title, body: n.body }))',
    );
    expect(notes).toEqual([{ title: 'Nouveau message urgent', body: 'Message urgent d’Élodie Garnier' }]);
    // The new urgent row joins the urgent ones, after the one that waited longer.
    await expect(page.locator('tbody tr').nth(1).getAttribute('id')).resolves.toBe(`m-${fresh.id}`);
    await shot(page, 'cockpit-urgent-alert', false);
    // A click on the notification opens the message.
    await page.evaluate('window.__notes[0].note.onclick()');
    await page.waitForURL(`${base}/messages/${fresh.id}`);
  });

  it('when an urgent message arrives while the assistant is on another page, then the alert still shows', async () => {
    await page.goto(`${base}/appointments`);
    await waitInPage(page, "document.documentElement.getAttribute('data-live') === 'on'", 10_000);
    const other = await makeMessage(client.id, { callerName: 'Marc Petit', urgent: true });
    await publishNew(other.id, true);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Message urgent de Marc Petit' })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('alert').getByRole('link', { name: 'Ouvrir le message' }).click();
    await page.waitForURL(`${base}/messages/${other.id}`);
  });

  it('when a colleague handles a message elsewhere, then its row leaves "to do" and the counts follow', async () => {
    await page.goto(`${base}/`);
    await waitInPage(page, "document.documentElement.getAttribute('data-live') === 'on'", 10_000);
    const before = Number(await page.locator('[data-count="open"]').textContent());
    const id = (await page.locator('tbody tr').last().getAttribute('data-id'))!;
    const colleague = await UserModel.findOne({ name: 'Élodie Roux' }).lean();
    const actor = {
      id: String(colleague!._id),
      label: colleague!.email,
      name: colleague!.name,
      role: 'assistant' as const,
      clientIds: [client.id],
      type: 'user' as const,
    };
    await markHandled(web.messages, { actor, ip: '127.0.0.1' }, id);
    await page.locator(`#m-${id}`).waitFor({ state: 'detached', timeout: 10_000 });
    await waitInPage(
      page,
      `document.querySelector('[data-count="open"]').textContent === '${before - 1}'`,
      10_000,
    );
    await expect(page.locator('[data-count="handled"]').textContent()).resolves.toBe('1');
  });

  it('when a message has been opened, then it is no longer unread for this user', async () => {
    await page.goto(`${base}/`);
    const row = page.locator('tbody tr').nth(1);
    await expect(row.getAttribute('class')).resolves.not.toContain('is-unread');
    await expect(page.locator(`#m-${urgentId}`).getAttribute('class')).resolves.toContain('is-unread');
  });

  it('when "?" is pressed, then the shortcuts help opens as a modal dialog that keeps focus, and Esc closes it', async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await dialog.waitFor();
    await expect(dialog.getByText('Message suivant dans la liste').count()).resolves.toBe(1);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await expect(
      page.evaluate("document.getElementById('shortcuts-help').contains(document.activeElement)"),
    ).resolves.toBe(true);
    await shot(page, 'cockpit-shortcuts-help', false);
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('when j, k and x are pressed, then the current row moves and is selected; in the search field they type', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const second = page.locator('tbody tr').nth(1);
    await expect(second.getAttribute('class')).resolves.toContain('is-current');
    await page.keyboard.press('x');
    await expect(second.locator('input[type=checkbox]').isChecked()).resolves.toBe(true);
    await page.keyboard.press('/');
    await page.keyboard.type('jx');
    await expect(page.locator('#q').inputValue()).resolves.toBe('jx');
    await expect(page.locator('tbody tr.is-current').count()).resolves.toBe(1);
    await page.locator('#q').fill('');
    await page.keyboard.press('Escape');
  });

  it('when rows are ticked and "Marquer traités" is pressed, then they are handled and the page says how many', async () => {
    await page.goto(`${base}/`);
    const rows = page.locator('tbody tr');
    const ids = await Promise.all([2, 3].map((i) => rows.nth(i).getAttribute('data-id')));
    for (const i of [2, 3]) await rows.nth(i).locator('input[type=checkbox]').check();
    await page.getByText('(2 messages sélectionnés)').waitFor();
    await shot(page, 'cockpit-bulk', false);
    await page.getByRole('button', { name: 'Marquer traités' }).click();
    await page.getByRole('status').filter({ hasText: '2 messages traités.' }).waitFor();
    const docs = await MessageModel.find({ _id: { $in: ids } }).lean();
    expect(docs.map((d) => d.status)).toEqual(['handled', 'handled']);
    await expect(page.locator(`#m-${ids[0]}`).count()).resolves.toBe(0);
  });

  it('when a row’s "Prendre" is pressed, then it is taken and the list stays', async () => {
    const row = page.locator('tbody tr').nth(2);
    const who = (await row.locator('a.open-link').textContent())!.replace(/\(non lu\)/, '').trim();
    await row.getByRole('button', { name: `Prendre le message de ${who}` }).click();
    await page.getByRole('status').filter({ hasText: 'Vous vous occupez de ce message.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(
      page.locator('tbody tr', { hasText: who }).getByText('Camille Besson').count(),
    ).resolves.toBe(1);
  });

  it('when "e" is pressed on a message page, then it is handled and the next one to do opens; g then l goes back', async () => {
    await page.goto(`${base}/messages/${urgentId}`);
    await page.keyboard.press('e');
    await page.getByText('Message traité. Message suivant\u202f:').waitFor();
    expect(page.url()).not.toContain(urgentId);
    expect((await MessageModel.findById(urgentId).lean())?.status).toBe('handled');
    await shot(page, 'message-page');
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await page.waitForURL(`${base}/`);
  });

  it('on a phone, then the list comes first, filters fold, tabs scroll to "Traités", numbers are tappable, nothing scrolls sideways', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/`);
    const fold = phone.locator('details.filter-fold');
    await expect(fold.evaluate((d) => (d as unknown as { open: boolean }).open)).resolves.toBe(false);
    await expect(phone.getByLabel('Rechercher').isVisible()).resolves.toBe(false);
    const firstRow = await phone.locator('tbody tr').first().boundingBox();
    expect(firstRow!.y).toBeLessThan(844);
    const tel = phone.locator('tbody a[href^="tel:"]').first();
    await expect(tel.getAttribute('href')).resolves.toMatch(/^tel:\+33\d{9}$/);
    await expect(tel.textContent()).resolves.toMatch(/^0\d( \d\d){4}$/);
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await shot(phone, 'cockpit-list-phone', false);
    const handled = phone.getByRole('link', { name: /Traités/ });
    await handled.scrollIntoViewIfNeeded();
    await handled.click();
    await phone.waitForURL(/status=handled/);
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await phone.goto(`${base}/?urgency=urgent&status=all`);
    await expect(fold.evaluate((d) => (d as unknown as { open: boolean }).open)).resolves.toBe(true);
    await phone.goto(`${base}/messages/${urgentId}`);
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await shot(phone, 'message-page-phone');
    await phone.close();
  });

  it('when an admin is on the queue dashboard, then a visible link leads back to the app', async () => {
    const adminEmail = (await makeUser('admin', [], 'Ada Admin')).email;
    const admin = await browser.context.newPage();
    await admin.context().clearCookies();
    await signInAs(admin, base, adminEmail);
    await admin.goto(`${base}/admin/queues`);
    await admin.getByText('Accueil téléphonique · files').first().waitFor({ timeout: 10_000 });
    // bull-board puts its header links in the menu at the top right.
    await admin.locator('header button[aria-haspopup="menu"]').click();
    const back = admin.getByRole('menuitem', { name: /Retour aux messages/ });
    await back.waitFor({ timeout: 10_000 });
    await admin.screenshot({ path: path.join(SHOTS, 'queue-dashboard-back-link.png') });
    await back.click();
    await admin.waitForURL(`${base}/`);
    await admin.close();
  });
});

import { mkdirSync } from 'node:fs';
import { redisNamespace } from '../../../src/infra/redis';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { publishMessageEvent } from '../../../src/infra/message-events';
import type { WebRuntime } from '../../../src/main/runtime';
import { MessageModel } from '../../../src/store/models';
import { seedMessages } from './demo-messages';
import type { Client } from '../../../src/store/clients';
import { launchBrowser, waitInPage, type Browser } from '../../helpers/browser';
import { startMediaStandIn, type MediaStandIn } from '../../integration/web/twilio-media-stand-in';
import {
  makeClient,
  makeMessage,
  makeUser,
  PASSWORD,
  startTestWeb,
  testConfig,
} from '../../integration/web/web-fixture';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

describe('the web list in real headless Chromium', () => {
  let web: WebRuntime;
  let media: MediaStandIn;
  let browser: Browser;
  let page: Page;
  let client: Client;
  let base: string;
  let recorded: string;

  beforeAll(async () => {
    const cfg = testConfig(__filename);
    media = await startMediaStandIn(cfg.twilio.accountSid, cfg.twilio.authToken);
    web = await startTestWeb(testConfig(__filename, { TWILIO_MEDIA_BASE_URL: media.baseUrl }));
    base = `http://127.0.0.1:${web.port}`;
    client = await makeClient('Cabinet Martin');
    await seedMessages(client, cfg.twilio.accountSid).then((id) => (recorded = id));
    await makeUser('assistant', [client.id], 'Camille Besson').then((u) => (email = u.email));
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  let email = '';

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await media?.close();
  });

  it('when an assistant signs in, then the list shows the messages, urgent ones first in the eye', async () => {
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    await expect(page.locator('tr.is-urgent').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'list.png'), fullPage: true });
  });

  it('when filtering on urgent, then only the urgent message remains', async () => {
    await page.getByLabel('Urgence').selectOption('urgent');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/urgency=urgent/);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Effacer' }).click();
    await page.waitForURL(`${base}/`);
  });

  it('when opening a message, then its recording plays through the service', async () => {
    await page.locator(`#m-${recorded} a.open-link`).click();
    await page.waitForURL(`${base}/messages/${recorded}`);
    const audio = page.locator('audio');
    await audio.evaluate((el) => (el as unknown as { load(): void }).load());
    await waitInPage(page, "(document.querySelector('audio')?.readyState ?? 0) >= 1", 10_000);
    const duration = await audio.evaluate((el) => (el as unknown as { duration: number }).duration);
    expect(duration).toBeGreaterThan(1.5);
    expect(media.requests.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'message.png'), fullPage: true });
  });

  it('when marking it handled, then the next message to do opens with a confirmation', async () => {
    await page.getByRole('button', { name: /Marquer comme traité/ }).click();
    await page.getByText('Message traité. Message suivant\u202f:').waitFor();
    expect(page.url()).not.toContain(recorded);
    expect((await MessageModel.findById(recorded).lean())?.status).toBe('handled');
  });

  it('when a new message is stored while the list is open, then it appears without a reload', async () => {
    await page.goto(`${base}/`);
    await waitInPage(page, "document.documentElement.getAttribute('data-live') === 'on'", 10_000);
    await new Promise((r) => setTimeout(r, 300)); // the EventSource connects
    const fresh = await makeMessage(client.id, { callerName: 'Nouvel Appelant', urgent: true });
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.created',
      messageId: fresh.id,
      clientId: client.id,
      urgent: true,
    });
    await page.locator(`#m-${fresh.id}`).waitFor({ timeout: 10_000 });
    await expect(page.locator('#live-status').textContent()).resolves.toContain('Nouvel Appelant');
  });

  it('on a phone-sized screen, then the list stays readable', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/`);
    await phone.screenshot({ path: path.join(SHOTS, 'list-phone.png'), fullPage: false });
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.close();
  });
});

/**
 * In real headless Chromium: the list is open when the client answers "OK" to the urgent SMS; the
 * row turns to "taken by the client" without a reload. And a message link from an SMS, opened
 * signed out, leads through the sign-in to that message.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import twilio from 'twilio';
import type { Config } from '../../../src/config/env';
import type { WebRuntime } from '../../../src/main/runtime';
import { deliveryKey } from '../../../src/notify';
import { ensureDeliveries, recordDelivery } from '../../../src/store/deliveries';
import type { Client } from '../../../src/store/clients';
import { launchBrowser, waitInPage, type Browser } from '../../helpers/browser';
import {
  makeClient,
  makeMessage,
  makeUser,
  PASSWORD,
  startTestWeb,
  testConfig,
} from '../../integration/web/web-fixture';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots', 'after');
const PHONE = '+33612345678';

describe('the client takes an urgent message by SMS, seen in Chromium', () => {
  let config: Config;
  let web: WebRuntime;
  let browser: Browser;
  let page: Page;
  let client: Client;
  let base: string;
  let email = '';

  beforeAll(async () => {
    config = testConfig(__filename);
    web = await startTestWeb(config);
    base = `http://127.0.0.1:${web.port}`;
    client = await makeClient('Cabinet Martin');
    email = (await makeUser('assistant', [client.id], 'Camille Besson')).email;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  /** An urgent message whose SMS went to the client's PHONE. */
  async function urgentSent(callerName: string, reason: string) {
    const message = await makeMessage(client.id, { callerName, reason, urgent: true });
    const sms = {
      key: deliveryKey(message.id, 'sms', 'notify', 0),
      channel: 'sms' as const,
      purpose: 'notify',
      to: PHONE,
    };
    await ensureDeliveries(message.id, [sms]);
    await recordDelivery(message.id, sms, { status: 'sent', attempts: 1 });
    return message;
  }

  /** The client's SMS reply, signed as Twilio signs it. */
  function replyBySms(body: string) {
    const params = { From: PHONE, To: client.numbers[0]!, Body: body, MessageSid: 'SM1' };
    const url = `${config.publicBaseUrl}/webhooks/sms/incoming`;
    return request(web.server)
      .post('/webhooks/sms/incoming')
      .type('form')
      .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(config.twilio.authToken, url, params))
      .send(params)
      .expect(200);
  }

  async function signInHere() {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('when a signed-out assistant opens a message link from an SMS, then after sign-in the message opens', async () => {
    const message = await urgentSent('Élodie Fournier', 'Malaise');
    await page.goto(`${base}/messages/${message.id}`);
    expect(new URL(page.url()).pathname).toBe('/login');

    await signInHere();

    await page.waitForURL(`${base}/messages/${message.id}`);
    await expect(page.locator('h1').innerText()).resolves.toContain('Élodie Fournier');
  });

  it('when the list is open and the client answers "OK", then the row shows the client took it, without a reload', async () => {
    const message = await urgentSent('Nadia Roux', 'Fièvre de l’enfant');
    await page.goto(`${base}/`);
    const row = page.locator(`#m-${message.id}`);
    await expect(row.innerText()).resolves.toContain('Personne');
    await page.evaluate('window.__notReloaded = true');
    // Let the live list connect before the reply.
    await new Promise((r) => setTimeout(r, 500));

    const answer = await replyBySms('OK');

    expect(answer.text).toContain('le message de Nadia Roux est pris en charge par vous.');
    await waitInPage(
      page,
      `(document.querySelector('#m-${message.id}')?.textContent ?? '').includes('Pris en charge par le client')`,
      10_000,
    );
    await expect(page.evaluate('window.__notReloaded === true')).resolves.toBe(true);
    const text = await row.innerText();
    expect(text).toMatch(
      /Pris en charge par le client \(SMS de 06\u00a012\u00a034\u00a056\u00a078 à \d{1,2}\u00a0h\u00a0\d\d\)/,
    );
    expect(text).toContain('En cours');
    expect(text).not.toContain('Personne');
    await page.screenshot({ path: path.join(SHOTS, 'message-claimed-by-sms.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(`document.querySelector('#m-${message.id}').scrollIntoView({ block: 'center' })`);
    await page.screenshot({ path: path.join(SHOTS, 'message-claimed-by-sms-phone.png') });
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.goto(`${base}/messages/${message.id}`);
    await expect(page.locator('.message-head').innerText()).resolves.toMatch(/Pris en charge par le client/);
    await page.screenshot({ path: path.join(SHOTS, 'message-page-claimed-by-sms.png') });
  });
});

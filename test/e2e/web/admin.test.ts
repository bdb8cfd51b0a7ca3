import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebRuntime } from '../../../src/main/runtime';
import { getClient, listClients } from '../../../src/store/clients';
import { launchBrowser, type Browser } from '../../helpers/browser';
import { makeClient, makeUser, PASSWORD, startTestWeb, testConfig } from '../../integration/web/web-fixture';
import { uniqueNumber } from '../../integration/web/admin/admin-fixture';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

describe('the admin client form in real headless Chromium', () => {
  let web: WebRuntime;
  let browser: Browser;
  let page: Page;
  let base: string;
  let email = '';

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    base = `http://127.0.0.1:${web.port}`;
    email = (await makeUser('admin', [], 'Ada Admin')).email;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('when an admin creates a client with a wrong time range, fixes it, saves and tests the setup', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(`${base}/admin/clients`);
    await page.getByRole('link', { name: /Nouveau client/ }).click();

    await page.getByLabel('Nom', { exact: true }).fill('Cabinet Rousseau');
    await page.getByLabel('Numéros dédiés').fill(uniqueNumber());
    await page.getByLabel('Lundi').fill('09:00-12:30, 18:30-14:00');
    await page.getByLabel('Destinataire 1 · Nom').fill('Dr Rousseau');
    await page.locator('#f-target0_number').fill('+33612345678');
    await page.getByLabel('Numéros VIP').fill('+33611111111');
    await page.getByRole('button', { name: 'Créer' }).click();

    await page.getByRole('alert').waitFor();
    await expect(page.locator('#f-hours_mon-error').textContent()).resolves.toContain('Plage 2');
    await expect(page.getByLabel('Lundi').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Cabinet Rousseau');
    expect((await listClients()).length).toBe(0);

    await page.getByLabel('Lundi').fill('09:00-12:30, 14:00-18:30');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.getByText('Client créé.').waitFor();
    expect((await listClients()).map((c) => c.name)).toEqual(['Cabinet Rousseau']);

    await page.getByLabel('Numéro de l’appelant').fill('+33611111111');
    await page.getByLabel('Date et heure (heure locale du client)').fill('2026-03-02T10:00');
    await page.getByRole('button', { name: 'Tester', exact: true }).click();
    await page.getByText('Décision\u202f: Transfert').waitFor();
    await expect(page.locator('.preview-result').textContent()).resolves.toContain('Dr Rousseau');
    await page.screenshot({ path: path.join(SHOTS, 'admin-client.png'), fullPage: true });
  });

  it('when an admin sets how the receptionist speaks, saves and reopens, then every choice is kept, "default" and "none" included', async () => {
    const client = await makeClient('Cabinet Lefèvre');
    await page.goto(`${base}/admin/clients/${client.id}`);
    const speech = page.getByRole('group', { name: 'Façon de parler' });
    const sector = speech.getByLabel('Activité');
    const spokenName = speech.getByLabel('Nom du client dans une phrase');
    const greet = speech.getByLabel('Nommer les appelants connus');
    const vocabulary = speech.getByLabel('Vocabulaire à reconnaître');
    const adviceMode = speech.getByLabel('Conseil en cas d’urgence');
    const advice = speech.getByLabel('Phrase personnalisée', { exact: true });
    const save = async () => {
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Client enregistré.').waitFor();
    };

    await expect(sector.inputValue()).resolves.toBe('medical');
    await expect(greet.inputValue()).resolves.toBe('');
    await expect(adviceMode.inputValue()).resolves.toBe('');
    await expect(page.locator('#f-emergencyAdvice-hint').textContent()).resolves.toContain(
      "«\u00a0En cas d'urgence vitale, raccrochez et composez le 15 ou le 112.\u00a0»",
    );

    await spokenName.fill('au cabinet Lefèvre');
    await greet.selectOption({ label: 'Non' });
    await vocabulary.fill('docteur Lefèvre\nkinésithérapie');
    await adviceMode.selectOption({ label: 'Phrase personnalisée' });
    await advice.fill('Pour une urgence vitale, composez le 15.');
    await save();
    expect(await getClient(client.id)).toMatchObject({
      spokenName: 'au cabinet Lefèvre',
      greetKnownCallers: false,
      vocabulary: ['docteur Lefèvre', 'kinésithérapie'],
      safety: { emergencyAdvice: 'Pour une urgence vitale, composez le 15.' },
    });
    await page.reload();
    await expect(spokenName.inputValue()).resolves.toBe('au cabinet Lefèvre');
    await expect(greet.inputValue()).resolves.toBe('no');
    await expect(vocabulary.inputValue()).resolves.toBe('docteur Lefèvre\nkinésithérapie');
    await expect(adviceMode.inputValue()).resolves.toBe('custom');
    await expect(advice.inputValue()).resolves.toBe('Pour une urgence vitale, composez le 15.');
    await speech.screenshot({ path: path.join(SHOTS, 'admin-client-speech.png') });

    await greet.selectOption({ label: 'Selon l’activité (par défaut)' });
    await adviceMode.selectOption({ label: 'Aucune' });
    await sector.selectOption({ label: 'Autre activité' });
    await save();
    const saved = await getClient(client.id);
    expect(saved.sector).toBe('other');
    expect(saved.greetKnownCallers).toBeUndefined();
    expect(saved.safety).toEqual({ emergencyAdvice: '' });
    await page.reload();
    await expect(sector.inputValue()).resolves.toBe('other');
    await expect(greet.inputValue()).resolves.toBe('');
    await expect(adviceMode.inputValue()).resolves.toBe('none');
  });

  it('on a phone-sized screen, then the client form fits the width', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/admin/clients/new`);
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(SHOTS, 'admin-client-phone.png'), fullPage: false });
    await phone.close();
  });
});

/**
 * The admin client form in real headless Chromium: the error summary that links to each field, the
 * locale and voice chosen by name, and the routing-rules builder (add, move, remove, save).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createClient, getClient, listClients } from '../../../src/store/clients';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { closeAdminBrowser, openAdminBrowser, signInAs, SHOTS, type AdminBrowser } from './admin-browser';
import { uniqueNumber } from '../../integration/web/admin/admin-fixture';

const AFTER = path.join(SHOTS, 'after');

describe('the admin client form’s error summary, names and rules builder in real headless Chromium', () => {
  let s: AdminBrowser;

  beforeAll(async () => {
    s = await openAdminBrowser(__filename);
    mkdirSync(AFTER, { recursive: true });
    await signInAs(s);
  }, 60_000);
  afterAll(() => closeAdminBrowser(s));

  it('when a new client is saved with errors, then the summary has the focus, names each field and its 2nd link focuses that field', async () => {
    const { page, base } = s;
    const before = (await listClients()).length;
    await page.goto(`${base}/admin/clients/new`);
    await page.getByLabel('Numéros dédiés').fill('0612');
    await page.getByLabel('Fuseau horaire').fill('EST');
    await page.getByLabel('Durée max. d’un appel (s)').fill('abc');
    await page.getByRole('button', { name: 'Créer' }).click();

    const summary = page.locator('#form-errors');
    await summary.waitFor();
    await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe(
      'form-errors',
    );
    const links = summary.getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual([
      'Nom\u202f: Ce champ est obligatoire.',
      'Numéros dédiés\u202f: Ligne 1\u202f: Numéro au format international attendu, par ex. +33180000000.',
      'Fuseau horaire\u202f: Fuseau horaire attendu sous la forme Zone/Lieu, par ex. Europe/Paris (UTC, EST ou Etc/… ignorent l’heure d’été).',
      'Durée max. d’un appel (s)\u202f: Nombre attendu.',
    ]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/expected|Invalid input|received/);

    await links.nth(1).click();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('f-numbers');
    const numbers = page.getByLabel('Numéros dédiés');
    await expect(numbers.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(numbers.getAttribute('aria-describedby')).resolves.toContain('f-numbers-error');
    await expect(page.locator('#f-numbers-error').textContent()).resolves.toContain('format international');
    expect((await listClients()).length).toBe(before);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(AFTER, 'client-form-errors.png'), fullPage: true });
  });

  it('when the language changes, then the voice list offers only that language’s voices, by name', async () => {
    const { page, base } = s;
    await page.goto(`${base}/admin/clients/new`);
    const locale = page.getByLabel('Langue', { exact: true });
    const voice = page.getByLabel('Voix', { exact: true });
    await expect(locale.locator('option').allTextContents()).resolves.toEqual([
      'Français (France)',
      'Anglais (États-Unis)',
    ]);
    const visible = () =>
      page.evaluate<string[]>(
        "[...document.querySelectorAll('#f-voice optgroup:not([disabled]) option')].map((o) => o.textContent.trim())",
      );
    await expect(visible()).resolves.toContain('Léa — voix féminine, neuronale (français)');
    await voice.selectOption({ label: 'Rémi — voix masculine, neuronale (français)' });
    await locale.selectOption({ label: 'Anglais (États-Unis)' });
    const english = await visible();
    expect(english).toContain('Joanna — voix féminine, neuronale (anglais)');
    expect(english.some((v) => v.includes('français'))).toBe(false);
    await expect(voice.inputValue()).resolves.toBe('');
  });

  it('when an admin adds, moves and removes rules with the keyboard and saves, then the saved rules are those in that order', async () => {
    const { page, base } = s;
    const client = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Règles',
      numbers: [uniqueNumber()],
      rules: [
        { name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
      ],
    });
    await page.goto(`${base}/admin/clients/${client.id}`);
    const builder = page.locator('#rules');
    await expect(builder.locator('#f-rules-0-name').inputValue()).resolves.toBe('VIP hors horaires');
    await expect(builder.locator('#f-rules-0-caller').inputValue()).resolves.toBe('vip');
    await expect(builder.locator('#f-rules-0-open').inputValue()).resolves.toBe('closed');
    await builder.screenshot({ path: path.join(AFTER, 'client-form-rules-builder-saved.png') });

    // With JavaScript, no empty block: rules are added with the button, by keyboard.
    await expect(builder.locator('fieldset.rule').count()).resolves.toBe(1);
    const add = builder.getByRole('button', { name: 'Ajouter une règle' });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.name')).resolves.toBe('rules[1][name]');
    await page.keyboard.type('Urgences dites');
    await builder.locator('#f-rules-1-urgentSpeech').selectOption('yes');
    await builder.locator('#f-rules-1-action').selectOption('transfer');
    await expect(builder.locator('#f-rules-1-text').isVisible()).resolves.toBe(false);
    await add.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Samedi');
    await builder.locator('#f-rules-2-action').selectOption('say');
    await expect(builder.locator('#f-rules-2-text').isVisible()).resolves.toBe(true);
    await builder.locator('#f-rules-2-text').fill('Le cabinet est fermé le samedi.');
    await builder.locator('label[for="f-rules-2-days-sat"]').click();
    await expect(page.locator('[data-rule-status]').textContent()).resolves.toBe('Règle 3 ajoutée.');

    // Move « Samedi » (rule 3) up to 2nd place, by keyboard; the focus stays on its button.
    await builder
      .getByRole('group', { name: 'Règle 3', exact: true })
      .getByRole('button', { name: 'Monter' })
      .focus();
    await page.keyboard.press('Enter');
    await expect(builder.locator('#f-rules-1-name').inputValue()).resolves.toBe('Samedi');
    await expect(builder.locator('#f-rules-2-name').inputValue()).resolves.toBe('Urgences dites');
    await expect(page.evaluate('document.activeElement.value')).resolves.toBe('up:1');
    await page.waitForTimeout(120);
    await expect(page.locator('[data-rule-status]').textContent()).resolves.toBe(
      'Règle déplacée vers le haut, maintenant règle 2.',
    );
    // Once more: at the top « Monter » is disabled, the focus moves to « Descendre ».
    await page.keyboard.press('Enter');
    await expect(builder.locator('#f-rules-0-name').inputValue()).resolves.toBe('Samedi');
    await expect(page.evaluate('document.activeElement.value')).resolves.toBe('down:0');
    await builder.screenshot({ path: path.join(AFTER, 'client-form-rules-builder.png') });

    // Remove « VIP hors horaires » (now rule 2).
    await builder
      .getByRole('group', { name: 'Règle 2', exact: true })
      .getByRole('button', { name: 'Supprimer' })
      .click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Client enregistré.').waitFor();
    expect((await getClient(client.id)).rules).toEqual([
      {
        name: 'Samedi',
        when: { timeWindow: { days: ['sat'], start: '00:00', end: '24:00' } },
        then: { type: 'say', text: 'Le cabinet est fermé le samedi.', thenMenu: true },
      },
      { name: 'Urgences dites', when: { urgentSpeech: true }, then: { type: 'transfer' } },
    ]);
  });

  it('when the setup is tested for a VIP on a Wednesday evening, then the panel says the rule, the targets and the date in French words', async () => {
    const { page, base } = s;
    const client = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Aperçu',
      numbers: [uniqueNumber()],
      rules: [
        { name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
      ],
    });
    await page.goto(`${base}/admin/clients/${client.id}`);
    await page.getByLabel('Numéro de l’appelant').fill('+33611111111');
    await page.getByLabel('Date et heure (heure locale du client)').fill('2026-12-02T20:00');
    await page.getByRole('button', { name: 'Tester', exact: true }).click();
    const result = page.locator('.preview-result');
    await result.waitFor();
    const text = (await result.textContent())!.replace(/[ \t\n]+/g, ' ');
    expect(text).toContain('Décision\u202f: Transfert');
    expect(text).toContain('mercredi 2 décembre 2026 à 20:00');
    expect(text).toContain('Fermé (horaires de la semaine)');
    expect(text).toContain(
      'Règle 1 «\u202fVIP hors horaires\u202f» appliquée\u202f: transfert vers Dr Claire Martin et Secrétariat.',
    );
    expect(text).not.toMatch(/weekly|matched|rule #|Wed /);
    await page.locator('#preview').screenshot({ path: path.join(AFTER, 'route-preview.png') });
  });

  it('on a phone-sized screen, then the client form and its rules builder fit the width', async () => {
    const client = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Téléphone',
      numbers: [uniqueNumber()],
      rules: [
        {
          name: 'Samedi',
          when: { timeWindow: { days: ['sat'], start: '00:00', end: '24:00' } },
          then: { type: 'say', text: 'Le cabinet est fermé le samedi.', thenMenu: true },
        },
      ],
    });
    const phone = await s.browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${s.base}/admin/clients/${client.id}`);
    await expect(phone.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(
      390,
    );
    await phone.locator('#rules legend').first().scrollIntoViewIfNeeded();
    await phone.evaluate("document.querySelector('#rules').scrollIntoView({ block: 'start' })");
    await phone.screenshot({ path: path.join(AFTER, 'client-form-phone.png') });
    await phone.close();
  });
});

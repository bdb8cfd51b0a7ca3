import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebRuntime } from '../../../src/main/runtime';
import { callerKey } from '../../../src/app/caller-key';
import { recordAudit } from '../../../src/store/audit';
import { createClient, type Client } from '../../../src/store/clients';
import type { User } from '../../../src/domain/users';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { launchBrowser, type Browser } from '../../helpers/browser';
import { makeMessage, makeUser, PASSWORD, startTestWeb, testConfig } from '../../integration/web/web-fixture';

const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');
const CALLER = '+33620001006';

describe('the access log in real headless Chromium', () => {
  let web: WebRuntime;
  let browser: Browser;
  let page: Page;
  let base: string;
  let admin: User;
  let delta: Client;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    base = `http://127.0.0.1:${web.port}`;
    admin = await makeUser('admin', [], 'Ada Admin');
    delta = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Delta', numbers: ['+33180000734'] });
    const epsilon = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Epsilon',
      numbers: ['+33180000735'],
    });
    const assistant = await makeUser('assistant', [delta.id, epsilon.id], 'Bruno Assistant');
    const theirs = await makeMessage(delta.id, { callerNumber: CALLER, callerName: 'Jeanne Martin' });
    const others = await makeMessage(epsilon.id, { callerNumber: '+33620001007' });
    const by = (u: User) => ({ type: 'user' as const, id: u.id, label: u.email });
    const day = Date.parse('2026-03-05T08:00:00Z');
    const at = (min: number) => new Date(day + min * 60_000);
    await recordAudit({ actor: by(assistant), action: 'login.success', ip: '192.0.2.10' }, at(0));
    await recordAudit(
      {
        actor: by(assistant),
        action: 'message.view',
        target: { type: 'message', id: theirs.id },
        clientId: delta.id,
        ip: '192.0.2.10',
      },
      at(1),
    );
    await recordAudit(
      {
        actor: by(assistant),
        action: 'message.view',
        target: { type: 'message', id: others.id },
        clientId: epsilon.id,
        ip: '192.0.2.10',
      },
      at(2),
    );
    await recordAudit(
      {
        actor: { type: 'system', id: 'recording-link', label: 'signed recording link' },
        action: 'recording.play',
        target: { type: 'message', id: theirs.id },
        clientId: delta.id,
        ip: '198.51.100.4',
      },
      at(3),
    );
    await recordAudit(
      {
        actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
        action: 'client.update',
        target: { type: 'client', id: delta.id },
        clientId: delta.id,
        ip: '192.0.2.99',
      },
      at(4),
    );
    await recordAudit(
      {
        actor: by(admin),
        action: 'caller.export',
        clientId: delta.id,
        callerKey: callerKey(web.config.callerKeySecret, CALLER),
        ip: '192.0.2.1',
      },
      at(5),
    );
    await recordAudit(
      {
        actor: { type: 'anonymous' },
        action: 'login.failure',
        ip: '203.0.113.9',
        detail: { email: 'intrus@example.com' },
      },
      at(6),
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('when an admin filters by a caller number typed nationally, then the export and the reads of that caller’s message are listed, in French', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/admin/audit`);
    await page.getByRole('heading', { name: 'Journal d’accès' }).waitFor();
    await expect(page.locator('table.audit-log tbody tr').count()).resolves.toBeGreaterThanOrEqual(7);
    await page.screenshot({ path: path.join(SHOTS, 'audit-log.png'), fullPage: true });

    await page.getByLabel('Numéro de l’appelant').fill('06 20 00 10 06');
    await page.getByLabel('Du', { exact: true }).fill('2026-03-05');
    await page.getByLabel('Au', { exact: true }).fill('2026-03-05');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/caller=/);
    const rows = page.locator('table.audit-log tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(0).textContent()).resolves.toContain('A exporté les données d’un appelant');
    await expect(rows.nth(1).textContent()).resolves.toContain('lien d’écoute signé');
    await expect(rows.nth(2).textContent()).resolves.toContain('Bruno Assistant');
    await expect(page.getByLabel('Numéro de l’appelant').inputValue()).resolves.toBe('06 20 00 10 06');
    await page.screenshot({ path: path.join(SHOTS, 'audit-log-caller.png'), fullPage: true });

    await page.getByRole('link', { name: 'le message' }).first().click();
    await page.waitForURL(/\/messages\/[0-9a-f]{24}$/);
    await page.getByText('Jeanne Martin').first().waitFor();
  });

  it('when the admin picks a group and a client, then only those entries remain; a wrong number is explained', async () => {
    await page.goto(`${base}/admin/audit`);
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Consultations' });
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Cabinet Epsilon' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/action=views/);
    const rows = page.locator('table.audit-log tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('A ouvert un message');

    await page.getByLabel('Numéro de l’appelant').fill('06 12');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.locator('#f-caller-error').textContent()).resolves.toContain(
      'Saisissez un numéro de téléphone valide',
    );
    await expect(page.getByLabel('Numéro de l’appelant').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'audit-log-error.png'), fullPage: true });
  });

  it('when read in English, then every column and action is in English', async () => {
    await page.goto(`${base}/admin/audit?lang=en`);
    await page.getByRole('heading', { name: 'Access log' }).waitFor();
    const table = (await page.locator('table.audit-log').textContent()) ?? '';
    for (const words of [
      'Date and time',
      'Exported a caller’s data',
      'signed recording link',
      'API token',
      'Failed sign-in',
    ]) {
      expect([words, table.includes(words)]).toEqual([words, true]);
    }
    await page.screenshot({ path: path.join(SHOTS, 'audit-log-en.png'), fullPage: true });
    await page.goto(`${base}/admin/audit?lang=fr`);
  });
});

/** An admin in real headless Chromium, signed in through the login form: what the admin page tests share. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebRuntime } from '../../../src/main/runtime';
import { launchBrowser, type Browser } from '../../helpers/browser';
import { makeUser, PASSWORD, startTestWeb, testConfig } from '../../integration/web/web-fixture';

export const SHOTS = path.join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');

export type AdminBrowser = { web: WebRuntime; browser: Browser; page: Page; base: string; email: string };

/** A web instance of its own for the test file, an admin « Ada Admin » and a browser page (not signed in yet). */
export async function openAdminBrowser(testFile: string): Promise<AdminBrowser> {
  const web = await startTestWeb(testConfig(testFile));
  const email = (await makeUser('admin', [], 'Ada Admin')).email;
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  mkdirSync(SHOTS, { recursive: true });
  return { web, browser, page, base: `http://127.0.0.1:${web.port}`, email };
}

export async function closeAdminBrowser(session: AdminBrowser | undefined): Promise<void> {
  await session?.browser.close();
  await session?.web.stop();
}

/** Signs in through the French login form and waits for the message list. */
export async function signInAs(session: AdminBrowser, email = session.email): Promise<void> {
  const { page, base } = session;
  await page.goto(`${base}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${base}/`);
}

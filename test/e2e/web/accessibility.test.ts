/**
 * Every page of the web app checked by axe-core in real headless Chromium, French and English, at a
 * desktop width and, for the pages assistants use on the go, at a phone's width: no serious or
 * critical violation (WCAG 2.x A/AA rules and axe's best practices). The figures per page are
 * printed, and written to `artifacts/accessibility.json`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { bookAppointment, findSlots } from '../../../src/app/appointments';
import type { ActionSource } from '../../../src/domain/access';
import type { Client } from '../../../src/store/clients';
import { recordCall } from '../../../src/store/calls';
import { makeClient, makeMessage, makeUser } from '../../integration/web/web-fixture';
import { closeAdminBrowser, openAdminBrowser, signInAs, type AdminBrowser } from './admin-browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = (
  JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')) as { version: string }
).version;
const REPORT = path.join(__dirname, '..', '..', '..', 'artifacts', 'accessibility.json');
const BLOCKING = new Set(['serious', 'critical']);
/** Each page checked is also photographed, for before/after comparisons: `artifacts/screenshots/<set>/`. */
const SHOTS = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'artifacts',
  'screenshots',
  process.env.SCREENSHOT_SET ?? 'after',
);
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
};

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
type PageFigures = {
  page: string;
  viewport: string;
  lang: string;
  rules: number;
  passes: number;
  violations: Record<string, number>;
  /** Every rule the page breaks, with its impact, serious or not. */
  rulesBroken: string[];
  blocking: string[];
};

const api: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
  ip: '',
  via: 'api',
};

/**
 * axe runs inside the page. The app's Content-Security-Policy forbids inline and injected scripts,
 * so the source is evaluated through DevTools (`page.evaluate`), which the CSP does not govern.
 */
async function runAxe(page: Page): Promise<{ violations: Violation[]; passes: number; rules: number }> {
  await page.evaluate(AXE_SOURCE);
  const run = `window.axe.run(document, ${JSON.stringify(AXE_OPTIONS)}).then((r) => JSON.stringify({
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })),
    passes: r.passes.length,
    rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
  }))`;
  return JSON.parse(await page.evaluate<string>(run));
}

type FocusRing = { name: string; inHeader: boolean; width: number; ring: string; background: string };

/** What the focused element looks like: its outline, and the background it is drawn on. */
const FOCUS_RING = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let bg = 'rgba(0, 0, 0, 0)';
  for (let n = el; n && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg); n = n.parentElement) {
    bg = getComputedStyle(n).backgroundColor;
  }
  return JSON.stringify({
    name: (el.textContent || '').trim(),
    inHeader: !!el.closest('header'),
    width: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    ring: style.outlineColor,
    background: bg,
  });
})()`;

/** WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours (opaque parts only). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('accessibility of every page (axe-core in headless Chromium)', () => {
  let session: AdminBrowser;
  let page: Page;
  let base: string;
  let client: Client;
  let messageId = '';
  let appointmentId = '';
  let userId = '';
  const callSid = 'CA' + 'a11y'.padEnd(32, '0');
  const figures: PageFigures[] = [];

  beforeAll(async () => {
    session = await openAdminBrowser(__filename);
    ({ page, base } = session);
    page.setDefaultTimeout(10_000);
    client = await makeClient('Cabinet Lumière');
    const urgent = await makeMessage(client.id, {
      callerName: 'Élodie Fournier',
      callerNumber: '+33612345602',
      reason: 'Fièvre de l’enfant depuis ce matin',
      urgent: true,
      callSid,
    });
    messageId = urgent.id;
    await makeMessage(client.id, { callerName: 'Marc Petit', reason: 'Rappeler pour un devis' });
    const started = new Date(Date.now() - 3_600_000);
    await recordCall({
      callSid,
      clientId: client.id,
      from: '+33612345602',
      to: client.numbers[0]!,
      locale: 'fr-FR',
      status: 'completed',
      outcome: 'message',
      steps: [
        { name: 'start', detail: 'open', at: started },
        { name: 'done', detail: 'message', at: new Date(started.getTime() + 95_000) },
      ],
      startedAt: started,
      endedAt: new Date(started.getTime() + 95_000),
      durationSeconds: 95,
    });
    const deps = session.web.appointments!;
    const slots = await findSlots(deps, client, { typeId: 'consultation', limit: 3 });
    appointmentId = (
      await bookAppointment(deps, api, client, {
        typeId: 'consultation',
        start: slots[0]!.start,
        callerName: 'Jeanne Dupont',
        callerNumber: '+33612345601',
      })
    ).id;
    userId = (await makeUser('assistant', [client.id], 'Camille Besson')).id;
    mkdirSync(SHOTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    writeFileSync(REPORT, JSON.stringify(figures, null, 2));
    const table = figures.map(
      (f) =>
        `${f.lang} ${f.viewport.padEnd(7)} ${f.page.padEnd(44)} rules ${String(f.rules).padStart(3)} · passed ${String(f.passes).padStart(3)} · violations ${JSON.stringify(f.violations)}${f.rulesBroken.length ? ` ${f.rulesBroken.join(', ')}` : ''}`,
    );
    console.log(`axe-core ${AXE_VERSION}\n${table.join('\n')}`);
    await closeAdminBrowser(session);
  });

  async function check(label: string, url: string, lang: 'fr' | 'en', viewport: 'desktop' | 'phone') {
    await page.setViewportSize(
      viewport === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    );
    await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
    return audit(label, lang, viewport);
  }

  /** Every page of the list checked (all of them, so one run names every failure), then none may block. */
  async function expectAllClear(list: [string, string][], lang: 'fr' | 'en', viewport: 'desktop' | 'phone') {
    const blocking: string[] = [];
    for (const [label, url] of list) blocking.push(...(await check(label, url, lang, viewport)));
    expect(blocking).toEqual([]);
  }

  /** Runs axe on the page as it is now, records the figures, and fails on a serious violation. */
  async function expectNoBlocking(label: string) {
    expect(await audit(label, 'fr', 'desktop')).toEqual([]);
  }

  /** Runs axe on the page as it is now and records the figures; returns the serious violations. */
  async function audit(label: string, lang: string, viewport: string): Promise<string[]> {
    const file = `${lang}-${viewport}-${label
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/-$/, '')
      .toLowerCase()}.png`;
    await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
    const { violations, passes, rules } = await runAxe(page);
    const counts: Record<string, number> = {};
    for (const v of violations) counts[v.impact ?? 'unknown'] = (counts[v.impact ?? 'unknown'] ?? 0) + 1;
    const rulesBroken = violations.map((v) => `${v.id} (${v.impact ?? '?'})`);
    const blocking = violations
      .filter((v) => BLOCKING.has(v.impact ?? ''))
      .map((v) => `${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    figures.push({ page: label, viewport, lang, rules, passes, violations: counts, rulesBroken, blocking });
    return blocking.map((b) => `${label} (${lang}, ${viewport}): ${b}`);
  }

  const pages = (): [string, string][] => [
    ['message list', '/'],
    ['message list, handled tab', '/?status=handled'],
    ['message page', `/messages/${messageId}`],
    ['calls', '/calls'],
    ['call page', `/calls/${callSid}`],
    ['appointments (day)', `/appointments?client=${client.id}`],
    ['appointments (week)', `/appointments?client=${client.id}&view=week`],
    ['new appointment', `/appointments/new?client=${client.id}`],
    ['appointment page', `/appointments/${appointmentId}`],
    ['reports', '/reports'],
    ['cancel appointment', `/appointments/${appointmentId}/cancel`],
    ['clients', '/admin/clients'],
    ['new client', '/admin/clients/new'],
    ['client settings', `/admin/clients/${client.id}`],
    ['route preview', `/admin/clients/${client.id}/preview`],
    ['client history', `/admin/clients/${client.id}/history`],
    ['users', '/admin/users'],
    ['new user', '/admin/users/new'],
    ['user page', `/admin/users/${userId}`],
    ['audit log', '/admin/audit'],
    ['caller rights', '/admin/callers'],
    ['retention', '/admin/retention'],
    ['page not found', '/messages/000000000000000000000000'],
  ];

  it('when signed out, then the sign-in page has no serious violation', async () => {
    await expectAllClear([['sign-in', '/login']], 'fr', 'desktop');
    await expectAllClear([['sign-in', '/login']], 'fr', 'phone');
  });

  it('when an admin opens every page in French, then none has a serious violation', async () => {
    await signInAs(session);
    await expectAllClear(pages(), 'fr', 'desktop');
  }, 240_000);

  it('when an admin opens every page in English, then none has a serious violation', async () => {
    await expectAllClear(pages(), 'en', 'desktop');
  }, 240_000);

  it('when the pages assistants use on the go are read on a phone, then none has a serious violation', async () => {
    await expectAllClear(pages().slice(0, 10), 'fr', 'phone');
  }, 240_000);

  it('when the keyboard moves through the header, then each focused control shows a ring that stands out', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${base}/?lang=fr`);
    if (new URL(page.url()).pathname === '/login') await signInAs(session);
    const rings: { name: string; width: number; contrast: number }[] = [];
    await page.keyboard.press('Tab'); // the skip link
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const seen = JSON.parse(await page.evaluate<string>(FOCUS_RING)) as FocusRing;
      if (!seen.inHeader) continue;
      rings.push({ name: seen.name, width: seen.width, contrast: contrast(seen.ring, seen.background) });
    }
    expect(rings.length).toBeGreaterThanOrEqual(3);
    for (const ring of rings) {
      expect({ name: ring.name, wide: ring.width >= 2, visible: ring.contrast >= 3 }).toEqual({
        name: ring.name,
        wide: true,
        visible: true,
      });
    }
  });

  it('when the header is read on a phone, then its links keep to one row under the brand and the page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/?lang=fr`);
    if (new URL(page.url()).pathname === '/login') await signInAs(session);
    const brand = await page.locator('header .brand').boundingBox();
    const links = await page
      .locator('header .topnav a')
      .evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(links).size).toBe(1);
    expect(links[0]).toBeGreaterThan(brand!.y);
    const header = await page.locator('header.topbar').boundingBox();
    expect(header!.height).toBeLessThan(110);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("when a caller's number is looked up, then the page of what is held has no serious violation", async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${base}/admin/callers?lang=fr`);
    await page.locator('input[name="phone"]').fill('06 12 34 56 02');
    await page.locator('main form button[type="submit"]').first().click();
    await page.waitForLoadState('domcontentloaded');
    await expectNoBlocking('caller rights, one number');
  });

  it('when a client form is saved with errors, then the page with its errors has no serious violation', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${base}/admin/clients/new?lang=fr`);
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForLoadState('domcontentloaded');
    await expectNoBlocking('new client, errors');
  });
});

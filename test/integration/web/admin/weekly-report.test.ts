/** The weekly report from the admin's side: the setting in the form and its history, the preview, « Envoyer maintenant ». */
import { lastCompleteWeek, weeklyReportKey } from '../../../../src/app/weekly-report';
import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { getClient, updateClient } from '../../../../src/store/clients';
import { startSmtpServer, type TestSmtp } from '../../../helpers/smtp';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm } from './admin-fixture';

const N = '\u202f';

describe('admin pages: the weekly report', () => {
  let web: WebRuntime;
  let smtp: TestSmtp;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    web = await startTestWeb(
      testConfig(__filename, { SMTP_URL: smtp.url, MAIL_FROM: 'Receptionist <rx@example.test>' }),
    );
    const user = await makeUser('admin', [], 'Ada Admin');
    admin = await signIn(web.server, user.email);
  });
  afterAll(async () => {
    await web.stop();
    await smtp.close();
  });

  const post = (url: string, form: Record<string, string> = {}) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when an admin turns the report on in the form, then it is saved and the history says it in words', async () => {
    const client = await makeClient('Cabinet Hebdo');
    const form = clientForm({
      weeklyEnabled: 'on',
      weeklyWeekday: '5',
      weeklyTime: '17:30',
      weeklyTo: 'boss@example.test\ndesk@example.test',
    });
    await post(`/admin/clients/${client.id}`, form).expect(303);
    expect((await getClient(client.id)).notifications.weeklyReport).toEqual({
      enabled: true,
      weekday: 5,
      localTime: '17:30',
      to: ['boss@example.test', 'desk@example.test'],
    });
    const page = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(page.text).toContain('Rapport hebdomadaire');
    expect(page.text).toMatch(/<option value="5"\s+selected\s*>vendredi<\/option>/);
    expect(page.text).toContain(`href="/admin/clients/${client.id}/weekly-report"`);
    const history = await admin.agent.get(`/admin/clients/${client.id}/history`).expect(200);
    expect(history.text).toContain('Rapport hebdomadaire');
    expect(history.text).toMatch(/Jour du rapport<\/th>\s*<td[^>]*>lundi<\/td>\s*<td[^>]*>vendredi<\/td>/);
    expect(history.text).toMatch(/Heure du rapport<\/th>\s*<td[^>]*>8 h<\/td>\s*<td[^>]*>17 h 30<\/td>/);
    expect(history.text).not.toMatch(/weeklyReport|localTime/);
  });

  it('when an admin opens the preview, then the email shows as the client would see it, its charts inline', async () => {
    const client = await makeClient('Cabinet Aperçu');
    await updateClient(client.id, {
      ...client,
      notifications: { ...client.notifications, weeklyReport: { enabled: true, to: ['boss@example.test'] } },
    });
    const page = await admin.agent.get(`/admin/clients/${client.id}/weekly-report`).expect(200);
    expect(page.text).toMatch(/Votre semaine du \d+/);
    expect(page.text).toContain('boss@example.test');
    expect(page.text).toContain('Envoyer maintenant');
    expect(page.text).toContain(`<iframe`);
    expect(page.text).toContain(`src="/admin/clients/${client.id}/weekly-report/email"`);

    const email = await admin.agent.get(`/admin/clients/${client.id}/weekly-report/email`).expect(200);
    expect(email.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(email.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(email.headers['content-security-policy']).not.toContain('script-src');
    expect(email.text.match(/src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(email.text).not.toContain('cid:');
  });

  it('when an assistant asks for the preview or to send, then they are refused and nothing is sent', async () => {
    const client = await makeClient('Cabinet Interdit');
    const user = await makeUser('assistant', [client.id], 'Alice Assistante');
    const assistant = await signIn(web.server, user.email);
    await assistant.agent.get(`/admin/clients/${client.id}/weekly-report`).expect(403);
    await assistant.agent.get(`/admin/clients/${client.id}/weekly-report/email`).expect(403);
    await assistant.agent
      .post(`/admin/clients/${client.id}/weekly-report/send`)
      .type('form')
      .send({ _csrf: assistant.csrf })
      .expect(403);
    const week = lastCompleteWeek(new Date(), client.timezone);
    expect(smtp.withKey(weeklyReportKey(client.id, week.from))).toHaveLength(0);
  });

  it('when an admin sends now twice, then one email leaves, both are audited and the second says it went already', async () => {
    const client = await makeClient('Cabinet Envoi');
    await updateClient(client.id, {
      ...client,
      notifications: { ...client.notifications, weeklyReport: { to: ['boss@example.test'] } },
    });
    const url = `/admin/clients/${client.id}/weekly-report`;
    await post(`${url}/send`).expect(303).expect('Location', url);
    const first = await admin.agent.get(url).expect(200);
    expect(first.text).toContain('Rapport envoyé à boss@example.test.');
    await post(`${url}/send`).expect(303);
    const second = await admin.agent.get(url).expect(200);
    expect(second.text).toContain(
      `Le rapport de cette semaine a déjà été envoyé${N}: il ne part qu’une fois.`,
    );

    const week = lastCompleteWeek(new Date(), client.timezone);
    const mails = smtp.withKey(weeklyReportKey(client.id, week.from));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['boss@example.test']);
    const events = await listAuditEvents({ action: 'client.weekly-report.send', targetId: client.id });
    expect(events.map((e) => e.detail?.outcome).sort()).toEqual(['already-sent', 'sent']);
  });

  it('when the client has no address at all, then the preview says so and there is nothing to press', async () => {
    const client = await makeClient('Cabinet Muet');
    await updateClient(client.id, {
      ...client,
      notifications: { ...client.notifications, email: { enabled: false, to: [] }, weeklyReport: { to: [] } },
    });
    const url = `/admin/clients/${client.id}/weekly-report`;
    const page = await admin.agent.get(url).expect(200);
    expect(page.text).toContain(`Aucun destinataire${N}: indiquez des adresses`);
    expect(page.text).not.toContain('Envoyer maintenant');
    await post(`${url}/send`).expect(303);
    expect((await admin.agent.get(url).expect(200)).text).toContain(`Aucun destinataire${N}:`);
  });
});

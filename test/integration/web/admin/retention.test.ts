/** `/admin/retention`, the retention fields of the client form, and the retention routes of the admin API. */
import { Types } from 'mongoose';
import request from 'supertest';
import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { createClient, getClient } from '../../../../src/store/clients';
import { MessageModel, PurgeRunModel } from '../../../../src/store/models';
import {
  markRecordingDeletionFailed,
  requestRecordingDeletions,
} from '../../../../src/store/recording-deletions';
import { makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm, fieldError } from './admin-fixture';

const TOKEN = 'test-admin-api-token-retention-0123';
const RECORDING = 'RE7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d';

describe('admin pages: retention', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let adminEmail: string;
  let clientId: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN, OUTBOX_RETENTION_DAYS: '45' }));
    const user = await makeUser('admin', [], 'Ada Admin');
    adminEmail = user.email;
    admin = await signIn(web.server, user.email);
    const client = await createClient({
      name: 'Cabinet Lemoine',
      numbers: ['+33180000726'],
      retention: { messageDays: 30, recordingDays: 7, transcriptionDays: 30, callDays: 30 },
    });
    clientId = client.id;
  });
  afterAll(() => web.stop());

  const post = (url: string, form: Record<string, string>) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when no purge has run yet, then the page says so and lists each client’s periods with a link to edit them', async () => {
    const page = await admin.agent.get('/admin/retention').expect(200);
    expect(page.text).toContain('<h1>Conservation des données</h1>');
    expect(page.text).toContain('La purge n’a pas encore tourné.');
    expect(page.text).toContain('Aucun enregistrement en attente de suppression chez Twilio.');
    expect(page.text).toMatch(/Cabinet Lemoine<\/td>\s*<td[^>]*>30<\/td>\s*<td[^>]*>7<\/td>/);
    expect(page.text).toContain(`href="/admin/clients/${clientId}#f-messageDays"`);
    // The service's own logs, from the configuration; French spacing before the semicolon.
    expect(page.text).toContain(
      '(file d’envoi)\u00a0: 45\u00a0jours\u00a0; journal d’accès\u00a0: 365\u00a0jours',
    );
    expect(page.text).toContain('aria-current="page"');
  });

  it('when an assistant asks for the page, then it is refused', async () => {
    const assistant = await makeUser('assistant', [clientId], 'Alice Assistante');
    const session = await signIn(web.server, assistant.email, undefined, '10.7.0.2');
    const res = await session.agent.get('/admin/retention');
    expect(res.status).toBe(403);
  });

  it('when an admin runs the purge now, then it runs, the page shows what it removed per client, and it is audited', async () => {
    const old = new Date(Date.now() - 60 * 86_400_000);
    await MessageModel.collection.insertOne({
      key: 'CAretentionpage0001',
      clientId: new Types.ObjectId(clientId),
      callSid: 'CAretentionpage0001',
      callerNumber: '+33620000097',
      summary: 'Ancien message',
      urgent: false,
      status: 'handled',
      recording: null,
      createdAt: old,
      updatedAt: old,
    });
    // Without the form's token: refused, nothing runs.
    await admin.agent.post('/admin/retention/run').type('form').send({}).expect(403);
    expect(await PurgeRunModel.countDocuments()).toBe(0);

    const res = await post('/admin/retention/run', {}).expect(303);
    expect(res.headers.location).toBe('/admin/retention');
    const page = await admin.agent.get('/admin/retention').expect(200);
    expect(page.text).toContain('Purge terminée.');
    expect(page.text).toContain('(lancée par un administrateur)');
    expect(page.text).toMatch(/Cabinet Lemoine<\/td>\s*<td data-label="Messages">1<\/td>/);
    expect(await MessageModel.exists({ key: 'CAretentionpage0001' })).toBeNull();
    const audited = await listAuditEvents({ action: 'retention.purge' });
    expect(audited[0]).toMatchObject({ actor: { type: 'user', label: adminEmail } });
    expect(audited[0]!.detail).toMatchObject({ trigger: 'manual', messages: 1 });
    // The client's page says when the purge last ran and what it removed there.
    const clientPage = await admin.agent.get(`/admin/clients/${clientId}`).expect(200);
    expect(clientPage.text).toMatch(/Dernière purge\u00a0: [^<]*lancée par un administrateur[^<]*Messages 1/);
  });

  it('when a deletion at Twilio failed, then the page shows the client, its last error and the next attempt, never the recording’s id', async () => {
    await requestRecordingDeletions([{ sid: RECORDING, clientId }], 'erasure');
    await markRecordingDeletionFailed(RECORDING, {
      attempts: 2,
      error: 'twilio 20500: Internal Server Error (HTTP 500)',
      nextAttemptAt: new Date(Date.now() + 120_000),
    });
    const page = await admin.agent.get('/admin/retention').expect(200);
    expect(page.text).toContain('Un enregistrement en attente de suppression chez Twilio');
    expect(page.text).toMatch(
      /<td data-label="Client">Cabinet Lemoine<\/td>\s*<td data-label="Motif">Effacement demandé/,
    );
    expect(page.text).toContain('twilio 20500: Internal Server Error (HTTP 500)');
    expect(page.text).not.toContain(RECORDING);
  });

  it('when the page is read in English, then it is in English', async () => {
    const page = await admin.agent.get('/admin/retention?lang=en').expect(200);
    expect(page.text).toContain('<h1>Data retention</h1>');
    expect(page.text).toContain('Run the purge now');
    expect(page.text).toContain('(started by an admin)');
    await admin.agent.get('/admin/retention?lang=fr').expect(200);
  });

  it('when the client form is saved, then the transcription and call periods are kept, and a bad one is refused next to its field', async () => {
    const form = clientForm({ name: 'Cabinet Lemoine', numbers: '+33180000726' });
    const edit = await admin.agent.get(`/admin/clients/${clientId}`).expect(200);
    expect(edit.text).toContain('Transcriptions (jours)');
    expect(edit.text).toContain('Détails des appels (jours)');
    expect(edit.text).toContain('Effacés aussi chez Twilio.');
    await post(`/admin/clients/${clientId}`, {
      ...form,
      messageDays: '400',
      recordingDays: '90',
      transcriptionDays: '200',
      callDays: '300',
    }).expect(303);
    expect((await getClient(clientId)).retention).toEqual({
      messageDays: 400,
      recordingDays: 90,
      transcriptionDays: 200,
      callDays: 300,
    });
    // The form as the page fills it: saving it unchanged changes no period.
    const filled = await admin.agent.get(`/admin/clients/${clientId}`).expect(200);
    expect(filled.text).toContain('id="f-transcriptionDays"');
    expect(filled.text).toMatch(
      /name="callDays"\s+type="text"\s+value="300"|name="callDays"[^>]*value="300"/,
    );
    await post(`/admin/clients/${clientId}`, {
      ...form,
      messageDays: '400',
      recordingDays: '90',
      transcriptionDays: '200',
      callDays: '300',
    }).expect(303);
    expect((await getClient(clientId)).retention.callDays).toBe(300);

    const bad = await post(`/admin/clients/${clientId}`, { ...form, transcriptionDays: '0' }).expect(400);
    expect(fieldError(bad.text, 'transcriptionDays')).toBeTruthy();
    expect((await getClient(clientId)).retention.transcriptionDays).toBe(200);
  });

  describe('admin API', () => {
    const api = () => ({
      get: (p: string) => request(web.server).get(`/api/v1${p}`).set('Authorization', `Bearer ${TOKEN}`),
      post: (p: string) => request(web.server).post(`/api/v1${p}`).set('Authorization', `Bearer ${TOKEN}`),
    });

    it('when the runs are listed and one is started, then the new run comes first with what it removed', async () => {
      const started = await api().post('/retention/runs').send({}).expect(201);
      expect(started.body).toMatchObject({ trigger: 'manual', error: '', totals: { clients: 1 } });
      expect(Date.parse(started.body.finishedAt)).not.toBeNaN();
      const list = await api().get('/retention/runs?limit=2').expect(200);
      expect(list.body.data).toHaveLength(2);
      expect(list.body.data[0].id).toBe(started.body.id);
      const without = await api().post('/retention/runs').expect(201);
      expect(without.body.trigger).toBe('manual');
    });

    it('when the input is wrong, then the answer is a 400 naming the field', async () => {
      const res = await api().get('/retention/runs?limit=0').expect(400);
      expect(res.body.details[0].path).toBe('query.limit');
      await api().post('/retention/runs').send({ trigger: 'schedule' }).expect(400);
      const status = await api().get('/retention/recording-deletions?status=lost').expect(400);
      expect(status.body.details[0].path).toBe('query.status');
      await api().get('/retention/recording-deletions?client=x').expect(400);
    });

    it('when the recording deletions are listed by status, then the pending one shows its error and next attempt', async () => {
      const pending = await api().get('/retention/recording-deletions?status=pending').expect(200);
      expect(pending.body.data).toEqual([
        expect.objectContaining({
          recordingSid: RECORDING,
          clientId,
          reason: 'erasure',
          status: 'pending',
          attempts: 2,
          lastError: expect.stringContaining('HTTP 500'),
        }),
      ]);
      expect(
        (await api().get('/retention/recording-deletions?status=deleted').expect(200)).body.data,
      ).toEqual([]);
      expect((await api().get('/retention/recording-deletions').expect(200)).body.data).toHaveLength(1);
      await request(web.server).get('/api/v1/retention/runs').expect(401);
    });
  });
});

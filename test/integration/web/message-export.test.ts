/**
 * The message export read as a spreadsheet reads it: exact bytes in French (semicolons, BOM,
 * French headers, the client's local time and zone, national numbers, oui/non) and in English.
 */
import type request from 'supertest';
import type { WebRuntime } from '../../../src/main/runtime';
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

describe('message export', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let id = '';
  let base = '';

  beforeAll(async () => {
    const config = testConfig(__filename);
    base = config.publicBaseUrl;
    web = await startTestWeb(config);
    const client = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Export',
      numbers: ['+33180000931'],
      timezone: 'Europe/Paris',
    });
    const m = await makeMessage(client.id, {
      callerName: 'Élodie Martin',
      callerNumber: '+33612345602',
      callbackNumber: '+442079460958',
      reason: 'Fièvre; rappeler',
      urgent: true,
      summary: '=HYPERLINK("x")',
    });
    id = m.id;
    await MessageModel.collection.updateOne(
      { _id: new (await import('mongoose')).Types.ObjectId(id) },
      { $set: { createdAt: new Date('2026-12-02T13:05:00Z') } },
    );
    session = await signIn(web.server, (await makeUser('assistant', [client.id], 'Exportatrice')).email);
  });
  afterAll(() => web.stop());

  it('when the reader is French, then semicolons, French headers, Paris time with its zone, oui', async () => {
    const res = await session.agent.get('/export.csv').buffer(true).parse(rawBody).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect((res.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((res.body as Buffer).toString('utf8')).toBe(
      '\ufeffReçu le;Fuseau horaire;Client;Appelant;Numéro;Rappeler au;Motif;Urgent;Statut;Résumé;Transcription;Lien\r\n' +
        `02/12/2026 14:05;Europe/Paris;Cabinet Export;Élodie Martin;06 12 34 56 02;+44 20 7946 0958;"Fièvre; rappeler";oui;Nouveau;"'=HYPERLINK(""x"")";;${base}/messages/${id}\r\n`,
    );
  });

  it('when the reader is English, then commas, English headers, month-first 12-hour time, yes', async () => {
    const res = await session.agent.get('/export.csv?lang=en').buffer(true).parse(rawBody).expect(200);
    expect((res.body as Buffer).toString('utf8')).toBe(
      '\ufeffReceived,Time zone,Client,Caller,Number,Call back on,Reason,Urgent,Status,Summary,Transcription,Link\r\n' +
        `12/02/2026 2:05 PM,Europe/Paris,Cabinet Export,Élodie Martin,06 12 34 56 02,+44 20 7946 0958,Fièvre; rappeler,yes,New,"'=HYPERLINK(""x"")",,${base}/messages/${id}\r\n`,
    );
  });
});

/** The body as bytes: the BOM and the encoding are what is under test. */
function rawBody(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * The message page in the reader's conventions: US English dates month first; a client in another
 * time zone than the assistants' has its message's time said with its zone; a Paris client's not.
 */
import mongoose from 'mongoose';
import type { WebRuntime } from '../../../src/main/runtime';
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const AT = new Date('2026-12-02T13:05:00Z');
const visible = (html: string) => html.replace(/[\u202f\u00a0]/g, ' ');

describe('message page formats', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let newYork = '';
  let paris = '';

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const ny = await createClient({
      ...DEMO_CLIENT,
      name: 'Office NY',
      numbers: ['+12125550147'],
      timezone: 'America/New_York',
    });
    const fr = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Paris', numbers: ['+33180000932'] });
    newYork = (await makeMessage(ny.id, { callerNumber: '+12125550199' })).id;
    paris = (await makeMessage(fr.id, { callerNumber: '+33612345611' })).id;
    for (const id of [newYork, paris]) {
      await MessageModel.collection.updateOne(
        { _id: new mongoose.Types.ObjectId(id) },
        { $set: { createdAt: AT } },
      );
    }
    session = await signIn(web.server, (await makeUser('assistant', [ny.id, fr.id], 'Lectrice')).email);
  });
  afterAll(() => web.stop());

  it('when the client is in New York, then its time is New York’s and says so, in either language', async () => {
    const fr = visible((await session.agent.get(`/messages/${newYork}?lang=fr`).expect(200)).text);
    expect(fr).toContain('02/12/2026 08:05 (heure de New York)');
    expect(fr).toContain('(212) 555-0199');
    const en = visible((await session.agent.get(`/messages/${newYork}?lang=en`).expect(200)).text);
    expect(en).toContain('12/02/2026, 8:05 AM (New York time)');
  });

  it('when the client is in Paris, then the time is shown without a zone, the number national', async () => {
    const fr = visible((await session.agent.get(`/messages/${paris}?lang=fr`).expect(200)).text);
    expect(fr).toContain('>02/12/2026 14:05</time>');
    expect(fr).not.toContain('heure de Paris');
    expect(fr).toContain('06 12 34 56 11');
    const en = visible((await session.agent.get(`/messages/${paris}?lang=en`).expect(200)).text);
    expect(en).toContain('>12/02/2026, 2:05 PM</time>');
  });
});

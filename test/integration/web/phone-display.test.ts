/**
 * The pages show a caller's number in the national form of the message's client (its own number's
 * country), and in international form when the caller is from elsewhere; links stay E.164.
 */
import type { WebRuntime } from '../../../src/main/runtime';
import { createClient } from '../../../src/store/clients';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

describe('phone numbers on the pages', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let belgianClientId: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const belgian = await createClient({
      ...DEMO_CLIENT,
      name: 'Cabinet Janssens',
      numbers: ['+3222123456'],
    });
    belgianClientId = belgian.id;
    session = await signIn(web.server, (await makeUser('assistant', [belgian.id], 'Lectrice')).email);
  });
  afterAll(() => web.stop());

  it("when a Belgian client's caller is Belgian, then the list and the page show the Belgian national form", async () => {
    const m = await makeMessage(belgianClientId, {
      callerNumber: '+32470123456',
      callbackNumber: '+3222987654',
    });
    const list = await session.agent.get('/').expect(200);
    expect(list.text).toContain('0470 12 34 56');
    const page = await session.agent.get(`/messages/${m.id}`).expect(200);
    expect(page.text).toContain('<a href="tel:+32470123456">0470 12 34 56</a>');
    expect(page.text).toContain('<a href="tel:+3222987654">02 298 76 54</a>');
  });

  it("when a Belgian client's caller is French, then the number is shown in international form", async () => {
    const m = await makeMessage(belgianClientId, { callerNumber: '+33612345678' });
    const page = await session.agent.get(`/messages/${m.id}`).expect(200);
    expect(page.text).toContain('<a href="tel:+33612345678">+33 6 12 34 56 78</a>');
  });
});

import request from 'supertest';
import type { WebRuntime } from '../../../src/main/runtime';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

describe('queue dashboard at /admin/queues', () => {
  let web: WebRuntime;
  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
  });
  afterAll(() => web.stop());

  it('when nobody is signed in, then the dashboard is not shown', async () => {
    const res = await request(web.server).get('/admin/queues').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('when an assistant asks, then 403; when an admin asks, then the board and its notifications queue', async () => {
    const client = await makeClient('Cabinet Martin');
    const assistant = await makeUser('assistant', [client.id], 'Alice');
    const asAssistant = await signIn(web.server, assistant.email);
    expect((await asAssistant.agent.get('/admin/queues/api/queues')).status).toBe(403);

    const admin = await makeUser('admin', [], 'Ada');
    const asAdmin = await signIn(web.server, admin.email);
    const page = await asAdmin.agent.get('/admin/queues').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // The board is bull-board's own page: its header menu carries the way back to the app.
    const ui = JSON.parse(
      /<script id="__UI_CONFIG__" type="application\/json">([^<]*)<\/script>/.exec(page.text)![1]!,
    );
    expect(ui.miscLinks).toContainEqual({ text: '← Retour aux messages · Back to messages', url: '/' });
    const api = await asAdmin.agent.get('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain('notifications');
  });
});

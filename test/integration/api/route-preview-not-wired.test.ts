import request from 'supertest';
import { profileInput, TOKEN, useApi } from './harness';

const { web, api: apiWithoutEngine } = useApi(__filename);

describe('route preview before the engine is wired', () => {
  it('when no previewer is plugged in, then 501 with the JSON error shape', async () => {
    const { body: client } = await apiWithoutEngine('post', '/clients').send(profileInput(['+33180000902']));
    const res = await request(web().server)
      .post(`/api/v1/clients/${client.id}/route-preview`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ from: '+33611111111' })
      .expect(501);
    expect(res.body).toEqual({ error: expect.stringMatching(/not wired/), details: [] });
  });
});

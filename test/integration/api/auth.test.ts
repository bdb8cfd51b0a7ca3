import request from 'supertest';
import { useApi } from './harness';

const { web, api } = useApi(__filename, {
  sessionAdmin: (req) =>
    req.get('x-test-session') === 'admin' ? { id: 'u1', label: 'Session Admin' } : false,
});

describe('admin API authentication', () => {
  it('when no token is given, then 401 with the JSON error shape and a Bearer challenge', async () => {
    const res = await request(web().server).get('/api/v1/clients').expect(401);
    expect(res.body).toEqual({ error: 'unauthorized', details: [] });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('when the token is wrong (same length or not), then 401', async () => {
    for (const token of [
      'test-admin-api-token-0123456780',
      'x',
      'test-admin-api-token-0123456789-and-more',
    ]) {
      await request(web().server).get('/api/v1/clients').set('Authorization', `Bearer ${token}`).expect(401);
    }
    await request(web().server).get('/api/v1/clients').set('Authorization', 'Basic dGVzdDp0ZXN0').expect(401);
  });

  it('when the right token is given, then the call is served', async () => {
    const res = await api('get', '/clients').expect(200);
    expect(res.body).toEqual({ data: [] });
  });

  it('when an admin session is recognised by the plugged-in check, then the call is served', async () => {
    await request(web().server).get('/api/v1/users').set('x-test-session', 'admin').expect(200);
    await request(web().server).get('/api/v1/users').set('x-test-session', 'assistant').expect(401);
  });

  it('when a wrong token comes with an admin session, then the wrong token wins: 401', async () => {
    await request(web().server)
      .get('/api/v1/users')
      .set('x-test-session', 'admin')
      .set('Authorization', 'Bearer nope')
      .expect(401);
  });

  it('when the OpenAPI document is fetched, then no token is needed', async () => {
    await request(web().server).get('/api/v1/openapi.json').expect(200);
  });
});

import { getClient } from '../../../src/store/clients';
import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);

const SPEECH = {
  sector: 'medical',
  spokenName: 'au cabinet Martin',
  greetKnownCallers: true,
  vocabulary: ['docteur Martin', 'ordonnance'],
  safety: { emergencyAdvice: 'Pour une urgence, composez le 15.' },
};

describe('admin API /clients: how the receptionist speaks', () => {
  let next = 0;
  it('when a client is created with its speech settings, then they are saved and read back as sent', async () => {
    const created = await api('post', '/clients')
      .send({ ...profileInput(['+33180000701']), ...SPEECH })
      .expect(201);
    expect(created.body).toMatchObject(SPEECH);
    await api('get', `/clients/${created.body.id}`).expect((res) => expect(res.body).toMatchObject(SPEECH));
    expect(await getClient(created.body.id)).toMatchObject(SPEECH);
  });

  it('when a client is created without them, then the defaults apply and both optional settings are unset', async () => {
    const { body } = await api('post', '/clients')
      .send(profileInput(['+33180000702']))
      .expect(201);
    expect(body).toMatchObject({ sector: 'other', spokenName: '', vocabulary: [], safety: {} });
    expect(body).not.toHaveProperty('greetKnownCallers');
    expect(body.safety).not.toHaveProperty('emergencyAdvice');
  });

  it('when a patch sets, empties and then nulls them, then false and "" are kept and null unsets', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000703']))
      .expect(201);
    const url = `/clients/${client.id}`;

    const set = await api('patch', url)
      .send({ sector: 'medical', greetKnownCallers: false, safety: { emergencyAdvice: '' } })
      .expect(200);
    expect(set.body).toMatchObject({
      sector: 'medical',
      greetKnownCallers: false,
      safety: { emergencyAdvice: '' },
    });
    const stored = await getClient(client.id);
    expect(stored.greetKnownCallers).toBe(false);
    expect(stored.safety.emergencyAdvice).toBe('');

    // A patch of another field keeps them as they are.
    const other = await api('patch', url).send({ greeting: 'Bonjour' }).expect(200);
    expect(other.body).toMatchObject({ greetKnownCallers: false, safety: { emergencyAdvice: '' } });

    const unset = await api('patch', url)
      .send({ greetKnownCallers: null, safety: { emergencyAdvice: null }, vocabulary: ['vaccin'] })
      .expect(200);
    expect(unset.body).not.toHaveProperty('greetKnownCallers');
    expect(unset.body.safety).toEqual({});
    expect(unset.body.vocabulary).toEqual(['vaccin']);
    const after = await getClient(client.id);
    expect(after.greetKnownCallers).toBeUndefined();
    expect(after.safety.emergencyAdvice).toBeUndefined();

    await api('patch', url)
      .send({ safety: { emergencyAdvice: 'Composez le 15.' } })
      .expect(200);
    const whole = await api('patch', url).send({ safety: null, spokenName: null, sector: null }).expect(200);
    expect(whole.body).toMatchObject({ safety: {}, spokenName: '', sector: 'other' });
  });

  it.each([
    ['an unknown sector', { sector: 'dental' }, 'sector'],
    ['a spoken name of 101 characters', { spokenName: 'x'.repeat(101) }, 'spokenName'],
    ['greetKnownCallers as a string', { greetKnownCallers: 'yes' }, 'greetKnownCallers'],
    ['a one-letter vocabulary entry', { vocabulary: ['ordonnance', 'x'] }, 'vocabulary.1'],
    [
      'an emergency advice of 301 characters',
      { safety: { emergencyAdvice: 'x'.repeat(301) } },
      'safety.emergencyAdvice',
    ],
  ])('when %s is patched, then 400 names the field and nothing is saved', async (_what, change, path) => {
    const { body: client } = await api('post', '/clients')
      .send({ ...profileInput([`+331800007${10 + next++}`]), ...SPEECH })
      .expect(201);
    const res = await api('patch', `/clients/${client.id}`).send(change).expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await getClient(client.id)).toMatchObject(SPEECH);
  });
});

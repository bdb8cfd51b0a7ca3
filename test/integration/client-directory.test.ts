/**
 * The clients' directory (names, zones and numbers for choosers, labels and reports) is reused for a
 * few seconds, so it must never show a write made through the store late, and must find a client
 * another instance created as soon as someone asks for it.
 */
import { Types } from 'mongoose';
import { expireClient } from '../../src/app/client-cache';
import {
  createClient,
  listClientEntries,
  setClientActive,
  updateClient,
  type Client,
} from '../../src/store/clients';
import { ClientModel } from '../../src/store/models';
import { DEMO_CLIENT } from '../../scripts/lib/seed';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const profileOf = (c: Client) => {
  const { id: _id, active: _active, createdAt: _c, updatedAt: _u, ...profile } = c;
  return profile;
};

describe('clients directory', () => {
  it('when clients are created, renamed and deactivated, then the next read shows it at once, in name order', async () => {
    const b = await createClient({ ...DEMO_CLIENT, name: 'Cabinet B', numbers: ['+33180000201'] });
    expect((await listClientEntries()).map((e) => e.name)).toEqual(['Cabinet B']);
    const a = await createClient({
      ...DEMO_CLIENT,
      name: 'Agence A',
      timezone: 'America/New_York',
      numbers: ['+12125550101'],
    });
    expect(await listClientEntries()).toEqual([
      { id: a.id, name: 'Agence A', timezone: 'America/New_York', numbers: ['+12125550101'] },
      { id: b.id, name: 'Cabinet B', timezone: 'Europe/Paris', numbers: ['+33180000201'] },
    ]);
    await updateClient(b.id, { ...profileOf(b), name: 'Atelier B' });
    expect((await listClientEntries()).map((e) => e.name)).toEqual(['Agence A', 'Atelier B']);
    await setClientActive(b.id, false);
    expect((await listClientEntries({ ids: [b.id] })).map((e) => e.name)).toEqual(['Atelier B']);
  });

  it('when another instance created a client, then asking for its id finds it, and its announced change shows', async () => {
    await listClientEntries();
    const _id = new Types.ObjectId();
    const {
      id: _drop,
      active: _a,
      createdAt: _c,
      updatedAt: _u,
      ...profile
    } = await createClient({
      ...DEMO_CLIENT,
      name: 'Modèle',
      numbers: ['+33180000202'],
    });
    await listClientEntries();
    // Written by "another instance": this process's directory does not know it yet.
    await ClientModel.create({ ...profile, _id, name: 'Cabinet Elsewhere', numbers: ['+33180000203'] });
    expect((await listClientEntries({ ids: [_id.toString()] })).map((e) => e.name)).toEqual([
      'Cabinet Elsewhere',
    ]);
    await ClientModel.updateOne({ _id }, { $set: { name: 'Cabinet Renamed' } });
    expireClient({ id: _id.toString(), numbers: [] });
    expect((await listClientEntries({ ids: [_id.toString()] }))[0]?.name).toBe('Cabinet Renamed');
  });
});

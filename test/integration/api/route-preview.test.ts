import type { RoutePreviewer, RoutePreviewInput } from '../../../src/api/route-preview';
import type { ClientProfile } from '../../../src/flow/profile';
import { profileInput, useApi } from './harness';

/** Stands in for the engine: the contract under test is the HTTP one, not the decision. */
const calls: { profile: ClientProfile; input: RoutePreviewInput }[] = [];
const stubPreviewer: RoutePreviewer = (profile, input) => {
  calls.push({ profile, input });
  return { decision: { type: 'transfer' }, matchedRule: 'VIP', open: true, reasons: ['caller is VIP'] };
};

const { api } = useApi(__filename, { routePreview: stubPreviewer });

describe('admin API POST /clients/:id/route-preview', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await api('post', '/clients')
        .send(profileInput(['+33180000901']))
        .expect(201)
    ).body.id;
  });

  it('when the input is valid, then the engine gets the stored profile and the instant, and its answer is returned', async () => {
    const res = await api('post', `/clients/${clientId}/route-preview`)
      .send({ from: '+33611111111', at: '2026-03-02T09:30:00+01:00', digits: '1' })
      .expect(200);
    expect(res.body).toEqual({
      decision: { type: 'transfer' },
      matchedRule: 'VIP',
      open: true,
      reasons: ['caller is VIP'],
    });
    const last = calls[calls.length - 1]!;
    expect(last.profile).toMatchObject({ name: 'Cabinet Martin', numbers: ['+33180000901'] });
    expect(last.profile).not.toHaveProperty('id');
    expect(last.input).toEqual({ from: '+33611111111', at: new Date('2026-03-02T08:30:00Z'), digits: '1' });
  });

  it('when no instant is given, then now is used', async () => {
    const before = Date.now();
    await api('post', `/clients/${clientId}/route-preview`).send({ from: '+33611111111' }).expect(200);
    expect(calls[calls.length - 1]!.input.at.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('when the input is invalid, then 400 names each field; unknown client is 404', async () => {
    const res = await api('post', `/clients/${clientId}/route-preview`)
      .send({ from: '0611', at: 'tomorrow', digits: 'abc', extra: 1 })
      .expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['from', 'at', 'digits', '']),
    );
    await api('post', '/clients/0123456789abcdef01234567/route-preview')
      .send({ from: '+33611111111' })
      .expect(404);
  });
});

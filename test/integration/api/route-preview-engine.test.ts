import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);

/** Monday 2 March 2026, 10:00 in Paris (UTC+1): within the fixture's opening hours. */
const MONDAY_10H = '2026-03-02T10:00:00+01:00';

describe('admin API route preview backed by the real engine', () => {
  let clientId: string;
  beforeAll(async () => {
    const profile = {
      ...profileInput(['+33180000951']),
      weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] },
      transferTargets: [{ name: 'Dr Martin', number: '+33612345678' }],
      vipNumbers: ['+33611111111'],
      blockedNumbers: ['+33699999999'],
    };
    clientId = (await api('post', '/clients').send(profile).expect(201)).body.id;
  });

  it.each([
    ['a VIP calls during opening hours', { from: '+33611111111' }, 'transfer', true],
    ['a blocked number calls', { from: '+33699999999' }, 'reject', true],
    ['an ordinary caller presses 1 (urgent)', { from: '+33622222222', digits: '1' }, 'transfer', true],
    ['an ordinary caller presses 2 (message)', { from: '+33622222222', digits: '2' }, 'message', true],
  ])('when %s, then the engine decides %s', async (_label, input, decision, open) => {
    const res = await api('post', `/clients/${clientId}/route-preview`)
      .send({ ...input, at: MONDAY_10H })
      .expect(200);
    expect(res.body.decision).toEqual({ type: decision });
    expect(res.body.open).toBe(open);
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(res.body.detail.localTime).toContain('10:00');
  });

  it('when the call comes on Sunday, then the preview says closed', async () => {
    const res = await api('post', `/clients/${clientId}/route-preview`)
      .send({ from: '+33622222222', at: '2026-03-01T10:00:00+01:00' })
      .expect(200);
    expect(res.body.open).toBe(false);
  });
});

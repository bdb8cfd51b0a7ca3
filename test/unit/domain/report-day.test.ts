import {
  addCall,
  addDelivery,
  addMessage,
  emptyDay,
  localDayAndHour,
  reasonWords,
  type CallFacts,
  type MessageFacts,
} from '../../../src/domain/report-day';

const PARIS = 'Europe/Paris';
const key = (phone: string) => `k${phone.slice(-4)}`;

function call(over: Partial<CallFacts> = {}): CallFacts {
  const startedAt = over.startedAt ?? new Date('2026-12-02T09:15:00Z');
  return {
    clientId: 'c1',
    from: '+33612345678',
    status: 'completed',
    outcome: 'message',
    steps: [
      { name: 'start', detail: 'open', at: startedAt },
      { name: 'name', detail: '', at: startedAt },
    ],
    startedAt,
    ...over,
  };
}

function message(over: Partial<MessageFacts> = {}): MessageFacts {
  return {
    clientId: 'c1',
    urgent: false,
    reason: '',
    status: 'new',
    assigneeId: null,
    createdAt: new Date('2026-12-02T09:00:00Z'),
    takenAt: null,
    takenBy: null,
    handledAt: null,
    handledBy: null,
    acknowledgedAt: null,
    claimedBy: null,
    ...over,
  };
}

const at = (iso: string) => new Date(iso);

describe('a day rollup', () => {
  it('when calls of every kind come in, then each counts under its outcome and answered leaves out blocked and failed', () => {
    const day = emptyDay('c1', '2026-12-02');
    const t = at('2026-12-02T09:15:00Z');
    addCall(day, call(), PARIS, key);
    addCall(
      day,
      call({ outcome: 'transferred', steps: [{ name: 'transfer', detail: 'urgent', at: t }] }),
      PARIS,
      key,
    );
    addCall(
      day,
      call({ outcome: 'rejected', steps: [{ name: 'rejected', detail: 'blocked number', at: t }] }),
      PARIS,
      key,
    );
    addCall(day, call({ outcome: 'failed', steps: [] }), PARIS, key);
    addCall(
      day,
      call({ outcome: 'appointment', steps: [{ name: 'calendar', detail: 'booked x', at: t }] }),
      PARIS,
      key,
    );
    addCall(
      day,
      call({ outcome: 'abandoned', steps: [{ name: 'start', detail: 'closed', at: t }] }),
      PARIS,
      key,
    );
    expect(day.calls.total).toBe(6);
    expect(day.calls.byOutcome).toEqual({
      transferred: 1,
      message: 1,
      appointment: 1,
      information: 0,
      abandoned: 1,
      blocked: 1,
      failed: 1,
    });
    expect(day.calls.answered).toBe(4);
    expect(day.calls.urgentTransfers).toBe(1);
    expect(day.calls.afterHours).toBe(1);
  });

  it('when a call comes at 09:15 UTC in Paris in winter, then it counts at 10 h local', () => {
    const day = emptyDay('c1', '2026-12-02');
    addCall(day, call(), PARIS, key);
    expect(day.hours[10]).toBe(1);
    expect(day.hours.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('when the same number calls twice and a hidden number once, then the callers count the number twice and skip the hidden one', () => {
    const day = emptyDay('c1', '2026-12-02');
    addCall(day, call(), PARIS, key);
    addCall(day, call(), PARIS, key);
    addCall(day, call({ from: 'anonymous' }), PARIS, key);
    addCall(day, call({ from: 'anonymised' }), PARIS, key);
    expect(day.callers).toEqual({ k5678: 2 });
    expect(JSON.stringify(day)).not.toContain('+33612345678');
  });

  it('when a message is claimed, then handled, then the claim and handling times and the assistant are counted', () => {
    const day = emptyDay('c1', '2026-12-02');
    addMessage(
      day,
      message({
        status: 'handled',
        assigneeId: 'u1',
        takenAt: at('2026-12-02T09:10:00Z'),
        takenBy: 'u1',
        handledAt: at('2026-12-02T10:00:00Z'),
        handledBy: 'u1',
      }),
    );
    expect(day.claimSeconds).toEqual([600]);
    expect(day.handleSeconds).toEqual([3600]);
    expect(day.assistants).toEqual({ u1: { claimed: 1, handled: 1, handleSeconds: [3600], open: 0 } });
    expect(day.messages.byStatus).toEqual({ new: 0, in_progress: 0, handled: 1 });
  });

  it('when an urgent message is taken by the client by SMS, then its acknowledgement time is the SMS claim', () => {
    const day = emptyDay('c1', '2026-12-02');
    addMessage(
      day,
      message({ urgent: true, claimedBy: { at: at('2026-12-02T09:02:30Z') }, status: 'in_progress' }),
    );
    addMessage(day, message({ urgent: true }));
    expect(day.urgentAckSeconds).toEqual([150]);
    expect(day.urgentUnacknowledged).toBe(1);
    expect(day.messages.unassignedOpen).toBe(2);
  });

  it('when a message is handled without being taken first, then handling counts as its taking', () => {
    const day = emptyDay('c1', '2026-12-02');
    addMessage(day, message({ status: 'handled', handledAt: at('2026-12-02T09:30:00Z'), handledBy: 'u2' }));
    expect(day.claimSeconds).toEqual([1800]);
    expect(day.assistants.u2).toMatchObject({ claimed: 0, handled: 1 });
  });

  it('when a message is held open by an assistant, then it is theirs to finish', () => {
    const day = emptyDay('c1', '2026-12-02');
    addMessage(
      day,
      message({
        status: 'in_progress',
        assigneeId: 'u3',
        takenBy: 'u3',
        takenAt: at('2026-12-02T09:01:00Z'),
      }),
    );
    expect(day.assistants.u3).toMatchObject({ claimed: 1, open: 1 });
    expect(day.messages.unassignedOpen).toBe(0);
  });

  it('when notifications are sent, fail or needed several attempts, then each is counted once and retries apart', () => {
    const day = emptyDay('c1', '2026-12-02');
    const createdAt = at('2026-12-02T09:00:00Z');
    addDelivery(day, { clientId: 'c1', status: 'sent', attempts: 1, createdAt });
    addDelivery(day, { clientId: 'c1', status: 'sent', attempts: 3, createdAt });
    addDelivery(day, { clientId: 'c1', status: 'failed', attempts: 5, createdAt });
    addDelivery(day, { clientId: 'c1', status: 'pending', attempts: 0, createdAt });
    expect(day.deliveries).toEqual({ sent: 2, failed: 1, pending: 1, cancelled: 0, retried: 2 });
  });
});

describe('the words of a reason', () => {
  it.each([
    ["Renouvellement de l'ordonnance du traitement", ['renouvellement', 'ordonnance', 'traitement']],
    ['Prise de rendez-vous pour lundi', ['prise', 'rendez-vous', 'lundi']],
    ['Question about my invoice', ['question', 'invoice']],
    ['  ', []],
    ['Fièvre, fièvre et toux', ['fièvre', 'toux']],
  ])('"%s" gives %j', (reason, words) => {
    expect(reasonWords(reason)).toEqual(words);
  });
});

describe('the local day and hour of an instant', () => {
  it.each([
    // The spring change in Paris: 02:00 does not exist, 01:30 UTC is 03:30 local.
    ['2026-03-29T01:30:00Z', PARIS, '2026-03-29', 3],
    // The autumn change: 01:30 UTC is the second 02:30 local.
    ['2026-10-25T01:30:00Z', PARIS, '2026-10-25', 2],
    // Late evening in New York is already the next day in UTC.
    ['2026-12-03T03:30:00Z', 'America/New_York', '2026-12-02', 22],
    ['2026-12-02T23:30:00Z', 'Pacific/Auckland', '2026-12-03', 12],
  ])('%s in %s is %s at %i h', (iso, zone, day, hour) => {
    expect(localDayAndHour(new Date(iso), zone)).toEqual({ day, hour });
  });
});

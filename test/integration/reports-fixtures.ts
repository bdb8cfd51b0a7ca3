/**
 * Rollups for the reports' tests, written through the store as the worker's refresh writes them:
 * client A has 56 calls in the week of 23 November 2026 and 50 the week before (+12 %), client B
 * 10 calls that week.
 */
import { emptyDay, type DayRollup } from '../../src/domain/report-day';
import { rebuildMonthRollup, saveDayRollups } from '../../src/store/report-rollups';

export const WEEK = { period: 'week', date: '2026-11-25' } as const;

function dayOf(clientId: string, day: string, calls: number, fill: (d: DayRollup) => void = () => {}) {
  const d = emptyDay(clientId, day);
  d.calls.total = calls;
  d.calls.answered = calls;
  d.calls.byOutcome.message = calls;
  d.hours[10] = calls;
  fill(d);
  return d;
}

export async function seedReportRollups(
  a: string,
  b: string,
  assistantId: string,
  builtAt = new Date('2026-11-30T13:05:00Z'),
): Promise<void> {
  const busyDay = dayOf(a, '2026-11-24', 56, (d) => {
    d.calls.answered = 52;
    d.calls.byOutcome = {
      transferred: 10,
      message: 20,
      appointment: 5,
      information: 3,
      abandoned: 14,
      blocked: 4,
      failed: 0,
    };
    d.calls.afterHours = 7;
    d.calls.urgentTransfers = 3;
    d.messages = {
      total: 20,
      urgent: 2,
      byStatus: { new: 5, in_progress: 3, handled: 12 },
      unassignedOpen: 5,
    };
    d.claimSeconds = [600];
    d.handleSeconds = [3900];
    d.urgentAckSeconds = [720];
    d.urgentUnacknowledged = 1;
    d.deliveries = { sent: 18, failed: 1, pending: 0, cancelled: 0, retried: 2 };
    d.reasons = { ordonnance: 6, résultats: 4 };
    d.callers = { k1: 3, k2: 1, k3: 1 };
    d.assistants = { [assistantId]: { claimed: 4, handled: 3, handleSeconds: [3900], open: 1 } };
  });
  const days = [
    busyDay,
    dayOf(a, '2026-11-17', 50),
    dayOf(b, '2026-11-25', 10, (d) => {
      d.messages = {
        total: 4,
        urgent: 0,
        byStatus: { new: 0, in_progress: 0, handled: 4 },
        unassignedOpen: 0,
      };
      d.handleSeconds = [600, 600, 600, 600];
    }),
  ];
  await saveDayRollups(days, builtAt);
  for (const client of [a, b]) await rebuildMonthRollup(client, '2026-11', builtAt);
}

/**
 * The digest's "Appels" section: counts per kind in the client's language, then one line per call
 * that left no message — read from the real store over a [from, to) window.
 */
import { createClient } from '../../../src/store/clients';
import { recordCall } from '../../../src/store/calls';
import { digestCallLog } from '../../../src/notify/digest-call-log';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { useTestDatabase } from '../../helpers/db';
import { seedCalls } from '../web/call-fixtures';

useTestDatabase(__filename);

const NB = '\u202f';
const END = new Date('2026-12-01T10:00:00Z'); // 11:00 in Paris
const WINDOW: [Date, Date] = [new Date('2026-11-30T23:00:00Z'), new Date('2026-12-01T23:00:00Z')];

describe('the digest’s call section', () => {
  it('when a French client’s day had calls of every kind, then counts, and each call without a message by time and number', async () => {
    const client = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Digest', numbers: ['+33180005555'] });
    await seedCalls(client.id, '+33180005555', END);
    // The day before: outside the window, never counted.
    await recordCall({
      callSid: 'CAdigestyesterday',
      clientId: client.id,
      from: '+33612345600',
      to: '+33180005555',
      locale: 'fr-FR',
      status: 'completed',
      outcome: 'abandoned',
      steps: [],
      startedAt: new Date('2026-11-30T12:00:00Z'),
      endedAt: new Date('2026-11-30T12:00:10Z'),
    });
    const lines = await digestCallLog(client, ...WINDOW);
    expect(lines).toEqual([
      `6 appels${NB}: 1 transféré, 1 message, 1 rendez-vous, 2 raccrochés, 1 refusé`,
      `Appels sans message${NB}:`,
      '- 10 h 54 – 06 12 34 56 06 — Rendez-vous pris',
      '- 10 h 55 – 06 12 34 56 05 — Raccroché pendant le menu',
      '- 10 h 56 – 06 12 34 56 04 — Numéro bloqué',
      '- 10 h 57 – 06 12 34 56 03 — Appelant silencieux',
      '- 10 h 59 – 06 12 34 56 01 — URGENT Transféré, répondu',
    ]);
  });

  it('when an English client’s day had one call, then the section is English with the national number', async () => {
    const client = await createClient({
      ...DEMO_CLIENT,
      name: 'Digest Office',
      locale: 'en-US',
      voice: 'Polly.Joanna-Neural',
      timezone: 'America/New_York',
      numbers: ['+12125550123'],
    });
    await recordCall({
      callSid: 'CAdigesten',
      clientId: client.id,
      from: '+12125550199',
      to: '+12125550123',
      locale: 'en-US',
      status: 'completed',
      outcome: 'rejected',
      steps: [{ name: 'rejected', detail: 'blocked number', at: END }],
      startedAt: END,
      endedAt: END,
    });
    expect(await digestCallLog(client, ...WINDOW)).toEqual([
      '1 call: 1 rejected',
      'Calls that left no message:',
      '- 5 AM – (212) 555-0199 — Blocked number',
    ]);
  });

  it('when nobody called, then it says so', async () => {
    const client = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Calme', numbers: ['+33180006666'] });
    expect(await digestCallLog(client, ...WINDOW)).toEqual(['Aucun appel.']);
  });
});

/**
 * The tenants the fuzzed calls reach: profiles chosen so that the engine's branches are reachable
 * whatever the time of day (always open with transfers and screening, closed by an override,
 * the demo's office hours), each with VIP and blocked callers to dial in from.
 */
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import type { ClientProfileInput } from '../../../src/flow/profile';
import { createClient, type Client } from '../../../src/store/clients';

const allDay = [{ start: '00:00', end: '24:00' }];

export const FUZZ_CLIENTS: ClientProfileInput[] = [
  {
    ...DEMO_CLIENT,
    name: 'Always Open & Co <script>',
    numbers: ['+33180000001'],
    locale: 'en-US',
    voice: 'Polly.Joanna-Neural',
    timezone: 'America/New_York',
    weeklyHours: {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    },
    closures: [],
    transfer: { mode: 'simultaneous', callerId: 'caller', screening: true, outOfHours: 'urgent-only' },
    fallbackNumber: '+33478000000',
    urgencyKeywords: ['fuite', 'leak'],
    rules: [
      { name: 'VIP straight through', when: { caller: 'vip' }, then: { type: 'transfer' } },
      { name: 'Blocked', when: { caller: 'blocked' }, then: { type: 'reject' } },
      {
        name: 'Hours',
        when: { menuChoice: 'hours' },
        then: { type: 'say', text: 'We never close.', thenMenu: true },
      },
    ],
    messageTaking: { recording: 'always', transcribe: true, maxRecordingSeconds: 60 },
    vipNumbers: ['+33611111111'],
    blockedNumbers: ['+33699999999'],
  },
  {
    ...DEMO_CLIENT,
    name: 'Fermé « exceptionnellement »',
    numbers: ['+33180000002', '+33180000003'],
    override: { mode: 'closed', until: '2099-01-01T00:00:00Z' },
    transfer: { mode: 'hunt', callerId: 'client-number', screening: false, outOfHours: 'message' },
    messageTaking: { recording: 'fallback', transcribe: false, maxRecordingSeconds: 10 },
  },
  { ...DEMO_CLIENT, numbers: ['+33180000004'] },
];

export const CLIENT_NUMBERS = FUZZ_CLIENTS.flatMap((c) => c.numbers);
/** Callers the profiles know (VIP, blocked, transfer targets) besides random ones. */
export const KNOWN_CALLERS = ['+33611111111', '+33699999999', '+33612345678', '+33478000000'];

export async function createFuzzClients(): Promise<Client[]> {
  const clients: Client[] = [];
  for (const profile of FUZZ_CLIENTS) clients.push(await createClient(profile));
  return clients;
}

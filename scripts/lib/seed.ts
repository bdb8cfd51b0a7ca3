/** Demo data for `npm run dev`: one client with a dedicated number and an admin login. Idempotent. */
import { createClient, findClientByNumber, updateClient, type Client } from '../../src/store/clients';
import { createUser, findUserByEmail } from '../../src/store/users';
import { displayNumber, PROMPTS, type ClientProfileInput } from '../../src/flow';
import { insertMessage } from '../../src/store/messages';
import { MessageModel } from '../../src/store/models';

export const DEMO_NUMBER = '+33180000001';
export const DEMO_ADMIN = { email: 'admin@demo.local', password: 'demo-receptionist' };

/** The demo practice's appointment types, on the built-in book (connect a CalDAV calendar to use one). */
export const DEMO_APPOINTMENTS = {
  types: [
    {
      id: 'consultation',
      name: 'Consultation',
      durationMinutes: 20,
      bufferMinutes: 5,
      minNoticeMinutes: 60,
      maxDaysAhead: 30,
      slotStepMinutes: 15,
      slotsOffered: 2,
      newCallers: 'book' as const,
    },
    {
      id: 'vaccination',
      name: 'Vaccination',
      durationMinutes: 15,
      bufferMinutes: 0,
      minNoticeMinutes: 120,
      maxDaysAhead: 60,
      slotStepMinutes: 15,
      slotsOffered: 2,
      newCallers: 'book' as const,
      // Vaccinations on Tuesday and Thursday afternoons only.
      hours: {
        tue: [{ start: '14:00', end: '17:00' }],
        thu: [{ start: '14:00', end: '17:00' }],
      },
    },
  ],
  reminderHoursBefore: 24,
  callerChanges: true,
};

export const DEMO_CLIENT: ClientProfileInput = {
  name: 'Cabinet Martin',
  spokenName: 'au cabinet Martin',
  sector: 'medical',
  numbers: [DEMO_NUMBER],
  locale: 'fr-FR',
  voice: 'Polly.Lea-Neural',
  timezone: 'Europe/Paris',
  weeklyHours: {
    mon: [
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:30' },
    ],
    tue: [
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:30' },
    ],
    wed: [{ start: '09:00', end: '12:30' }],
    thu: [
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:30' },
    ],
    fri: [
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '17:00' },
    ],
  },
  closures: [{ from: '2026-12-24', to: '2027-01-02', label: 'Fêtes de fin d’année' }],
  address: '12 rue de la République, 69002 Lyon',
  transferTargets: [
    { name: 'Dr Claire Martin', number: '+33612345678', ringSeconds: 20 },
    { name: 'Secrétariat', number: '+33478000000', ringSeconds: 20 },
  ],
  transfer: { mode: 'hunt', callerId: 'client-number', screening: true, outOfHours: 'urgent-only' },
  vipNumbers: ['+33611111111'],
  vocabulary: ['docteur Martin', 'Dr Claire Martin', 'ordonnance', 'vaccin', 'certificat médical'],
  blockedNumbers: ['+33699999999'],
  notifications: { sms: { enabled: true, to: ['+33612345678'] } },
  appointments: DEMO_APPOINTMENTS,
};

export const DEMO_ASSISTANT = { email: 'assistant@demo.local', password: 'demo-receptionist' };

/** A few messages already taken, so the list has something to show on first start. */
const DEMO_MESSAGES = [
  {
    callerName: 'Hélène Garnier',
    callerNumber: '+33677889900',
    reason: 'Douleur thoracique depuis ce matin',
    urgent: true,
  },
  {
    callerName: 'Lucas Moreau',
    callerNumber: '+33612345673',
    reason: 'Question sur une facture',
    urgent: false,
  },
  {
    callerName: 'Sophie Bernard',
    callerNumber: '+33612345672',
    reason: 'Annuler le rendez-vous de jeudi',
    urgent: false,
  },
];

async function seedMessages(client: Client): Promise<void> {
  for (const [i, m] of DEMO_MESSAGES.entries()) {
    const summary = PROMPTS['fr-FR'].summary({
      callerName: m.callerName,
      reason: m.reason,
      callbackNumber: displayNumber(m.callerNumber, DEMO_NUMBER),
      urgent: m.urgent,
      recording: false,
    });
    const key = `demo:${i}`;
    const { created } = await insertMessage({
      key,
      clientId: client.id,
      callSid: key,
      callbackNumber: m.callerNumber,
      summary,
      ...m,
    });
    // Historical demo messages: mark them as already notified, so starting the demo sends nothing.
    if (created) await MessageModel.updateOne({ key }, { $set: { queuedAt: new Date() } });
  }
}

/** A demo client seeded before appointments existed gets the demo's appointment types once. */
async function withAppointmentTypes(client: Client): Promise<Client> {
  if (client.appointments.types.length > 0) return client;
  const { id, active, createdAt, updatedAt, ...profile } = client;
  void active;
  void createdAt;
  void updatedAt;
  return updateClient(id, { ...profile, appointments: DEMO_APPOINTMENTS });
}

async function ensureUser(
  email: string,
  password: string,
  role: 'admin' | 'assistant',
  name: string,
  clientIds: string[],
) {
  if (!(await findUserByEmail(email))) await createUser({ email, name, role, password, clientIds });
}

/** `created`: the demo client did not exist (a fresh data folder), so it has no history yet. */
export async function seedDemo(): Promise<{
  client: Client;
  created: boolean;
  adminEmail: string;
  adminPassword: string;
}> {
  const existing = await findClientByNumber(DEMO_NUMBER);
  const client = await withAppointmentTypes(existing ?? (await createClient(DEMO_CLIENT)));
  await ensureUser(DEMO_ADMIN.email, DEMO_ADMIN.password, 'admin', 'Demo admin', []);
  await ensureUser(DEMO_ASSISTANT.email, DEMO_ASSISTANT.password, 'assistant', 'Camille Besson', [client.id]);
  await seedMessages(client);
  return { client, created: !existing, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
}

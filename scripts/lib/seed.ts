/** Demo data for `npm run dev`: one client with a dedicated number and an admin login. Idempotent. */
import { createClient, findClientByNumber, type Client } from '../../src/store/clients';
import { createUser, findUserByEmail } from '../../src/store/users';
import type { ClientProfileInput } from '../../src/flow/profile';

export const DEMO_NUMBER = '+33180000001';
export const DEMO_ADMIN = { email: 'admin@demo.local', password: 'demo-receptionist' };

export const DEMO_CLIENT: ClientProfileInput = {
  name: 'Cabinet Martin',
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
  blockedNumbers: ['+33699999999'],
  notifications: { sms: { enabled: true, to: ['+33612345678'] } },
};

export async function seedDemo(): Promise<{ client: Client; adminEmail: string; adminPassword: string }> {
  const client = (await findClientByNumber(DEMO_NUMBER)) ?? (await createClient(DEMO_CLIENT));
  if (!(await findUserByEmail(DEMO_ADMIN.email))) {
    await createUser({
      email: DEMO_ADMIN.email,
      name: 'Demo admin',
      role: 'admin',
      password: DEMO_ADMIN.password,
    });
  }
  return { client, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
}

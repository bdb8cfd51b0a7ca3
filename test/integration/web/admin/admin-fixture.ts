/** A valid client form, as the admin page posts it, and helpers of the admin page tests. */
const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

export const uniqueNumber = () => `+331${digits()}`;

export function clientForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Cabinet Durand',
    numbers: uniqueNumber(),
    locale: 'fr-FR',
    voice: 'Polly.Lea-Neural',
    timezone: 'Europe/Paris',
    address: '3 place Bellecour, Lyon',
    greeting: '',
    hours_mon: '09:00-12:30, 14:00-18:30',
    hours_tue: '09:00-12:30',
    closures: '2026-12-24..2027-01-02 Fêtes',
    overrideMode: '',
    target0_name: 'Dr Durand',
    target0_number: '+33612345678',
    target0_ring: '20',
    transferMode: 'hunt',
    callerId: 'client-number',
    screening: 'on',
    outOfHours: 'message',
    vipNumbers: '+33611111111',
    defaultAction: 'message',
    recording: 'fallback',
    transcribe: 'on',
    recordingNotice: 'on',
    smsEnabled: 'on',
    smsTo: '+33612345678',
    ...overrides,
  };
}

/** The error text shown next to field `name` (the element with id f-<name>-error), or null. */
export function fieldError(page: string, name: string): string | null {
  const match = new RegExp(`id="f-${name}-error">([^<]*)<`).exec(page);
  return match ? match[1]!.trim() : null;
}

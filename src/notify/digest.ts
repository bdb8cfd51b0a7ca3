/**
 * The daily digest: per client, at its local time (a job scheduler with a cron pattern and `tz`),
 * yesterday's calls and messages, open items first. Sent by email when the client has addresses,
 * else as one SMS per number with the counts and the link to the list.
 */
import type { Queue } from 'bullmq';
import { recordingLink, type RecordingLinkKey } from '../app/recording-links';
import type { Logger } from '../infra/logger';
import { listClients, getClient, type Client } from '../store/clients';
import { countCallsBetween } from '../store/call-stats';
import type { Message } from '../store/messages';
import { NOTIFICATION_JOBS, SCHEDULERS, type ScheduleDefinition } from '../queue/names';
import type { Transports } from './channels';
import { messagesBetween } from '../store/message-follow-ups';
import { toGsm7 } from './gsm';
import { localTime, messageUrl } from './render';
import { yesterdayIn } from './timezone';
import type { DigestJobData } from './types';

/** Cron pattern of a local HH:MM (BullMQ evaluates it in the scheduler's `tz`). */
export function digestPattern(localTimeHHMM: string): string {
  const [h, m] = localTimeHHMM.split(':').map(Number) as [number, number];
  return `${m} ${h % 24} * * *`;
}

/** The digest schedules wanted: one per active client with its digest on, at its local time. */
export function digestSchedules(clients: Client[]): ScheduleDefinition[] {
  return clients
    .filter((client) => client.active && client.notifications.digest.enabled)
    .map((client) => ({
      id: SCHEDULERS.digestOf(client.id),
      repeat: { pattern: digestPattern(client.notifications.digest.localTime), tz: client.timezone },
      job: { name: NOTIFICATION_JOBS.digest, data: { clientId: client.id } satisfies DigestJobData },
    }));
}

/** One scheduler per client with a digest; removed when the digest is turned off. */
export async function syncDigestSchedules(queue: Queue, clients?: Client[]): Promise<number> {
  const all = clients ?? (await listClients());
  const wanted = digestSchedules(all);
  const ids = new Set(wanted.map((s) => s.id));
  for (const s of wanted) await queue.upsertJobScheduler(s.id, s.repeat, s.job);
  for (const client of all) {
    const id = SCHEDULERS.digestOf(client.id);
    if (!ids.has(id)) await queue.removeJobScheduler(id);
  }
  return wanted.length;
}

export type Digest = {
  date: string;
  calls: number;
  open: Message[];
  handled: Message[];
  subject: string;
  text: string;
};

export async function buildDigest(
  client: Client,
  now: Date,
  publicBaseUrl: string,
  recordingLinks?: RecordingLinkKey,
): Promise<Digest> {
  const { date, from, to } = yesterdayIn(now, client.timezone);
  const [messages, calls] = await Promise.all([
    messagesBetween(client.id, from, to),
    countCallsBetween(client.id, from, to),
  ]);
  const open = messages.filter((m) => m.status !== 'handled').sort(urgentFirst);
  const handled = messages.filter((m) => m.status === 'handled');
  const fr = client.locale === 'fr-FR';
  const listen = (m: Message) => {
    const link = recordingLinks ? recordingLink(publicBaseUrl, m, recordingLinks) : null;
    return link ? ` — ${fr ? 'écouter :' : 'listen:'} ${link}` : '';
  };
  const line = (m: Message) =>
    `- ${m.urgent ? (fr ? '[URGENT] ' : '[URGENT] ') : ''}${localTime(m.createdAt, client.locale, client.timezone)} ${m.callerName || m.callerNumber}: ${m.reason || m.summary} — ${messageUrl(publicBaseUrl, m.id)}${listen(m)}`;
  const subject = fr
    ? `Récapitulatif du ${date} : ${calls} appel(s), ${messages.length} message(s), ${open.length} à traiter`
    : `Digest for ${date}: ${calls} call(s), ${messages.length} message(s), ${open.length} open`;
  const text = [
    subject,
    '',
    fr ? `À traiter (${open.length})` : `Open (${open.length})`,
    ...open.map(line),
    '',
    fr ? `Traités (${handled.length})` : `Handled (${handled.length})`,
    ...handled.map(line),
    '',
    `${publicBaseUrl}/messages`,
  ].join('\n');
  return { date, calls, open, handled, subject, text };
}

const urgentFirst = (a: Message, b: Message) =>
  Number(b.urgent) - Number(a.urgent) || a.createdAt.getTime() - b.createdAt.getTime();

export async function sendDigest(
  clientId: string,
  now: Date,
  deps: { transports: Transports; logger: Logger; publicBaseUrl: string; recordingLinks?: RecordingLinkKey },
): Promise<{ date: string; sent: number }> {
  const client = await getClient(clientId);
  const digest = await buildDigest(client, now, deps.publicBaseUrl, deps.recordingLinks);
  const n = client.notifications;
  const key = `digest.${client.id}.${digest.date}`;
  let sent = 0;
  if (n.email.enabled && n.email.to.length > 0) {
    await deps.transports.email({
      key: `${key}.email`,
      clientId,
      to: n.email.to,
      subject: digest.subject,
      text: digest.text,
      html: `<pre>${digest.text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</pre>`,
    });
    sent += 1;
  } else if (n.sms.enabled) {
    for (const [i, to] of n.sms.to.entries()) {
      await deps.transports.sms({
        key: `${key}.sms.${i}`,
        clientId,
        to,
        from: client.numbers[0] ?? '',
        body: toGsm7(`${digest.subject}. ${deps.publicBaseUrl}/messages`),
      });
      sent += 1;
    }
  }
  deps.logger.info(`digest ${digest.date} of ${client.name}: ${sent} sent`);
  return { date: digest.date, sent };
}

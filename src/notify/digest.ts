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
import { digestCallLog } from './digest-call-log';
import { appointmentTime } from './appointment-texts';
import { NNBSP } from './french';
import { cutAtWord, messageUrl } from './render';
import { clientCountry, displayPhone } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
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
  /** The list filtered on the client and the day: `/?client=…&from=…&to=…`. */
  listUrl: string;
  /** The SMS variant: one sentence with the counts and the link. */
  sms: string;
};

export async function buildDigest(
  client: Client,
  now: Date,
  publicBaseUrl: string,
  recordingLinks?: RecordingLinkKey,
): Promise<Digest> {
  const { date, from, to } = yesterdayIn(now, client.timezone);
  const [messages, calls, callLines] = await Promise.all([
    messagesBetween(client.id, from, to),
    countCallsBetween(client.id, from, to),
    digestCallLog(client, from, to),
  ]);
  const listen = (m: Message) => (recordingLinks ? recordingLink(publicBaseUrl, m, recordingLinks) : null);
  return composeDigest({ client, date, calls, messages, publicBaseUrl, listen, callLines });
}

export type DigestInput = {
  client: Pick<Client, 'id' | 'name' | 'locale' | 'timezone' | 'numbers'>;
  /** The day summed up, YYYY-MM-DD in the client's timezone. */
  date: string;
  calls: number;
  messages: Message[];
  publicBaseUrl: string;
  /** The signed link of a message's recording, or null. */
  listen?: (m: Message) => string | null;
  /** Text lines of the client's calls that day (digest-call-log.ts); none: no calls section. */
  callLines?: string[];
};

const N = NNBSP;

/** "mercredi 2 décembre" / "Wednesday, December 2" of a YYYY-MM-DD. */
export function dayTitle(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** "0 appel", "1 appel", "2 appels" (French keeps 0 and 1 singular) / "1 call", "0 calls". */
function count(n: number, locale: Locale, one: string, many: string): string {
  const singular = locale === 'fr-FR' ? n < 2 : n === 1;
  return `${n} ${singular ? one : many}`;
}

/** The list of that client on that day, which the digest's last link opens (`/calls`: its calls). */
export const digestListUrl = (publicBaseUrl: string, clientId: string, date: string, page = '/') =>
  `${publicBaseUrl}${page}?${new URLSearchParams({ client: clientId, from: date, to: date }).toString()}`;

/**
 * The digest's text, pure: the counts in the subject, then the open messages (urgent first) and
 * the handled ones, a caller who called several times on one line with their times, each message
 * with its link, and the link of the day's list at the end.
 */
export function composeDigest(input: DigestInput): Digest {
  const { client, date, calls, messages, publicBaseUrl } = input;
  const locale = client.locale;
  const fr = locale === 'fr-FR';
  const open = messages.filter((m) => m.status !== 'handled').sort(urgentFirst);
  const handled = messages.filter((m) => m.status === 'handled');
  const counts = fr
    ? `${count(calls, locale, 'appel', 'appels')}, ${count(messages.length, locale, 'message', 'messages')}, ${open.length} à traiter`
    : `${count(calls, locale, 'call', 'calls')}, ${count(messages.length, locale, 'message', 'messages')}, ${open.length} open`;
  const day = dayTitle(date, locale);
  const subject = fr ? `Récapitulatif du ${day}${N}: ${counts}` : `Summary for ${day}: ${counts}`;
  const listUrl = digestListUrl(publicBaseUrl, client.id, date);
  const callsUrl = digestListUrl(publicBaseUrl, client.id, date, '/calls');
  const lines = (list: Message[]) => groupByCaller(list).map((group) => digestLine(group, input));
  const text = [
    subject,
    '',
    fr ? `À traiter (${open.length})` : `Open (${open.length})`,
    ...lines(open),
    '',
    fr ? `Traités (${handled.length})` : `Handled (${handled.length})`,
    ...lines(handled),
    ...(input.callLines?.length
      ? [
          '',
          fr ? `Appels (${calls})` : `Calls (${calls})`,
          ...input.callLines,
          fr ? `Tous les appels du ${day}${N}: ${callsUrl}` : `All calls of ${day}: ${callsUrl}`,
        ]
      : []),
    '',
    fr ? `Tous les messages du ${day}${N}: ${listUrl}` : `All messages of ${day}: ${listUrl}`,
  ].join('\n');
  const sms = fr
    ? `Récapitulatif du ${day}${N}: ${counts}. Pour les voir${N}: ${listUrl}`
    : `Summary for ${day}: ${counts}. To see them: ${listUrl}`;
  return { date, calls, open, handled, subject, text, listUrl, sms };
}

/** Messages of one number, in the order of the list; a number-less message stays alone. */
function groupByCaller(list: Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const m of list) {
    const key = m.callerNumber && m.callerNumber !== 'anonymous' ? m.callerNumber : `#${m.id}`;
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()].map((g) =>
    [...g].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  );
}

/** What the message is about, readable: its reason, else the caller's words, else what it is. */
function readableReason(m: Message, locale: Locale): string {
  const fr = locale === 'fr-FR';
  if (m.reason.trim()) return cutAtWord(m.reason, 120);
  if (m.transcription.trim()) {
    const words = cutAtWord(m.transcription, 120);
    return fr ? `«${N}${words}${N}»` : `“${words}”`;
  }
  if (m.recording) return fr ? 'message vocal' : 'voicemail';
  return fr ? 'sans motif' : 'no reason given';
}

/**
 * "- 14 h 05 – Nadia Roux (06 12 34 56 02) : fièvre — https://…/messages/…", or for a caller who
 * called several times "- Nadia Roux (06 12 34 56 02) — 3 appels (9 h 12, 10 h 40, 11 h 02) : …".
 */
function digestLine(group: Message[], input: DigestInput): string {
  const { client, publicBaseUrl } = input;
  const locale = client.locale;
  const fr = locale === 'fr-FR';
  const first = group[group.length - 1]!;
  const name = first.callerName.trim() || group.find((m) => m.callerName.trim())?.callerName.trim();
  const number = first.callerNumber ? displayPhone(first.callerNumber, clientCountry(client)) : '';
  const who = name
    ? number
      ? `${name} (${number})`
      : name
    : number || (fr ? 'appelant inconnu' : 'unknown caller');
  const time = (m: Message) => appointmentTime(m.createdAt, locale, client.timezone);
  const urgent = group.some((m) => m.urgent) ? '[Urgent] ' : '';
  const reasons = [...new Set(group.map((m) => readableReason(m, locale)))].join(' / ');
  const colon = fr ? `${N}:` : ':';
  const head =
    group.length === 1
      ? `${time(first)} – ${who}`
      : `${who} — ${fr ? count(group.length, locale, 'appel', 'appels') : count(group.length, locale, 'call', 'calls')} (${group.map(time).join(', ')})`;
  const links = group.map((m) => {
    const recording = input.listen?.(m);
    const listen = recording ? ` — ${fr ? `écouter${N}:` : 'listen:'} ${recording}` : '';
    return `${messageUrl(publicBaseUrl, m.id)}${listen}`;
  });
  return `- ${urgent}${head}${colon} ${reasons} — ${links.join(' ; ')}`;
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
      html: digestHtml(digest.text),
    });
    sent += 1;
  } else if (n.sms.enabled) {
    for (const [i, to] of n.sms.to.entries()) {
      await deps.transports.sms({
        key: `${key}.sms.${i}`,
        clientId,
        to,
        from: client.numbers[0] ?? '',
        body: toGsm7(digest.sms),
      });
      sent += 1;
    }
  }
  deps.logger.info(`digest ${digest.date} of ${client.name}: ${sent} sent`);
  return { date: digest.date, sent };
}

/** The digest's text as HTML: kept as written (a <pre>), its links clickable. */
export function digestHtml(text: string): string {
  const escaped = text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
  return `<pre>${escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</pre>`;
}

/**
 * Realistic past activity of a client, for the demo, the reports benchmark and the reports tests:
 * calls as `recordCall` writes them (with the steps the engine records for each kind of call),
 * the messages they left as the message store holds them after the assistants' work, their
 * notifications, and the callers' contacts. Office-hours shaped (mornings and afternoons on
 * weekdays, little at night and at weekends), with repeat callers. Deterministic: a seeded random
 * source and an explicit `now`.
 */
import { Types } from 'mongoose';
import { isOpen } from '../../src/flow/hours';
import { addDays, localToInstant } from '../../src/domain/zoned-time';
import { contactId } from '../../src/store/contacts';
import type { Client } from '../../src/store/clients';
import { CallModel, ContactModel, DeliveryModel, MessageModel } from '../../src/store/models';
import {
  callerName,
  deliveriesFor,
  messageFor,
  type DeliveryDoc,
  type HistoryAssistant,
  type MessageDoc,
} from './history-messages';
import { seededRng, seedOf, type Rng } from './history-random';
import { KIND_WEIGHTS, OUTCOME_OF, stepsOf, type HistoryKind } from './history-words';

export type { HistoryAssistant } from './history-messages';

export type HistoryOptions = {
  client: Client;
  /** Who takes and handles the messages; the first one does most of it. */
  assistants: readonly HistoryAssistant[];
  /** First and last day, `YYYY-MM-DD` in the client's time zone, inclusive. */
  from: string;
  to: string;
  /** Nothing happens after it: calls stop there, recent messages are still open. */
  now: Date;
  seed: number;
  /** Calls on an ordinary Tuesday, on average. @defaultValue 18 */
  callsPerWeekday?: number;
};

export type CallDoc = Record<string, unknown> & {
  _id: string;
  outcome: string;
  startedAt: Date;
};

export type History = {
  calls: CallDoc[];
  /** The kind of each call, in the order of `calls` (not stored). */
  kinds: HistoryKind[];
  messages: MessageDoc[];
  deliveries: DeliveryDoc[];
  contacts: Record<string, unknown>[];
};

/** Relative volume per weekday (Sunday first, as `getUTCDay`). */
const DAY_VOLUME = [0.08, 1.3, 1.0, 0.8, 1.0, 0.9, 0.15];
/** Relative volume per local hour: mornings and afternoons, a lunch dip, a little at night. */
const HOUR_VOLUME = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 1.5, 3, 3.2, 2.8, 1.2, 1, 2.4, 2.6, 2.5, 2.2, 1.4, 0.6, 0.4,
  0.25, 0.15, 0.08,
].map((w, h) => [h, w] as const);

type Caller = { phone: string; name: string };

function callerPool(rng: Rng, size: number): Caller[] {
  return Array.from({ length: size }, () => ({ phone: `+336${rng.digits(8)}`, name: callerName(rng) }));
}

/** A few regulars call often (a Zipf-like pick from the pool); most callers call once. */
function nextCaller(rng: Rng, pool: readonly Caller[]): Caller {
  if (rng.chance(0.02)) return { phone: 'anonymous', name: '' };
  if (!rng.chance(0.4))
    return { phone: `+33${rng.pick(['6', '7', '1', '4'])}${rng.digits(8)}`, name: callerName(rng) };
  const index = Math.floor(pool.length ** rng.next()) - 1;
  return pool[Math.min(pool.length - 1, Math.max(0, index))]!;
}

export function generateHistory(options: HistoryOptions): History {
  const { client, now } = options;
  const rng = seededRng(seedOf(client.id, options.seed));
  const perWeekday = options.callsPerWeekday ?? 18;
  const pool = callerPool(rng, Math.max(30, perWeekday * 6));
  const blocked = client.blockedNumbers[0] ?? '+33699999999';
  const history: History = { calls: [], kinds: [], messages: [], deliveries: [], contacts: [] };
  const contacts = new Map<string, { name: string; calls: number; last: Date }>();
  for (let day = options.from; day <= options.to; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const mean = perWeekday * DAY_VOLUME[weekday]!;
    const count = Math.max(0, Math.round(mean * (0.75 + 0.5 * rng.next())));
    for (let i = 0; i < count; i++) {
      const hour = rng.weighted(HOUR_VOLUME);
      const local = `${day}T${String(hour).padStart(2, '0')}:${String(rng.between(0, 59)).padStart(2, '0')}`;
      const start = new Date(localToInstant(local, client.timezone)!.getTime() + rng.between(0, 59) * 1000);
      const open = isOpen(client, start);
      const kind = rng.weighted(KIND_WEIGHTS[open ? 'open' : 'closed']);
      const caller = kind === 'blocked' ? { phone: blocked, name: '' } : nextCaller(rng, pool);
      const callSid = `CA${rng.hex(32)}`;
      const slot = new Date(start.getTime() + rng.between(1, 14) * 86_400_000).toISOString();
      const vip = client.vipNumbers.includes(caller.phone) ? ', vip' : '';
      const steps = stepsOf(kind, `${open ? 'open' : 'closed'}${vip}`, slot, `APT${rng.hex(6)}`);
      const last = steps[steps.length - 1]![2];
      const talk = kind === 'transferred' || kind === 'urgent-transfer' ? rng.between(40, 600) : 0;
      const durationSeconds = last + talk + rng.between(2, 8);
      const endedAt = new Date(start.getTime() + durationSeconds * 1000);
      if (endedAt.getTime() > now.getTime()) continue;
      history.kinds.push(kind);
      history.calls.push({
        _id: callSid,
        callSid,
        clientId: new Types.ObjectId(client.id),
        from: caller.phone,
        to: client.numbers[0] ?? '',
        locale: client.locale,
        status: 'completed',
        outcome: OUTCOME_OF[kind],
        steps: steps.map(([name, detail, s]) => ({ name, detail, at: new Date(start.getTime() + s * 1000) })),
        startedAt: start,
        endedAt,
        durationSeconds,
        createdAt: endedAt,
        updatedAt: endedAt,
      });
      if (kind === 'message' || kind === 'transfer-message') {
        const at = new Date(start.getTime() + last * 1000);
        const urgent = rng.chance(kind === 'transfer-message' ? 0.3 : 0.08);
        const name = caller.name || callerName(rng);
        const message = messageFor(
          rng,
          client,
          options.assistants,
          { callSid, from: caller.phone, name, at, urgent },
          now,
        );
        history.messages.push(message);
        history.deliveries.push(...deliveriesFor(rng, client, message));
      }
      if (caller.phone !== 'anonymous') {
        const c = contacts.get(caller.phone) ?? { name: '', calls: 0, last: start };
        contacts.set(caller.phone, { name: caller.name || c.name, calls: c.calls + 1, last: endedAt });
      }
    }
  }
  for (const [phone, c] of contacts) {
    history.contacts.push({
      _id: contactId(client.id, phone),
      clientId: new Types.ObjectId(client.id),
      phone,
      name: c.name,
      calls: c.calls,
      lastCallAt: c.last,
      vip: client.vipNumbers.includes(phone),
      blocked: client.blockedNumbers.includes(phone),
      createdAt: c.last,
      updatedAt: c.last,
    });
  }
  return history;
}

/** FerretDB takes large inserts best in batches of a few hundred. */
const BATCH = 500;

type Insertable = { insertMany(docs: never[], options: { ordered: boolean }): Promise<unknown> };

/** Inserts in batches; `skipExisting` leaves documents already there (duplicate `_id`) as they are. */
async function insertAll(collection: Insertable, docs: readonly object[], skipExisting = false) {
  for (let i = 0; i < docs.length; i += BATCH) {
    try {
      await collection.insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
    } catch (err) {
      const errors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!skipExisting || !errors?.every((e) => e.code === 11000)) throw err;
    }
  }
}

/**
 * Writes a history through the collections the application reads, timestamps as generated (the
 * reports' refresh looks at `updatedAt`: a history written now still reads as the past).
 */
export async function writeHistory(history: History): Promise<void> {
  await insertAll(CallModel.collection as never, history.calls);
  await insertAll(MessageModel.collection as never, history.messages);
  await insertAll(DeliveryModel.collection as never, history.deliveries);
  // A caller of the demo's first messages may have a contact already: it stays as it is.
  await insertAll(ContactModel.collection as never, history.contacts, true);
}

/** The local days of the last `days` days up to `now`'s, for a client's time zone. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

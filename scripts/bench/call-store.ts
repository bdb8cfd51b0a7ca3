/**
 * The bench's own look at the store (MONGODB_URI): pre-filling the demo client with past messages
 * and calls, and counting after a run the messages stored per call and the duplicated ones.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { PROMPTS, displayNumber } from '../../src/flow';
import { findClientByNumber } from '../../src/store/clients';
import { CallModel, MessageModel } from '../../src/store/models';
import { connectMongo } from '../../src/store/mongo';
import { Progress } from './load';

const FIRST = ['Camille', 'Paul', 'Hélène', 'Lucas', 'Sophie', 'Nicolas', 'Inès', 'Julien', 'Chloé', 'Marc'];
const LAST = ['Martin', 'Lemaire', 'Garnier', 'Moreau', 'Bernard', 'Dubois', 'Roux', 'Fournier', 'Girard'];
const REASONS = [
  'Je voudrais un rendez-vous la semaine prochaine',
  'Question sur une facture',
  'Annuler le rendez-vous de jeudi',
  'Résultats d’analyse à commenter',
  'Renouvellement d’ordonnance',
  'Douleur au dos depuis trois jours',
  'Demande de certificat médical pour le sport',
];
const YEAR_MS = 365 * 24 * 3600 * 1000;
const BATCH = 1000;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

export async function connectStore(uri: string): Promise<void> {
  await connectMongo(uri);
}

export async function disconnectStore(): Promise<void> {
  await mongoose.disconnect();
}

/** Inserts `count` past messages and as many finished calls for the client of `number`. */
export async function prefill(number: string, count: number): Promise<{ seconds: number }> {
  const client = await findClientByNumber(number);
  if (!client) throw new Error(`no client has the number ${number}: seed it first (npm run dev does)`);
  const clientId = new mongoose.Types.ObjectId(client.id);
  // Call `_id`s are CallSids (strings), not the driver's default ObjectId.
  const calls = mongoose.connection.db!.collection<{ _id: string }>(CallModel.collection.name);
  const started = performance.now();
  let done = 0;
  const progress = new Progress(
    `prefill ${count}`,
    Number.POSITIVE_INFINITY,
    () => `${done}/${count} messages and calls`,
  );
  try {
    for (let offset = 0; offset < count; offset += BATCH) {
      const size = Math.min(BATCH, count - offset);
      const batch = Array.from({ length: size }, (_, i) => pastCall(offset + i, clientId, number));
      await calls.insertMany(
        batch.map((b) => b.call),
        { ordered: false },
      );
      await MessageModel.collection.insertMany(
        batch.map((b) => b.message),
        { ordered: false },
      );
      done += size;
    }
  } finally {
    progress.stop();
  }
  return { seconds: (performance.now() - started) / 1000 };
}

function pastCall(i: number, clientId: mongoose.Types.ObjectId, to: string) {
  const callSid = `CA${randomBytes(16).toString('hex')}`;
  const startedAt = new Date(Date.now() - Math.random() * YEAR_MS);
  const endedAt = new Date(startedAt.getTime() + (40 + (i % 90)) * 1000);
  const from = `+336${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`;
  const callerName = `${pick(FIRST, i)} ${pick(LAST, Math.floor(i / FIRST.length))}`;
  const reason = pick(REASONS, i);
  const urgent = i % 10 === 0;
  const summary = PROMPTS['fr-FR'].summary({
    callerName,
    reason,
    callbackNumber: displayNumber(from, to),
    urgent,
    recording: false,
  });
  const steps = ['greeting', 'menu', 'name', 'reason', 'callback-number', 'urgency', 'confirm', 'done'].map(
    (name, n) => ({ at: new Date(startedAt.getTime() + n * 5000), name, detail: '' }),
  );
  const status = i % 20 === 0 ? 'new' : i % 20 === 1 ? 'in_progress' : 'handled';
  return {
    call: {
      _id: callSid,
      callSid,
      clientId,
      from,
      to,
      status: 'completed',
      state: null,
      revision: steps.length,
      locale: 'fr-FR',
      steps,
      outcome: 'message',
      startedAt,
      endedAt,
      durationSeconds: Math.round((endedAt.getTime() - startedAt.getTime()) / 1000),
      createdAt: startedAt,
      updatedAt: endedAt,
    },
    message: {
      key: `prefill:${callSid}`,
      clientId,
      callSid,
      callerName,
      callerNumber: from,
      callbackNumber: from,
      reason,
      urgent,
      transcription: '',
      summary,
      status,
      assigneeId: null,
      handledAt: status === 'handled' ? endedAt : null,
      acknowledgedAt: null,
      notes: [],
      deliveries: [
        {
          key: `prefill.${callSid}.sms`,
          channel: 'sms',
          to: '+33612345678',
          status: 'sent',
          attempts: 1,
          updatedAt: endedAt,
        },
      ],
      // Already notified: a pre-filled store must not wake the sweeper.
      queuedAt: endedAt,
      createdAt: endedAt,
      updatedAt: endedAt,
    },
  };
}

export interface StoredFigures {
  messages: number;
  /** Distinct calls among them. */
  calls: number;
  /** Calls with more than one message. */
  duplicatedCalls: number;
  /** Messages beyond the first of each call. */
  extraMessages: number;
}

/** Messages the service stored since `since`, grouped by call (one scan, also on FerretDB). */
export async function storedSince(since: Date): Promise<StoredFigures> {
  const groups = await MessageModel.collection
    .aggregate<{ _id: string; n: number }>([
      { $match: { createdAt: { $gte: since } } },
      { $group: { _id: '$callSid', n: { $sum: 1 } } },
    ])
    .toArray();
  const duplicated = groups.filter((g) => g.n > 1);
  return {
    messages: groups.reduce((sum, g) => sum + g.n, 0),
    calls: groups.length,
    duplicatedCalls: duplicated.length,
    extraMessages: duplicated.reduce((sum, g) => sum + g.n - 1, 0),
  };
}

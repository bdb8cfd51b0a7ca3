/**
 * "Nothing invalid stored": after a fuzz run, every document the routes may have written is read
 * back and checked against the project's own schemas — the mongoose model of its collection, and
 * the zod schema its edge validates with (client profile, user, note, Twilio ids).
 */
import type { Model } from 'mongoose';
import { z } from 'zod';
import { newNoteSchema } from '../../../src/api/schemas';
import { newUserSchema } from '../../../src/domain/users';
import { clientProfileSchema } from '../../../src/flow/profile';
import { outboundUrlProblem } from '../../../src/domain/outbound-url';
import { ALL_MODELS, CallModel, ClientModel, MessageModel, UserModel } from '../../../src/store/models';

type Doc = Record<string, unknown>;
type AnyModel = Model<Doc>;

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/);
const storedUserSchema = newUserSchema.omit({ password: true }).strict();

/** Keys a parsed JSON or form body may carry that must never reach a document. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function pollutedKeys(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object' || value instanceof Date) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pollutedKeys(v, `${path}.${i}`));
  if ('_bsontype' in value) return [];
  return Object.keys(value).flatMap((k) => [
    ...(POLLUTING_KEYS.has(k) || k.startsWith('$') ? [`${path}.${k}`] : []),
    ...pollutedKeys((value as Doc)[k], `${path}.${k}`),
  ]);
}

function issues(result: z.ZodSafeParseResult<unknown>): string | null {
  return result.success
    ? null
    : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

/** Checks of one collection beyond its mongoose model. */
const EDGE_SCHEMAS = new Map<AnyModel, (doc: Doc) => string | null>([
  [
    ClientModel as unknown as AnyModel,
    (doc) => {
      const profile = { ...doc };
      for (const key of ['_id', '__v', 'createdAt', 'updatedAt', 'active']) delete profile[key];
      // The input schema, not the lenient one stored documents are read with: what an edge saves
      // now must pass today's rules (real dates, business zones, no control characters).
      const webhook = (profile.notifications as Doc | undefined)?.webhook as Doc | undefined;
      const url = typeof webhook?.url === 'string' ? webhook.url : null;
      const urlProblem = url && outboundUrlProblem(url, { requireHttps: false, allowPrivate: false });
      return (
        [issues(clientProfileSchema.safeParse(profile)), urlProblem ? `webhook url: ${urlProblem}` : null]
          .filter(Boolean)
          .join('; ') || null
      );
    },
  ],
  [
    UserModel as unknown as AnyModel,
    (doc) =>
      issues(
        storedUserSchema.safeParse({
          email: doc.email,
          name: doc.name,
          role: doc.role,
          locale: doc.locale,
          clientIds: ((doc.clientIds as unknown[]) ?? []).map(String),
        }),
      ),
  ],
  [CallModel as unknown as AnyModel, (doc) => issues(callSid.safeParse(doc.callSid))],
  [
    MessageModel as unknown as AnyModel,
    (doc) =>
      [
        issues(callSid.or(z.string().min(1)).safeParse(doc.callSid)),
        ...((doc.notes as Doc[]) ?? []).map((n) => issues(newNoteSchema.safeParse({ text: n.text }))),
      ]
        .filter(Boolean)
        .join('; ') || null,
  ],
]);

/** Every invalid document of every collection, as `collection _id: reason` lines. */
export async function invalidStoredDocuments(): Promise<{ checked: number; invalid: string[] }> {
  const invalid: string[] = [];
  let checked = 0;
  for (const model of ALL_MODELS as unknown as readonly AnyModel[]) {
    const docs = (await model.find().lean()) as Doc[];
    for (const doc of docs) {
      checked += 1;
      const where = `${model.collection.collectionName} ${String(doc._id)}`;
      const mongooseError = model.hydrate(doc).validateSync();
      if (mongooseError) invalid.push(`${where}: ${mongooseError.message}`);
      const edge = EDGE_SCHEMAS.get(model)?.(doc);
      if (edge) invalid.push(`${where}: ${edge}`);
      const polluted = pollutedKeys(doc);
      if (polluted.length) invalid.push(`${where}: keys ${polluted.join(', ')}`);
    }
  }
  return { checked, invalid };
}

/**
 * Client repository: validates with the client-profile schema, keeps the dedicated-number claims
 * (PhoneNumber collection) in step with the client, returns plain objects.
 */
import { Types } from 'mongoose';
import {
  clientProfileSchema,
  storedClientEntrySchema,
  storedClientProfileSchema,
  type ClientProfile,
  type ClientProfileInput,
} from '../flow/profile';
import { ConflictError, NotFoundError } from '../domain/errors';
import { isDuplicateKeyError } from './errors';
import { oneOf } from './filters';
import { ClientModel, PhoneNumberModel } from './models';

export type Client = ClientProfile & { id: string; active: boolean; createdAt: Date; updatedAt: Date };

function toClient(doc: Record<string, unknown> & { _id: Types.ObjectId }): Client {
  const { _id, __v, createdAt, updatedAt, active, ...profile } = doc;
  void __v;
  // Stored documents were validated on write, maybe under older rules (a legacy zone still loads);
  // parsing again fills defaults added since then.
  return {
    ...storedClientProfileSchema.parse(profile),
    id: _id.toString(),
    active: active !== false,
    createdAt: createdAt as Date,
    updatedAt: updatedAt as Date,
  };
}

/** Claims numbers for a client; on a conflict releases what it claimed and names the taken number. */
async function claimNumbers(clientId: Types.ObjectId, numbers: string[]): Promise<void> {
  const claimed: string[] = [];
  for (const number of numbers) {
    const existing = await PhoneNumberModel.findOne({ number }).lean();
    if (existing?.clientId.equals(clientId)) continue;
    try {
      await PhoneNumberModel.create({ number, clientId });
      claimed.push(number);
    } catch (err) {
      if (claimed.length > 0) await PhoneNumberModel.deleteMany({ number: oneOf(claimed), clientId });
      if (isDuplicateKeyError(err)) {
        throw new ConflictError(`number ${number} is already assigned to another client`, [
          { path: `numbers.${numbers.indexOf(number)}`, message: 'already assigned to another client' },
        ]);
      }
      throw err;
    }
  }
}

export async function createClient(input: ClientProfileInput): Promise<Client> {
  const profile = clientProfileSchema.parse(input);
  const _id = new Types.ObjectId();
  await claimNumbers(_id, profile.numbers);
  try {
    await ClientModel.create({ _id, ...profile });
  } catch (err) {
    await PhoneNumberModel.deleteMany({ clientId: _id });
    throw err;
  } finally {
    forgetClientDirectory();
  }
  return getClient(_id.toString());
}

export async function updateClient(id: string, input: ClientProfileInput): Promise<Client> {
  const profile = clientProfileSchema.parse(input);
  const _id = toObjectId(id);
  const before = await ClientModel.findById(_id).lean();
  if (!before) throw new NotFoundError(`client ${id} not found`);
  await claimNumbers(_id, profile.numbers);
  await ClientModel.replaceOne(
    { _id },
    { ...profile, active: before.active, createdAt: before.createdAt, updatedAt: new Date() },
  );
  forgetClientDirectory();
  await PhoneNumberModel.deleteMany({ clientId: _id, number: { $nin: profile.numbers } });
  return getClient(id);
}

export async function getClient(id: string): Promise<Client> {
  const doc = await ClientModel.findById(toObjectId(id)).lean();
  if (!doc) throw new NotFoundError(`client ${id} not found`);
  return toClient(doc as never);
}

export async function listClients(filter: { ids?: string[] } = {}): Promise<Client[]> {
  const query = filter.ids ? { _id: oneOf(filter.ids.map(toObjectId)) } : {};
  const docs = await ClientModel.find(query).sort({ name: 1 }).lean();
  return docs.map((d) => toClient(d as never));
}

export type ClientEntry = { id: string; name: string; timezone: string; numbers: string[] };

/** How long the clients' directory is reused; every write through this module drops it at once. */
const DIRECTORY_TTL_MS = 15_000;
let directory: { entries: ClientEntry[]; ids: Set<string>; expires: number } | null = null;

/**
 * Reads the clients' directory again on next use: called after every write here, and when another
 * instance announces a change (src/app/client-cache.ts).
 */
export function forgetClientDirectory(): void {
  directory = null;
}

/**
 * Clients' names, zones and numbers, in name order (choosers, row labels, reports): only those
 * fields, read for every client at once and reused for a few seconds. Every page lists the clients
 * its user may see, and a whole profile costs milliseconds per client to fetch and parse (about
 * 65 ms for 20 clients on FerretDB). A client id the directory does not know reads it again.
 */
export async function listClientEntries(filter: { ids?: string[] } = {}): Promise<ClientEntry[]> {
  const now = Date.now();
  if (!directory || directory.expires <= now || filter.ids?.some((id) => !directory!.ids.has(id))) {
    const docs = await ClientModel.find({})
      .select({ name: 1, timezone: 1, numbers: 1 })
      .sort({ name: 1 })
      .lean();
    const entries = docs.map((d) => ({ id: d._id.toString(), ...storedClientEntrySchema.parse(d) }));
    directory = { entries, ids: new Set(entries.map((e) => e.id)), expires: now + DIRECTORY_TTL_MS };
  }
  if (!filter.ids) return directory.entries;
  const wanted = new Set(filter.ids);
  return directory.entries.filter((e) => wanted.has(e.id));
}

/** The client whose dedicated number was dialled, or null for a number we do not serve. */
export async function findClientByNumber(number: string): Promise<Client | null> {
  const claim = await PhoneNumberModel.findOne({ number }).lean();
  if (!claim) return null;
  const doc = await ClientModel.findOne({ _id: claim.clientId, active: true }).lean();
  return doc ? toClient(doc as never) : null;
}

export function toObjectId(id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError(`no such id ${id}`);
  return new Types.ObjectId(id);
}

/**
 * Deactivating a client keeps its dedicated numbers claimed (no other client can take them by
 * mistake, and reactivating restores service as it was) while `findClientByNumber` stops serving
 * it: its calls get the "unknown number" treatment. Releasing a number is an explicit edit.
 */
export async function setClientActive(id: string, active: boolean): Promise<Client> {
  await getClient(id);
  await ClientModel.updateOne({ _id: toObjectId(id) }, { $set: { active } });
  forgetClientDirectory();
  return getClient(id);
}

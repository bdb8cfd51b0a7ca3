/**
 * The settings history: one document per version of a client's settings or of a user's access,
 * numbered 1, 2, 3… per subject. Snapshots keep secrets (a restore must restore them) and are
 * masked whenever they leave this door, except through `restorableSnapshot`.
 */
import { maskSecrets } from '../domain/secrets';
import { NotFoundError } from '../domain/errors';
import type { Via } from '../domain/access';
import { isDuplicateKeyError } from './errors';
import { SettingsVersionModel } from './models';

export type SettingsSubject = { type: 'client' | 'user'; id: string };

/** One readable unit that changed: a field, a day's hours, a whole list; never a secret's value. */
export type SettingsChange = {
  /** Dotted path of the unit: `name`, `weeklyHours.mon`, `rules`, `notifications.webhook.secret`. */
  path: string;
  kind: 'CREATE' | 'REMOVE' | 'CHANGE';
  before?: unknown;
  after?: unknown;
  /** A secret changed: neither value is kept here. */
  secret?: true;
};

export type Snapshot = Record<string, unknown>;

export type VersionFields = {
  at: Date;
  actor: { type: string; id: string; label: string };
  via: Via;
  ip: string;
  /** `create`, `update`, `activate`, `deactivate`, `restore`, `baseline`… */
  action: string;
  restoredFrom: number | null;
  snapshot: Snapshot;
  changes: SettingsChange[];
};

export type SettingsVersion = VersionFields & { subject: SettingsSubject; version: number };

/** How many times a change is renumbered when other changes of the same subject keep winning. */
const MAX_ATTEMPTS = 8;

type VersionDoc = Omit<VersionFields, 'via'> & {
  subjectType: string;
  subjectId: string;
  version: number;
  via: string;
};

function toVersion(doc: VersionDoc, mask = true): SettingsVersion {
  return {
    subject: { type: doc.subjectType as SettingsSubject['type'], id: doc.subjectId },
    version: doc.version,
    at: doc.at,
    actor: { type: doc.actor.type, id: doc.actor.id ?? '', label: doc.actor.label ?? '' },
    via: doc.via as Via,
    ip: doc.ip ?? '',
    action: doc.action,
    restoredFrom: doc.restoredFrom ?? null,
    snapshot: mask ? maskSecrets(doc.snapshot) : doc.snapshot,
    changes: (doc.changes ?? []) as SettingsChange[],
  };
}

const bySubject = (s: SettingsSubject) => ({ subjectType: s.type, subjectId: s.id });

async function latest(subject: SettingsSubject): Promise<SettingsVersion | null> {
  const doc = await SettingsVersionModel.findOne(bySubject(subject)).sort({ version: -1 }).lean();
  return doc ? toVersion(doc as unknown as VersionDoc, false) : null;
}

async function insert(subject: SettingsSubject, version: number, fields: VersionFields): Promise<void> {
  await SettingsVersionModel.create({ ...bySubject(subject), version, ...fields });
}

/**
 * Appends the next version: `build` gets the latest one (secrets included, to diff against) and
 * returns the new one, numbered last + 1. A concurrent change that took that number makes it read
 * the latest again and rebuild, so each diff is from the version just before it. A subject with no
 * version yet first gets `baseline` as version 1 (the state before this feature), when given.
 * `build` returning null writes nothing.
 */
export async function appendVersion(
  subject: SettingsSubject,
  build: (previous: SettingsVersion | null) => VersionFields | null,
  baseline?: VersionFields,
): Promise<SettingsVersion | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let previous = await latest(subject);
    if (!previous && baseline) {
      await insertUnlessTaken(subject, 1, baseline);
      previous = await latest(subject);
    }
    const fields = build(previous);
    if (!fields) return null;
    const version = (previous?.version ?? 0) + 1;
    try {
      await insert(subject, version, fields);
      return toVersion({ ...bySubject(subject), version, ...fields });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new Error(`settings version of ${subject.type} ${subject.id}: too many concurrent changes`);
}

/** A baseline written by a concurrent first change is the same baseline: taken is fine. */
async function insertUnlessTaken(subject: SettingsSubject, version: number, fields: VersionFields) {
  try {
    await insert(subject, version, fields);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** The versions of one subject, newest first, snapshots masked. */
export async function listVersions(subject: SettingsSubject, limit = 200): Promise<SettingsVersion[]> {
  const docs = await SettingsVersionModel.find(bySubject(subject)).sort({ version: -1 }).limit(limit).lean();
  return docs.map((d) => toVersion(d as unknown as VersionDoc));
}

async function findVersion(subject: SettingsSubject, version: number, mask: boolean) {
  const doc = await SettingsVersionModel.findOne({ ...bySubject(subject), version }).lean();
  if (!doc) throw new NotFoundError(`${subject.type} ${subject.id} has no version ${version}`);
  return toVersion(doc as unknown as VersionDoc, mask);
}

/** One version, snapshot masked. */
export function getVersion(subject: SettingsSubject, version: number): Promise<SettingsVersion> {
  return findVersion(subject, version, true);
}

/** One version with its secrets: for the restore use case and the comparison's diff, nothing else. */
export function restorableVersion(subject: SettingsSubject, version: number): Promise<SettingsVersion> {
  return findVersion(subject, version, false);
}

/**
 * The settings history of clients and users: every change the use cases make keeps a version (who,
 * when, through which edge, the whole state after, the readable diff from the version before);
 * any two versions compare; a version's snapshot is what a restore starts from.
 */
import type { ActionSource } from '../domain/access';
import { InvalidInputError } from '../domain/errors';
import { maskSecrets } from '../domain/secrets';
import * as store from '../store/settings-versions';
import type { SettingsChange, SettingsSubject, SettingsVersion, Snapshot } from '../store/settings-versions';
import { plainSnapshot, settingsChanges } from './settings-diff';

export type { SettingsChange, SettingsSubject, SettingsVersion } from '../store/settings-versions';

/** What a version says happened (`erasure`: a caller's number taken out of the settings). */
export type VersionAction = 'create' | 'update' | 'activate' | 'deactivate' | 'restore' | 'erasure';

export type VersionRecord = {
  action: VersionAction;
  /** The state after the change. */
  after: object;
  /**
   * The state before it, when the use case read one: a subject changed for the first time since
   * versions exist gets it as version 1, the baseline, so this change has a diff too.
   */
  before?: object;
  restoredFrom?: number;
  /** Changes the snapshots cannot show (a password reset). */
  extraChanges?: SettingsChange[];
};

const SYSTEM_ACTOR = { type: 'system', id: 'settings-history', label: 'system' };

/**
 * Keeps the version of a change. A save that changed nothing keeps none; a restore always does
 * (it is an action someone took).
 */
export async function recordVersion(
  subject: SettingsSubject,
  source: ActionSource,
  record: VersionRecord,
  now: Date = new Date(),
): Promise<SettingsVersion | null> {
  const snapshot = plainSnapshot(record.after);
  const baseline: store.VersionFields | undefined = record.before && {
    at: now,
    actor: SYSTEM_ACTOR,
    via: 'system',
    ip: '',
    action: 'baseline',
    restoredFrom: null,
    snapshot: plainSnapshot(record.before),
    changes: [],
  };
  const { type, id, label } = source.actor;
  return store.appendVersion(
    subject,
    (previous) => {
      const changes = [
        ...(previous ? settingsChanges(previous.snapshot, snapshot) : []),
        ...(record.extraChanges ?? []),
      ];
      if (record.action !== 'restore' && previous && changes.length === 0) return null;
      return {
        at: now,
        actor: { type, id, label },
        via: source.via ?? 'system',
        ip: source.ip,
        action: record.action,
        restoredFrom: record.restoredFrom ?? null,
        snapshot,
        changes,
      };
    },
    baseline,
  );
}

export const listVersions = (subject: SettingsSubject) => store.listVersions(subject);
export const getVersion = (subject: SettingsSubject, version: number) => store.getVersion(subject, version);

export type Comparison = { from: SettingsVersion; to: SettingsVersion; changes: SettingsChange[] };

/** The readable diff from version `from` to version `to` (either order), secrets named only. */
export async function compareVersions(
  subject: SettingsSubject,
  from: number,
  to: number,
): Promise<Comparison> {
  const [a, b] = await Promise.all([
    store.restorableVersion(subject, from),
    store.restorableVersion(subject, to),
  ]);
  const shown = (v: SettingsVersion) => ({ ...v, snapshot: maskSecrets(v.snapshot) });
  return { from: shown(a), to: shown(b), changes: settingsChanges(a.snapshot, b.snapshot) };
}

/** The snapshot of version `version`, secrets included, for a restore to validate and apply. */
export async function snapshotToRestore(subject: SettingsSubject, version: number): Promise<Snapshot> {
  return (await store.restorableVersion(subject, version)).snapshot;
}

/** A snapshot that today's schema refuses: the restore's 400, with each field named. */
export function unrestorable(issues: { path: PropertyKey[]; message: string }[]): InvalidInputError {
  return new InvalidInputError(
    issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/**
 * The difference between two settings snapshots, in units a person reads: microdiff finds the
 * leaves that changed, each is widened to its readable unit (a whole list, a day's hours, a whole
 * action), and the unit's values are kept before and after. Secrets are named, never valued.
 */
import diff from 'microdiff';
import { isSecretPath, maskSecrets } from '../domain/secrets';
import type { SettingsChange, Snapshot } from '../store/settings-versions';

/** Objects read as one value: "Transfer" → "Say « … »" is one change, not three fields. */
const WHOLE_UNITS = new Set(['defaultAction', 'override', 'notifications.escalation.backup']);

type Path = (string | number)[];

/** The leaf's readable unit: a list is one unit (items are compared as sets), some objects too. */
export function unitOf(path: Path): Path {
  const firstIndex = path.findIndex((segment) => typeof segment === 'number');
  const unit = firstIndex === -1 ? path : path.slice(0, firstIndex);
  for (let depth = 1; depth <= unit.length; depth++) {
    if (WHOLE_UNITS.has(unit.slice(0, depth).join('.'))) return unit.slice(0, depth);
  }
  return unit;
}

function valueAt(snapshot: unknown, path: Path): unknown {
  let value = snapshot;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The same object as stored: no `undefined` members (MongoDB drops them), plain JSON values. */
export function plainSnapshot(value: object): Snapshot {
  return JSON.parse(JSON.stringify(value)) as Snapshot;
}

/** The readable changes from `before` to `after`, in the order microdiff met them. */
export function settingsChanges(before: Snapshot, after: Snapshot): SettingsChange[] {
  const units = new Map<string, Path>();
  for (const leaf of diff(plainSnapshot(before), plainSnapshot(after))) {
    const unit = unitOf(leaf.path);
    units.set(unit.join('.'), unit);
  }
  return [...units.entries()].map(([key, unit]) => {
    const [was, now] = [valueAt(before, unit), valueAt(after, unit)];
    const kind = was === undefined ? 'CREATE' : now === undefined ? 'REMOVE' : 'CHANGE';
    if (isSecretPath(unit)) return { path: key, kind, secret: true };
    return {
      path: key,
      kind,
      // A unit that appears or goes whole may hold a secret deeper down.
      ...(was === undefined ? {} : { before: maskSecrets(was) }),
      ...(now === undefined ? {} : { after: maskSecrets(now) }),
    };
  });
}

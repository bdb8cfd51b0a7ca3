/**
 * The settings diff as a person reads it: each stored change (path, kind, before, after) becomes
 * rows of {label, before, after} with the form's labels, list items added or removed one by one,
 * a secret only said to have changed. Values read as settings-values-text.ts says. Pure: the page
 * gives the language, the client's time zone and the names of clients.
 */
import type { SettingsChange } from '../../store/settings-versions';
import { diffWords, type DiffWords } from './diff-words';
import { LISTS, valueText, type DiffContext } from './settings-values-text';

export type { DiffContext } from './settings-values-text';

export type ReadableChange = {
  label: string;
  kind: 'added' | 'removed' | 'changed' | 'secret';
  /** Empty when the setting had no value (or for an item added). */
  before: string;
  after: string;
};

function labelOf(path: string, w: DiffWords, ctx: DiffContext): string {
  if (ctx.subject === 'user' && path === 'locale') return w.a.userLocale;
  if (ctx.subject === 'user' && path === 'active') return w.a.accountActive;
  const direct = w.labels[path];
  if (direct) return direct;
  const [top] = path.split('.');
  return w.sections[top!] ?? w.labels[top!] ?? w.other;
}

function listRows(change: SettingsChange, w: DiffWords, ctx: DiffContext): ReadableChange[] {
  const list = LISTS[change.path]!;
  const label = labelOf(change.path, w, ctx);
  const before = (Array.isArray(change.before) ? change.before : []) as never[];
  const after = (Array.isArray(change.after) ? change.after : []) as never[];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const keyOf = list.key ?? ((item: never) => JSON.stringify(item));
  const labelFor = (item: never) => (list.label ? list.label(item, w) : label);
  const rows: ReadableChange[] = [];
  for (const item of before) {
    const now = after.find((a) => keyOf(a) === keyOf(item));
    if (now === undefined)
      rows.push({ label: labelFor(item), kind: 'removed', before: list.text(item, w, ctx), after: '' });
    else if (!same(now, item))
      rows.push({
        label: labelFor(item),
        kind: 'changed',
        before: list.text(item, w, ctx),
        after: list.text(now, w, ctx),
      });
  }
  for (const item of after) {
    if (!before.some((b) => keyOf(b) === keyOf(item)))
      rows.push({ label: labelFor(item), kind: 'added', before: '', after: list.text(item, w, ctx) });
  }
  return rows;
}

function rowsOf(change: SettingsChange, w: DiffWords, ctx: DiffContext): ReadableChange[] {
  const label = labelOf(change.path, w, ctx);
  if (change.secret) return [{ label, kind: 'secret', before: '', after: w.h.secretChanged }];
  try {
    if (LISTS[change.path]) return listRows(change, w, ctx);
    const [before, after] = [change.before, change.after].map((v) => valueText(change.path, v, w, ctx));
    return [{ label, kind: 'changed', before: before!, after: after! }];
  } catch {
    // A version written under older rules may hold a shape today's texts do not know: the
    // history still shows that this setting changed rather than failing the whole page.
    return [{ label, kind: 'changed', before: '', after: w.h.changedNoDetail }];
  }
}
/** The human label of a setting's path (the form's label where it has one). */
export function settingLabel(path: string, ctx: DiffContext): string {
  return labelOf(path, diffWords(ctx.lang), ctx);
}

/** Every change as rows a person reads, in the order of the settings. */
export function readableChanges(changes: SettingsChange[], ctx: DiffContext): ReadableChange[] {
  const w = diffWords(ctx.lang);
  return changes.flatMap((c) => rowsOf(c, w, ctx));
}

/** "Réglages modifiés : Horaires d’ouverture, Règles de routage": the sections a version touched. */
export function changeSummary(changes: SettingsChange[], ctx: DiffContext): string {
  const w = diffWords(ctx.lang);
  const section = (c: SettingsChange) =>
    (ctx.subject === 'client' ? w.sections[c.path.split('.')[0]!] : undefined) ?? labelOf(c.path, w, ctx);
  const sections = [...new Set(changes.map(section))];
  return sections.length > 0 ? w.h.changed(sections) : w.h.nothingChanged;
}

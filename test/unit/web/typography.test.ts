/**
 * Each language's typography in the web pages' text tables: French puts a narrow no-break space
 * (U+202F) before « : ; ! ? » and inside « », never a plain space; English puts no space before them.
 */
import { adminTexts } from '../../../src/web/admin/admin-texts';
import { auditTexts } from '../../../src/web/admin/audit-texts';
import { callerTexts } from '../../../src/web/admin/caller-texts';
import { historyTexts } from '../../../src/web/admin/history-texts';
import { retentionTexts } from '../../../src/web/admin/retention-texts';
import { texts } from '../../../src/web/i18n';
import { appointmentTexts } from '../../../src/web/appointments/appointment-texts';
import { callTexts } from '../../../src/web/calls/call-texts';
import { cockpitTexts } from '../../../src/web/cockpit-texts';

type Lang = 'fr' | 'en';

const TABLES: Record<string, (lang: Lang) => unknown> = {
  admin: adminTexts,
  audit: auditTexts,
  callers: callerTexts,
  history: historyTexts,
  retention: retentionTexts,
  web: texts,
  appointments: appointmentTexts,
  calls: callTexts,
  cockpit: cockpitTexts,
};

/** Every string of a table, functions called with sample arguments, with the key path it came from. */
function strings(
  value: unknown,
  path: string,
  out: [string, string][] = [],
  seen = new Set<unknown>(),
): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') {
    for (const args of [
      ['Léa', 'Marc', 'Ada'],
      [2, 3, 4],
      [1, 1, 1],
    ]) {
      try {
        strings((value as (...a: unknown[]) => unknown)(...args), `${path}()`, out, seen);
      } catch {
        // A function taking another shape of argument: its literal parts are covered by the others.
      }
    }
  } else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out, seen);
  }
  return out;
}

const offenders = (lang: Lang, bad: RegExp) =>
  Object.entries(TABLES).flatMap(([name, table]) =>
    strings(table(lang), name)
      .filter(([, s]) => bad.test(s))
      .map(([p, s]) => `${p}: ${JSON.stringify(s)}`),
  );

describe('typography of the web pages’ texts', () => {
  it('when a French text has « : ; ! ? », then a narrow no-break space precedes it, never a plain space', () => {
    expect(offenders('fr', / [:;!?](\s|$)/)).toEqual([]);
  });

  it('when a French text quotes with « », then no plain space sits inside the quotation marks', () => {
    expect(offenders('fr', /« | »/)).toEqual([]);
  });

  it('when an English text has « : ; ! ? », then no space precedes it', () => {
    expect(offenders('en', /[ \u00a0\u202f][:;!?](\s|$)/)).toEqual([]);
  });
});

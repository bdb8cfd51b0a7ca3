/**
 * Opening hours read aloud, in natural French or English:
 * "du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h".
 */
import { groupDays, type LocalTime } from './hours';
import { WEEKDAYS, type ClientProfile, type TimeRange, type Weekday } from './profile';
import type { Locale } from '../domain/vocabulary';

/** Weekday names as said in a sentence (lower case in French). */
export const DAY_NAMES: Record<Locale, Record<Weekday, string>> = {
  'fr-FR': {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  },
  'en-US': {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

export function spokenTime(hhmm: string, locale: Locale): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const hour = h % 24;
  if (hour === 0 && m === 0) return locale === 'fr-FR' ? 'minuit' : 'midnight';
  if (locale === 'fr-FR') return m === 0 ? `${hour} h` : `${hour} h ${String(m).padStart(2, '0')}`;
  if (hour === 12 && m === 0) return 'noon';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'AM' : 'PM';
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

const MONTHS: Record<Locale, readonly string[]> = {
  'fr-FR': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
  'en-US': 'January February March April May June July August September October November December'.split(' '),
};

/** Past this many days ahead, a date is said with its year. */
const SAY_YEAR_AFTER_DAYS = 180;

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** "lundi 7 décembre", "vendredi 1er mai" / "Monday, December 7". */
export function spokenDate(
  local: Pick<LocalTime, 'date' | 'weekday'>,
  today: string,
  locale: Locale,
): string {
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  const weekday = DAY_NAMES[locale][local.weekday];
  const monthName = MONTHS[locale][month - 1] ?? '';
  const withYear = daysBetween(today, local.date) > SAY_YEAR_AFTER_DAYS;
  if (locale === 'fr-FR') {
    return `${weekday} ${day === 1 ? '1er' : day} ${monthName}${withYear ? ` ${year}` : ''}`;
  }
  return `${weekday}, ${monthName} ${day}${withYear ? `, ${year}` : ''}`;
}

/** "a", "a et b", "a, b et c" (or "and"). */
export function joinList(items: string[], locale: Locale): string {
  const and = locale === 'fr-FR' ? 'et' : 'and';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const isFullDay = (shifts: TimeRange[]) =>
  shifts.length === 1 && shifts[0]!.start === '00:00' && shifts[0]!.end === '24:00';

function spokenShifts(shifts: TimeRange[], locale: Locale): string {
  if (isFullDay(shifts)) return locale === 'fr-FR' ? '24 h sur 24' : '24 hours a day';
  const parts = shifts.map((s) =>
    locale === 'fr-FR'
      ? `de ${spokenTime(s.start, locale)} à ${spokenTime(s.end, locale)}`
      : `from ${spokenTime(s.start, locale)} to ${spokenTime(s.end, locale)}`,
  );
  return joinList(parts, locale);
}

const dayIndex = (d: Weekday) => WEEKDAYS.indexOf(d);

/** "du lundi au vendredi", "le lundi, le mardi et le jeudi", "tous les jours" (English alike). */
function spokenDays(days: Weekday[], locale: Locale): string {
  const fr = locale === 'fr-FR';
  if (days.length === 7) return fr ? 'tous les jours' : 'every day';
  const name = (d: Weekday) => (fr ? `le ${DAY_NAMES[locale][d]}` : DAY_NAMES[locale][d]);
  const runs: Weekday[][] = [];
  for (const d of days) {
    const run = runs[runs.length - 1];
    if (run && dayIndex(d) === dayIndex(run[run.length - 1]!) + 1) run.push(d);
    else runs.push([d]);
  }
  const items = runs.flatMap((run) => {
    if (run.length < 3) return run.map(name);
    const [first, last] = [DAY_NAMES[locale][run[0]!], DAY_NAMES[locale][run[run.length - 1]!]];
    return [fr ? `du ${first} au ${last}` : `${first} to ${last}`];
  });
  return joinList(items, locale);
}

function spokenGroup(days: Weekday[], shifts: TimeRange[], locale: Locale): string {
  const separator = isFullDay(shifts) ? ', ' : ' ';
  return `${spokenDays(days, locale)}${separator}${spokenShifts(shifts, locale)}`;
}

type Group = ReturnType<typeof groupDays>[number];

/**
 * The largest group said as one span with one exception, when that is what it is: "du lundi au vendredi
 * sauf le mercredi, de 9 h à 18 h" (closed that day) or "…, sauf le mercredi de 9 h à 12 h".
 */
function withException(groups: Group[], locale: Locale): { text: string; rest: Group[] } | undefined {
  const main = [...groups].sort((a, b) => b.days.length - a.days.length)[0];
  if (!main || main.days.length < 3) return undefined;
  const [from, to] = [dayIndex(main.days[0]!), dayIndex(main.days[main.days.length - 1]!)];
  const holes = WEEKDAYS.slice(from, to + 1).filter((d) => !main.days.includes(d));
  // Short spans read better as a list: "le lundi, le mardi et le jeudi".
  if (holes.length !== 1 || to - from < 4) return undefined;
  const hole = holes[0]!;
  const fr = locale === 'fr-FR';
  const spanDays = WEEKDAYS.slice(from, to + 1);
  const except = fr ? `sauf le ${DAY_NAMES[locale][hole]}` : `except ${DAY_NAMES[locale][hole]}`;
  const holeGroup = groups.find((g) => g.days.includes(hole));
  const others = groups.filter((g) => g !== main && g !== holeGroup);
  if (!holeGroup)
    return {
      text: `${spokenDays(spanDays, locale)} ${except}, ${spokenShifts(main.shifts, locale)}`,
      rest: others,
    };
  if (holeGroup.days.length > 1) return undefined;
  const text = `${spokenGroup(spanDays, main.shifts, locale)}, ${except} ${spokenShifts(holeGroup.shifts, locale)}`;
  return { text, rest: others };
}

/** The weekly hours as one phrase, without the leading "we are open"; empty when never open. */
export function hoursPhrase(hours: ClientProfile['weeklyHours'], locale: Locale): string {
  const groups = groupDays(hours);
  const exception = withException(groups, locale);
  const parts = exception
    ? [exception.text, ...exception.rest.map((g) => spokenGroup(g.days, g.shifts, locale))]
    : groups.map((g) => spokenGroup(g.days, g.shifts, locale));
  const weekdaysOnly = WEEKDAYS.every((d, i) => i < 5 === hours[d].length > 0);
  if (weekdaysOnly) parts.push(locale === 'fr-FR' ? 'fermés le week-end' : 'closed on weekends');
  if (parts.length <= 1) return parts[0] ?? '';
  const and = locale === 'fr-FR' ? 'et' : 'and';
  return `${parts.slice(0, -1).join(', ')}, ${and} ${parts[parts.length - 1]}`;
}

/** A full sentence for the "hours" menu choice. */
export function hoursSentence(profile: ClientProfile, locale: Locale = profile.locale): string {
  const phrase = hoursPhrase(profile.weeklyHours, locale);
  if (locale === 'fr-FR') {
    return phrase ? `Nous sommes ouverts ${phrase}.` : "Nous n'avons pas d'horaires d'ouverture réguliers.";
  }
  return phrase ? `We are open ${phrase}.` : 'We have no regular opening hours.';
}

/**
 * What a caller says about a time for an appointment, French or English, accent- and
 * case-insensitive: "le deuxième", "mardi à 10 h", "plutôt l'après-midi", "après 16 h", "le 12",
 * "12 décembre", "la semaine prochaine", "un autre jour". Days are resolved against `today` (the
 * client's calendar); nothing here reads a clock.
 */
import { addDays, localToInstant, startOfLocalDay } from '../domain/zoned-time';
import { weekdayOfDate } from './hours';
import { WEEKDAYS, type Weekday } from './profile';
import { yesNo } from './speech';
import type { SlotPreference } from './types';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface SlotSpeech {
  /** "le premier", "the second one": 0-based. */
  ordinal?: number;
  /** A day named: weekday, "demain", "le 12", "12 décembre" (YYYY-MM-DD, today or later). */
  day?: string;
  /** A time named ("10 h", "14h30", "4 pm"), HH:MM. */
  time?: string;
  /** "après 16 h", "à partir de 14 h", "after 4 pm", HH:MM. */
  after?: string;
  partOfDay?: PartOfDay;
  /** "la semaine prochaine", "next week". */
  nextWeek?: boolean;
  /** "un autre jour", "plus tard", "another day": none of the days proposed. */
  otherDay?: boolean;
  /** Plain yes or no, when nothing more precise was said. */
  yes?: boolean;
  /** "laisser un message", "rappelez-moi": rather a request than a slot now. */
  message?: boolean;
}

/** Lower case, no accents, punctuation to spaces except `:` of times. */
function clean(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9:]+/g, ' ')
    .trim()} `;
}

const WEEKDAY_WORDS: Record<Weekday, string[]> = {
  mon: ['lundi', 'monday'],
  tue: ['mardi', 'tuesday'],
  wed: ['mercredi', 'wednesday'],
  thu: ['jeudi', 'thursday'],
  fri: ['vendredi', 'friday'],
  sat: ['samedi', 'saturday'],
  sun: ['dimanche', 'sunday'],
};

const MONTHS: string[][] = [
  ['janvier', 'january', 'jan'],
  ['fevrier', 'february', 'feb'],
  ['mars', 'march', 'mar'],
  ['avril', 'april', 'apr'],
  ['mai', 'may'],
  ['juin', 'june', 'jun'],
  ['juillet', 'july', 'jul'],
  ['aout', 'august', 'aug'],
  ['septembre', 'september', 'sept', 'sep'],
  ['octobre', 'october', 'oct'],
  ['novembre', 'november', 'nov'],
  ['decembre', 'december', 'dec'],
];
const MONTH_PATTERN = MONTHS.flat().join('|');

/** Part-of-day phrases, the longer first so "fin d'après-midi" is not read as "après-midi". */
const PARTS_OF_DAY: [string, PartOfDay][] = [
  ['fin d apres midi', 'evening'],
  ['fin de journee', 'evening'],
  ['fin de la journee', 'evening'],
  ['en fin de matinee', 'morning'],
  ['end of the day', 'evening'],
  ['late afternoon', 'evening'],
  ['debut d apres midi', 'afternoon'],
  ['apres midi', 'afternoon'],
  ['apres diner', 'evening'],
  ['matinee', 'morning'],
  ['matin', 'morning'],
  ['soiree', 'evening'],
  ['soir', 'evening'],
  ['morning', 'morning'],
  ['afternoon', 'afternoon'],
  ['evening', 'evening'],
  ['tonight', 'evening'],
];

const ORDINALS: [string, number][] = [
  ['premier', 0],
  ['premiere', 0],
  ['first', 0],
  ['deuxieme', 1],
  ['second', 1],
  ['seconde', 1],
  ['troisieme', 2],
  ['third', 2],
  ['dernier', -1],
  ['derniere', -1],
  ['last', -1],
];

const OTHER_DAY = [
  'un autre jour',
  'autre jour',
  'autre date',
  'autres jours',
  'autre creneau',
  'autres creneaux',
  'autre chose',
  'plus tard',
  'aucun',
  'aucune',
  'ni l un ni l autre',
  'ca ne va pas',
  'ca ne me va pas',
  'ne m arrange pas',
  'another day',
  'other day',
  'another time',
  'something else',
  'later',
  'neither',
  'none of them',
];

const NEXT_WEEK = ['semaine prochaine', 'la semaine d apres', 'next week', 'the week after'];
const MESSAGE = [
  'laisser un message',
  'message',
  'rappelez moi',
  'me rappeler',
  'leave a message',
  'call me back',
];
const AFTER = ['apres', 'a partir de', 'pas avant', 'after', 'from', 'not before'];

const has = (t: string, phrase: string) => t.includes(` ${phrase} `);

/** Removes the first occurrence of a matched span, so a word is read once ("1er décembre" is no ordinal). */
const cut = (t: string, span: string) => t.replace(span, ' ');

function hhmm(hour: number, minute: number): string | undefined {
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The next `weekday` after `today` (a week ahead when today is that day: "mardi" said on a Tuesday). */
function nextWeekday(today: string, weekday: Weekday): string {
  const from = WEEKDAYS.indexOf(weekdayOfDate(today));
  const ahead = (WEEKDAYS.indexOf(weekday) - from + 7) % 7 || 7;
  return addDays(today, ahead);
}

/** Day `n` of this month, or of the next month when it has passed; undefined when it does not exist. */
function dayOfMonth(today: string, n: number, month?: number): string | undefined {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let year = y;
  let mo = month ?? m;
  if (month === undefined && n < d) mo += 1;
  if (month !== undefined && (month < m || (month === m && n < d))) year += 1;
  if (mo > 12) {
    mo = 1;
    year += 1;
  }
  const date = `${year}-${String(mo).padStart(2, '0')}-01`;
  // addDays rolls over: the 31st of a 30-day month lands in the next month, which is no such day.
  const day = addDays(date, n - 1);
  return n >= 1 && day.slice(5, 7) === date.slice(5, 7) ? day : undefined;
}

interface Found<T> {
  value: T;
  rest: string;
  /** Where the match started in the text it was found in. */
  at?: number;
}

function findDay(t: string, today: string): Found<string> | undefined {
  const relative: [string, number][] = [
    ['apres demain', 2],
    ['day after tomorrow', 2],
    ['aujourd hui', 0],
    ['today', 0],
    ['demain', 1],
    ['tomorrow', 1],
  ];
  for (const [phrase, days] of relative) {
    if (has(t, phrase)) return { value: addDays(today, days), rest: cut(t, ` ${phrase} `) };
  }
  // "12 décembre", "le 1er décembre", "december 12", "12th of december".
  const dayMonth = new RegExp(` (\\d{1,2}|premier)(?:er|st|nd|rd|th)?(?: of)? (${MONTH_PATTERN}) `).exec(t);
  const monthDay = new RegExp(` (${MONTH_PATTERN}) (\\d{1,2})(?:st|nd|rd|th)? `).exec(t);
  const dm = dayMonth
    ? { n: dayMonth[1] === 'premier' ? 1 : Number(dayMonth[1]), month: dayMonth[2]!, span: dayMonth[0] }
    : monthDay
      ? { n: Number(monthDay[2]), month: monthDay[1]!, span: monthDay[0] }
      : undefined;
  if (dm) {
    const month = MONTHS.findIndex((names) => names.includes(dm.month)) + 1;
    const date = dayOfMonth(today, dm.n, month);
    if (date) return { value: date, rest: cut(t, dm.span) };
  }
  // A weekday, maybe with "prochain" / "next": the coming one.
  for (const weekday of WEEKDAYS) {
    for (const word of WEEKDAY_WORDS[weekday]) {
      if (has(t, word)) return { value: nextWeekday(today, weekday), rest: cut(t, ` ${word} `) };
    }
  }
  // "le 12", "the 12th": a day of this month (or the next). Not "le 12 h".
  const bare = / (?:le|the) (\d{1,2}|1er)(?:st|nd|rd|th)? (?!h |h\d|heure)/.exec(t);
  if (bare) {
    const date = dayOfMonth(today, bare[1] === '1er' ? 1 : Number(bare[1]));
    if (date) return { value: date, rest: cut(t, bare[0]) };
  }
  return undefined;
}

/** A time of day: "10 h", "10h30", "14 h 30", "10 heures", "10 h et demie", "14:30", "4 pm", "midi". */
function findTime(t: string): Found<string> | undefined {
  const fr = / (\d{1,2}) ?(?:h|heures?) ?(\d{2}|et demie?|et quart|moins le quart)? /.exec(t);
  if (fr) {
    const extra = fr[2];
    let hour = Number(fr[1]);
    let minute = 0;
    if (extra === 'et demi' || extra === 'et demie') minute = 30;
    else if (extra === 'et quart') minute = 15;
    else if (extra === 'moins le quart') [hour, minute] = [hour - 1, 45];
    else if (extra) minute = Number(extra);
    const value = hhmm(hour, minute);
    if (value) return { value, rest: cut(t, fr[0]), at: fr.index };
  }
  const en = / (\d{1,2})(?::(\d{2}))? ?(am|pm|a m|p m|o clock) /.exec(t);
  if (en) {
    const h = Number(en[1]);
    const pm = en[3] === 'pm' || en[3] === 'p m';
    const am = en[3] === 'am' || en[3] === 'a m';
    const hour = pm && h < 12 ? h + 12 : am && h === 12 ? 0 : h;
    const value = hhmm(hour, Number(en[2] ?? 0));
    if (value) return { value, rest: cut(t, en[0]), at: en.index };
  }
  const colon = / (\d{1,2}):(\d{2}) /.exec(t);
  if (colon) {
    const value = hhmm(Number(colon[1]), Number(colon[2]));
    if (value) return { value, rest: cut(t, colon[0]), at: colon.index };
  }
  for (const noon of ['midi', 'noon']) {
    if (has(t, noon)) return { value: '12:00', rest: cut(t, ` ${noon} `), at: t.indexOf(` ${noon} `) };
  }
  // "at 3": an afternoon hour when under 8, as people say it for office hours.
  const at = / at (\d{1,2}) /.exec(t);
  if (at) {
    const h = Number(at[1]);
    const value = hhmm(h < 8 ? h + 12 : h, 0);
    if (value) return { value, rest: cut(t, at[0]), at: at.index };
  }
  return undefined;
}

/** What the caller said about when, and which of the proposed slots they chose. */
export function parseSlotSpeech(text: string, today: string): SlotSpeech {
  let t = clean(text);
  const out: SlotSpeech = {};
  for (const [phrase, part] of PARTS_OF_DAY) {
    if (has(t, phrase)) {
      out.partOfDay = part;
      t = cut(t, ` ${phrase} `);
      break;
    }
  }
  if (NEXT_WEEK.some((p) => has(t, p))) out.nextWeek = true;
  const day = findDay(t, today);
  if (day) {
    out.day = day.value;
    t = day.rest;
  }
  // "après 16 h": the time is a lower bound, not a choice.
  const time = findTime(t);
  if (time) {
    const before = `${t.slice(0, time.at ?? 0)} `;
    if (AFTER.some((w) => before.endsWith(` ${w} `))) out.after = time.value;
    else out.time = time.value;
    t = time.rest;
  }
  for (const [word, index] of ORDINALS) {
    if (has(t, word)) {
      out.ordinal = index;
      break;
    }
  }
  if (OTHER_DAY.some((p) => has(t, p))) out.otherDay = true;
  if (MESSAGE.some((p) => has(t, p))) out.message = true;
  const precise = Object.keys(out).length > 0;
  const answer = precise ? undefined : yesNo(text);
  if (answer !== undefined) out.yes = answer;
  return out;
}

/** Where the caller's words point the next search; `lastOffered`: the last day proposed ("un autre jour"). */
export function preferenceOf(
  s: SlotSpeech,
  opts: { timeZone: string; today: string; around?: string; lastOffered?: string },
): SlotPreference | undefined {
  const { timeZone, today } = opts;
  const pref: SlotPreference = {};
  let day = s.day;
  // "mardi de la semaine prochaine": the Tuesday of next week, not the coming one.
  const nextMonday = nextWeekday(today, 'mon');
  if (day && s.nextWeek && day < nextMonday) day = addDays(day, 7);
  if (day) pref.day = day;
  if (s.partOfDay) pref.partOfDay = s.partOfDay;
  const bound = s.after ?? s.time;
  const from = bound
    ? localToInstant(`${day ?? opts.around ?? today}T${bound}`, timeZone)
    : !day && s.nextWeek
      ? startOfLocalDay(nextMonday, timeZone)
      : !day && s.otherDay
        ? startOfLocalDay(addDays(opts.lastOffered ?? today, 1), timeZone)
        : undefined;
  if (from) pref.notBefore = from.toISOString();
  return Object.keys(pref).length > 0 ? pref : undefined;
}

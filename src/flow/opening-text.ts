/**
 * What the receptionist says about now, always derived from `openStatus`, `nextOpening` and
 * `nextClosing`, so it never contradicts them: closed (why, until when, when we reopen) or open (until
 * when). French first, US English second; times as `spokenTime` says them.
 */
import { addDays, addMinutes } from '../domain/zoned-time';
import type { Locale } from '../domain/vocabulary';
import { localTime, openStatus, weekdayOfDate, type LocalTime } from './hours';
import { DAY_NAMES, daysBetween, hoursPhrase, hoursSentence, spokenDate, spokenTime } from './hours-text';
import { nextClosing, nextOpening } from './opening';
import type { ClientProfile } from './profile';

/**
 * The day of `local` as said on `today`: "aujourd'hui", "demain", "lundi" (within six days) or the
 * full date; `dated` says the full date from tomorrow on (after a closure, the date reassures).
 */
function spokenDay(local: LocalTime, today: string, locale: Locale, dated: boolean): string {
  const ahead = daysBetween(today, local.date);
  const fr = locale === 'fr-FR';
  if (ahead === 0) return fr ? "aujourd'hui" : 'today';
  if (ahead === 1 && !dated) return fr ? 'demain' : 'tomorrow';
  if (ahead <= 6 && !dated) return DAY_NAMES[locale][local.weekday];
  return spokenDate(local, today, locale);
}

/** "demain à 9 h" / "tomorrow at 9 AM"; a reopening at midnight is said by its day alone. */
function spokenReopening(at: Date, profile: ClientProfile, today: string, locale: Locale, dated: boolean) {
  const local = localTime(at, profile.timezone);
  const day = spokenDay(local, today, locale, dated);
  if (local.time === '00:00') return day;
  return `${day} ${locale === 'fr-FR' ? 'à' : 'at'} ${spokenTime(local.time, locale)}`;
}

/** "Congés du docteur" → "congés du docteur"; "Noël" stays as it is unless the rest is lower case. */
function labelInSentence(label: string): string {
  const text = label.trim().replace(/[.!;:,]+$/, '');
  const rest = text.slice(1);
  return rest === rest.toLowerCase() ? text.charAt(0).toLowerCase() + rest : text;
}

/** The closure covering `date`, with its last day extended over closures that follow without a gap. */
function closureOn(profile: ClientProfile, date: string): { label: string; to: string } | undefined {
  const current = profile.closures.find((c) => c.from <= date && date <= c.to);
  if (!current) return undefined;
  let to = current.to;
  for (let grew = true; grew;) {
    grew = false;
    for (const c of profile.closures) {
      if (c.from <= addDays(to, 1) && c.to > to) {
        to = c.to;
        grew = true;
      }
    }
  }
  return { label: current.label, to };
}

const PLAIN_CLOSED: Record<Locale, string> = {
  'fr-FR': 'Nous sommes actuellement fermés.',
  'en-US': 'We are currently closed.',
};

function closureNotice(
  closure: { label: string; to: string },
  today: string,
  reopen: string | undefined,
  locale: Locale,
): string {
  const label = closure.label.trim() ? labelInSentence(closure.label) : '';
  const ahead = daysBetween(today, closure.to);
  const lastDay = { date: closure.to, weekday: weekdayOfDate(closure.to) };
  if (locale === 'fr-FR') {
    const why = label ? ` pour ${label}` : '';
    const first =
      ahead === 0
        ? `Nous sommes fermés aujourd'hui${why}.`
        : ahead === 1
          ? `Nous sommes fermés${why} jusqu'à demain inclus.`
          : `Nous sommes fermés${why} jusqu'au ${spokenDate(lastDay, today, locale)} inclus.`;
    return reopen ? `${first} Nous rouvrons ${reopen}.` : first;
  }
  const why = label ? ` for ${label}` : '';
  const first =
    ahead === 0
      ? `We are closed today${why}.`
      : ahead === 1
        ? `We are closed${why} through tomorrow.`
        : `We are closed${why} through ${spokenDate(lastDay, today, locale)}.`;
  return reopen ? `${first} We reopen ${reopen}.` : first;
}

/**
 * The sentence(s) said when the client is closed at `now`: why (a dated closure by its label, the
 * manual override, or simply the weekly hours), until when, and when we reopen. Meant for a closed
 * `now` (the engine's `state.open` is `isOpen` at the same instant); otherwise the plain closed sentence.
 */
export function closedNotice(profile: ClientProfile, now: Date, locale: Locale = profile.locale): string {
  const status = openStatus(profile, now);
  if (status.open) return PLAIN_CLOSED[locale];
  const today = localTime(now, profile.timezone).date;
  const opening = nextOpening(profile, now);
  const fr = locale === 'fr-FR';
  if (status.reason === 'closure') {
    const closure = closureOn(profile, today)!;
    const reopen = opening && spokenReopening(opening, profile, today, locale, true);
    return closureNotice(closure, today, reopen, locale);
  }
  if (!opening) return PLAIN_CLOSED[locale];
  const reopen = spokenReopening(opening, profile, today, locale, false);
  if (status.reason === 'override') {
    return fr
      ? `Nous sommes exceptionnellement fermés, nous rouvrons ${reopen}.`
      : `We are temporarily closed; we reopen ${reopen}.`;
  }
  return fr
    ? `Nous sommes fermés pour le moment, nous rouvrons ${reopen}.`
    : `We are closed right now; we reopen ${reopen}.`;
}

/** "jusqu'à 12 h 30", "jusqu'à demain 2 h" / "until 12:30 PM", "until 2 AM tomorrow". */
function spokenUntil(at: Date, profile: ClientProfile, today: string, locale: Locale): string {
  let local = localTime(at, profile.timezone);
  // Closing at 00:00 is the end of the day before: "jusqu'à minuit".
  if (local.time === '00:00') local = { ...localTime(addMinutes(at, -1), profile.timezone), time: '24:00' };
  const time = spokenTime(local.time, locale);
  const ahead = daysBetween(today, local.date);
  if (locale === 'fr-FR') {
    if (ahead === 0) return `jusqu'à ${time}`;
    if (ahead === 1) return `jusqu'à demain ${time}`;
    if (ahead <= 6) return `jusqu'à ${DAY_NAMES[locale][local.weekday]} ${time}`;
    return `jusqu'au ${spokenDate(local, today, locale)} à ${time}`;
  }
  if (ahead === 0) return `until ${time}`;
  if (ahead === 1) return `until ${time} tomorrow`;
  if (ahead <= 6) return `until ${time} on ${DAY_NAMES[locale][local.weekday]}`;
  return `until ${time} on ${spokenDate(local, today, locale)}`;
}

/** "Nous sommes ouverts en ce moment, jusqu'à 18 h."; empty when the client never closes. */
export function openNotice(profile: ClientProfile, now: Date, locale: Locale = profile.locale): string {
  const closing = nextClosing(profile, now);
  if (!closing) return '';
  const until = spokenUntil(closing, profile, localTime(now, profile.timezone).date, locale);
  if (locale === 'fr-FR') {
    const exceptionally = openStatus(profile, now).reason === 'override' ? 'exceptionnellement ' : '';
    return `Nous sommes ${exceptionally}ouverts en ce moment, ${until}.`;
  }
  return `We are open right now, ${until}.`;
}

/**
 * The answer to "what are your hours?": the weekly hours ("usually" during a closure or an override),
 * then what holds now, so a caller never hears "we are open on Wednesdays" without "but not today".
 */
export function hoursNow(profile: ClientProfile, now: Date, locale: Locale = profile.locale): string {
  const status = openStatus(profile, now);
  const phrase = hoursPhrase(profile.weeklyHours, locale);
  const unusual = !status.open && status.reason !== 'weekly';
  const fr = locale === 'fr-FR';
  const weekly =
    phrase && unusual
      ? fr
        ? `En temps normal, nous sommes ouverts ${phrase}.`
        : `Usually, we are open ${phrase}.`
      : hoursSentence(profile, locale);
  const state = status.open ? openNotice(profile, now, locale) : closedNotice(profile, now, locale);
  return [weekly, state].filter(Boolean).join(' ');
}

/**
 * "Je peux vous proposer mardi 8 décembre à 10 h, ou mercredi 9 décembre à 14 h 30." The caller
 * chooses by key or by voice ("le deuxième", "mardi", "10 h", "oui"), or asks for something else
 * ("jeudi", "plutôt l'après-midi", "après 16 h", "un autre jour"): a new search. With nothing free,
 * another day or a booking request.
 */
import { localAt, spokenPreference, spokenSlots } from '../appointment-text';
import { gather, speechHints, type Ctx } from '../context';
import { parseSlotSpeech, preferenceOf, type SlotSpeech } from '../slot-speech';
import type { SlotTimes } from '../types';
import { ap, apptOf, bookingRequest, choose, givenUp, searchSlots, today } from './appointment';
import { heardText, noInputOrNotUnderstood } from './common';
import type { StepHandler, StepResult } from './step';

const offeredOf = (ctx: Ctx): SlotTimes[] => apptOf(ctx).offered ?? [];

/** The proposed slot the words point at, if exactly one: by rank, by day and time, by day, by time. */
function pointedAt(ctx: Ctx, s: SlotSpeech): SlotTimes | undefined {
  const offered = offeredOf(ctx);
  // "Le premier de l'après-midi" asks for a search, not for the first slot proposed.
  if (s.partOfDay || s.after || s.nextWeek || s.otherDay) return undefined;
  if (s.ordinal !== undefined) return offered.at(s.ordinal);
  if (s.yes === true && offered.length === 1) return offered[0];
  if (!s.day && !s.time) return undefined;
  const matching = offered.filter((slot) => {
    const local = localAt(slot.start, ctx.profile.timezone);
    return (!s.day || local.date === s.day) && (!s.time || local.time === s.time);
  });
  return matching.length === 1 ? matching[0] : undefined;
}

function onSpeech(ctx: Ctx, text: string): StepResult | undefined {
  const s = parseSlotSpeech(text, today(ctx));
  const slot = pointedAt(ctx, s);
  if (slot) return choose(ctx, slot);
  if (s.message) return bookingRequest(ctx, [ap(ctx).requestTaken]);
  const offered = offeredOf(ctx);
  const days = offered.map((o) => localAt(o.start, ctx.profile.timezone).date);
  const preference = preferenceOf(
    // "non" to the proposals: another day.
    s.yes === false ? { ...s, otherDay: true } : s,
    {
      timeZone: ctx.profile.timezone,
      today: today(ctx),
      around: days[0],
      lastOffered: days[days.length - 1],
    },
  );
  return preference ? searchSlots(ctx, { preference }) : undefined;
}

export const appointmentSlots: StepHandler = {
  prompt(ctx) {
    const offered = offeredOf(ctx);
    const { timezone } = ctx.profile;
    const { locale } = ctx.state;
    const text = offered.length
      ? ap(ctx).offer(spokenSlots(offered, timezone, ctx.now, locale), offered.length)
      : ap(ctx).noSlots(spokenPreference(apptOf(ctx).preference, timezone, ctx.now, locale));
    return gather(ctx, {
      callback: 'appointment-slots',
      input: 'dtmf speech',
      numDigits: 1,
      hints: speechHints(ctx, ap(ctx).hints),
      prompt: [text],
    });
  },

  on(ctx, event) {
    const offered = offeredOf(ctx);
    if (event.type === 'digits') {
      const key = Number(event.digits.trim().charAt(0));
      if (offered.length === 0 && key === 1) return bookingRequest(ctx, [ap(ctx).requestTaken]);
      const slot = key >= 1 ? offered[key - 1] : undefined;
      return slot ? choose(ctx, slot) : noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    return (text === undefined ? undefined : onSpeech(ctx, text)) ?? noInputOrNotUnderstood(event);
  },

  /** Silence or nothing understood at the proposals: the request is passed on. */
  fallback: givenUp,
};

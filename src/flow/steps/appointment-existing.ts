/**
 * A known caller's next appointment: "Vous avez rendez-vous mardi 8 décembre à 10 h. Tapez 1 pour le
 * garder, 2 pour le déplacer, 3 pour l'annuler, ou 4 pour prendre un autre rendez-vous." With none
 * found (they asked to change one): book one, or leave a message.
 */
import { gather, speechHints, type Ctx } from '../context';
import { containsPhrase, yesNo } from '../speech';
import { ap, apptOf, chooseType, searchSlots, slotText, withAppt } from './appointment';
import { appointmentKept } from './appointment-confirm';
import { heardText, noInputOrNotUnderstood, takeMessage } from './common';
import { go, type StepHandler, type StepResult } from './step';

type Choice = 'keep' | 'move' | 'cancel' | 'book';

const KEYS: Record<string, Choice> = { '1': 'keep', '2': 'move', '3': 'cancel', '4': 'book' };

/** Spoken choices; the first with a match wins ("un autre rendez-vous" is a new one, not a move). */
const WORDS: [Choice, string[]][] = [
  ['cancel', ['annuler', 'annulation', 'supprimer', 'cancel']],
  [
    'book',
    [
      'nouveau',
      'autre rendez vous',
      'en prendre un',
      'another appointment',
      'new appointment',
      'book another',
    ],
  ],
  [
    'move',
    ['deplacer', 'changer', 'decaler', 'reporter', 'modifier', 'avancer', 'move', 'reschedule', 'change'],
  ],
  ['keep', ['garder', 'conserver', 'maintenir', 'je le garde', 'keep', 'c est bon']],
];

function choiceOf(text: string): Choice | undefined {
  return WORDS.find(([, words]) => words.some((w) => containsPhrase(text, w)))?.[0];
}

function decide(ctx: Ctx, choice: Choice): StepResult {
  const existing = apptOf(ctx).existing;
  const c = (intent: 'book' | 'move' | 'cancel') => ({
    ...ctx,
    state: { ...ctx.state, ...withAppt(ctx, { intent }) },
  });
  switch (choice) {
    case 'keep':
      return appointmentKept(ctx);
    case 'book':
      return chooseType(c('book'));
    case 'move':
      return existing ? searchSlots(c('move'), { typeId: existing.typeId }) : chooseType(c('book'));
    case 'cancel':
      return existing
        ? go('appointment-cancel', { patch: withAppt(ctx, { intent: 'cancel' }) })
        : appointmentKept(ctx);
  }
}

/** None found: 1 / yes books one, 2 / no leaves a message. */
function noneFound(
  ctx: Ctx,
  answer: boolean | undefined,
  event: Parameters<StepHandler['on']>[1],
): StepResult {
  if (answer === true)
    return chooseType({ ...ctx, state: { ...ctx.state, ...withAppt(ctx, { intent: 'book' }) } });
  if (answer === false) return takeMessage(ctx);
  return noInputOrNotUnderstood(event);
}

export const appointmentExisting: StepHandler = {
  prompt(ctx) {
    const existing = apptOf(ctx).existing;
    const p = ap(ctx);
    const text = existing ? `${p.existing(slotText(ctx, existing.start))} ${p.existingChoices}` : p.noneFound;
    return gather(ctx, {
      callback: 'appointment-existing',
      input: 'dtmf speech',
      numDigits: 1,
      hints: speechHints(ctx, existing ? p.existingHints : p.hints),
      prompt: [text],
    });
  },

  on(ctx, event) {
    const existing = apptOf(ctx).existing;
    const text = heardText(event);
    if (!existing) {
      const key = event.type === 'digits' ? event.digits.trim().charAt(0) : undefined;
      const answer = key === '1' ? true : key === '2' ? false : text === undefined ? undefined : yesNo(text);
      return noneFound(ctx, answer, event);
    }
    const choice =
      event.type === 'digits'
        ? KEYS[event.digits.trim().charAt(0)]
        : text === undefined
          ? undefined
          : choiceOf(text);
    return choice ? decide(ctx, choice) : noInputOrNotUnderstood(event);
  },

  /** No answer: nothing changes. */
  fallback: (ctx) =>
    apptOf(ctx).existing
      ? appointmentKept(ctx)
      : { kind: 'end', say: ctx.p.goodbye, outcome: 'abandoned', patch: { message: {} } },
};

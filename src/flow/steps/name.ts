import { urgencyKeywordsOf } from '../client-speech';
import { gather, speechHints, type Ctx } from '../context';
import { soundsUrgent } from '../speech';
import { cannotUnderstand, heardText, noInputOrNotUnderstood, silentCaller } from './common';
import { go, type StepHandler } from './step';

const LEAD_INS =
  /^(je m'appelle|je suis|moi c'est|c'est|ici|mon nom est|my name is|this is|i am|i'm|it's)\s+/i;

/** "Je m'appelle Jean Dupont." → "Jean Dupont". */
export function cleanName(text: string): string {
  return (
    text
      .trim()
      .replace(LEAD_INS, '')
      .replace(/[.!?]+$/, '')
      .trim() || text.trim()
  );
}

function nameGather(ctx: Ctx, text: string) {
  return gather(ctx, {
    callback: 'name',
    input: 'speech',
    hints: speechHints(ctx, [], true),
    prompt: [text],
  });
}

export const name: StepHandler = {
  skip: (ctx) => (ctx.state.message.callerName ? go('reason') : undefined),

  prompt: (ctx) => nameGather(ctx, ctx.p.askName),

  on(ctx, event) {
    if (event.type === 'no-input') {
      return silentCaller(ctx) ?? noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    const { state, profile } = ctx;
    return go('reason', {
      patch: {
        message: { ...state.message, callerName: cleanName(text) },
        urgentHeard: state.urgentHeard || soundsUrgent(text, urgencyKeywordsOf(profile)),
      },
    });
  },

  fallback: (ctx) => cannotUnderstand(ctx, 'reason'),
};

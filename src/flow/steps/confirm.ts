import { gather, summaryFields, yesNoHints } from '../context';
import { yesNo } from '../speech';
import { heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler, type StepResult } from './step';

/** One chance to start the message again; after that the message is kept as it is. */
export const MAX_CORRECTIONS = 1;

export const confirm: StepHandler = {
  prompt(ctx) {
    const readBack = ctx.p.readBack(summaryFields(ctx.state, ctx.state.locale, true));
    return gather(ctx, {
      callback: 'confirm',
      input: 'dtmf speech',
      numDigits: 1,
      hints: yesNoHints(ctx),
      prompt: [readBack, ctx.p.confirmPrompt],
    });
  },

  on(ctx, event) {
    let answer: boolean | undefined;
    if (event.type === 'digits')
      answer = event.digits.startsWith('1') ? true : event.digits.startsWith('2') ? false : undefined;
    else {
      const text = heardText(event);
      answer = text === undefined ? undefined : yesNo(text);
    }
    if (answer === undefined) return noInputOrNotUnderstood(event);
    if (answer || ctx.state.corrections >= MAX_CORRECTIONS) return { kind: 'finish' } as StepResult;
    return go('name', {
      say: [ctx.p.restart],
      patch: { message: {}, urgentHeard: false, corrections: ctx.state.corrections + 1 },
    });
  },

  /** Silence at the read-back: the message is still worth keeping. */
  fallback: () => ({ kind: 'finish' }),
};

/**
 * The transfer target's leg (`<Number url>`): the whisper, then the key pressed. Both are engine
 * events of the caller's call, named by `parent`; when they cannot be answered, the target's leg
 * hangs up, which declines, and the caller goes back to message taking.
 */
import { answerScreen, type ScreenEvent } from '../../src/app/side-legs';
import { gatherParamsSchema, parentQuery } from '../params';
import { voiceCallback, type Reply, type VoiceHandler } from '../respond';

const params = gatherParamsSchema.extend(parentQuery);

function screening(event: (p: { Digits?: string | undefined }) => ScreenEvent): VoiceHandler {
  return voiceCallback({
    params,
    answer: async (p, deps) => {
      const answer = await answerScreen(p.parent, event(p), deps);
      return { actions: answer.actions, leg: { parent: p.parent } };
    },
    fallback: (p): Reply => ({ actions: [{ type: 'hangup' }], leg: { parent: p.parent } }),
  });
}

export const screen = screening(() => ({ type: 'screen' }));
export const screenResult = screening((p) => ({
  type: 'screen-result',
  ...(p.Digits !== undefined ? { digits: p.Digits } : {}),
}));

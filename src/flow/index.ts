/**
 * The pure call-flow engine: profile + state + event + now → next state, actions, effects.
 * No I/O, no clock, no randomness; zod is the only import from outside this folder.
 */
export * from './profile';
export * from './types';
export { startCall, handleEvent, initialState, type StartCallInput } from './engine';
export { failSafe, failSafeAfterDial, unknownNumber } from './failsafe';
export { isOpen, openStatus, localTime, type LocalTime } from './hours';
export { hoursSentence, hoursPhrase, spokenTime, spokenDate } from './hours-text';
export { nextOpening, nextClosing } from './opening';
export { closedNotice, openNotice, hoursNow } from './opening-text';
export { ruleMatches, firstMatch, type RuleContext } from './rules';
export { previewRoute, type RoutePreview, type PreviewInput, type PreviewDecision } from './preview';
export {
  normalise,
  menuChoiceFromSpeech,
  menuChoiceFromDigits,
  soundsUrgent,
  yesNo,
  MENU_KEYS,
} from './speech';
export { displayNumber } from './phone';
export { spokenClientName, emergencyAdvice, greetsKnownCallers } from './client-speech';
export { PROMPTS, UNKNOWN_NUMBER, type Prompts, type SummaryFields } from './prompts';
export { messageKey, MAX_RETRIES, voiceFor } from './context';

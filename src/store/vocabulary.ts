/**
 * The closed sets of the stored data, in one mongoose-free module: the models, the zod schemas of
 * the edges and the types all read them from here, so a value is added in one place.
 */
import { OUTCOMES } from '../flow/types';

export { LOCALES, type Locale } from '../flow/profile';

/** The engine's outcomes, and `in-progress` for a call record written before its flow ended. */
export const CALL_OUTCOMES = ['in-progress', ...OUTCOMES] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * The closed sets of the stored data, in one mongoose-free module: the models, the zod schemas of
 * the edges and the types all read them from here, so a value is added in one place.
 */
import { OUTCOMES } from '../flow/types';

export { LOCALES, type Locale } from '../flow/profile';

export const MESSAGE_STATUSES = ['new', 'in_progress', 'handled'] as const;
export type MessageStatusValue = (typeof MESSAGE_STATUSES)[number];

export const DELIVERY_CHANNELS = ['sms', 'email', 'webhook', 'call'] as const;
export type DeliveryChannelValue = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatusValue = (typeof DELIVERY_STATUSES)[number];

export const USER_ROLES = ['admin', 'assistant'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The engine's outcomes, and `in-progress` for a call record written before its flow ended. */
export const CALL_OUTCOMES = ['in-progress', ...OUTCOMES] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * The closed sets of the product, each written once: the mongoose models, the zod schemas of the
 * edges and the TypeScript types all derive from these tables, so a value is added in one place.
 */

/** The languages callers hear and clients read, French first. */
export const LOCALES = ['fr-FR', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

export const MESSAGE_STATUSES = ['new', 'in_progress', 'handled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What the assistants' live list hears about a message. */
export const MESSAGE_EVENT_TYPES = ['message.created', 'message.updated'] as const;
export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number];

export const DELIVERY_CHANNELS = ['sms', 'email', 'webhook', 'call'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What an admin's retry of a notification came to. */
export const RETRY_OUTCOMES = ['retried', 'requeued', 'already-sent', 'in-progress', 'not-found'] as const;
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

export const USER_ROLES = ['admin', 'assistant'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** An appointment is booked until it is cancelled (a moved one stays booked, at its new time). */
export const APPOINTMENT_STATUSES = ['booked', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

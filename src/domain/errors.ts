/**
 * The errors of the domain: raised by the store and the use cases, mapped by each edge to its own
 * answer (a 404 page, a `{error, details}` JSON body, a flash message, a TwiML apology).
 */
export type ErrorDetail = { path: string; message: string };

/** The record does not exist, or the actor may not see it: both look the same from outside. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The action collides with the record's current state (taken by someone else, duplicate email). */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** An input the action cannot take (too long, empty, not allowed for this actor); `details` name the fields. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(readonly details: ErrorDetail[]) {
    super(details.map((d) => `${d.path}: ${d.message}`).join('; '));
  }
}

/** An input names a record that does not exist or may not be used here (an unknown user id, say). */
export class InvalidReferenceError extends InvalidInputError {
  override name = 'InvalidReferenceError';
}

/**
 * What people do to a message — claim, assign, note, mark handled, reopen, change (the admin API's
 * PATCH), retry a notification — whichever edge they come from (web page, admin API). Each is
 * load → decide → save → audit → publish → follow-ups, here and nowhere else; the tenancy and
 * assignment rules hold on every path.
 */
import { accessOf, type ActionSource } from '../domain/access';
import { ConflictError, InvalidInputError, InvalidReferenceError, NotFoundError } from '../domain/errors';
import type { MessageStatus, RetryOutcome } from '../domain/vocabulary';
import { cleanText } from '../domain/text';
import { assignableUsers, changeStoredMessage, type MessageChange } from '../store/message-actions';
import { getMessageFor } from '../store/message-queries';
import type { Message } from '../store/messages';
import { audit } from './audit';
import type { MessageActionDeps } from './ports';

export const NOTE_MAX_LENGTH = 2000;

/** The admin API's change: a status, an assignee (null unassigns), or both. */
export type MessageChanges = { status?: MessageStatus; assigneeId?: string | null };

type Decided = {
  /** The audit log's verb, `message.<action>`. */
  action: string;
  change: MessageChange;
  detail?: Record<string, unknown> | null;
};

/** One path for every action: tenancy-checked load, the decision, one write, then its effects. */
async function act(
  deps: MessageActionDeps,
  source: ActionSource,
  id: string,
  decide: (before: Message) => Promise<Decided> | Decided,
): Promise<Message> {
  const before = await getMessageFor(accessOf(source.actor), id);
  const { action, change, detail } = await decide(before);
  const after = change.set || change.note ? await changeStoredMessage(before.id, change) : before;
  if (!after && change.assigneeIn) throw new ConflictError('already claimed by someone else');
  if (!after) throw new NotFoundError(`message ${id} not found`);
  await audit(source, {
    action: `message.${action}`,
    target: { type: 'message', id: after.id },
    clientId: after.clientId,
    detail: detail ?? null,
  });
  await deps
    .publish({ type: 'message.updated', messageId: after.id, clientId: after.clientId, urgent: after.urgent })
    .catch((err: Error) => deps.logger.warn(`message ${after.id} event not published: ${err.message}`));
  // A person has the message in hand: its escalation stops. Best effort: if Redis is down the
  // escalation may still fire, which errs on the safe side.
  if (change.set?.status === 'handled' || change.set?.assigneeId) {
    await deps.followUps.acknowledge(after.id, source.actor.label).catch(() => undefined);
  }
  return after;
}

/** The status that follows an assignment: a new message becomes "in progress" once someone has it. */
const statusOnAssign = (before: Message): MessageStatus =>
  before.status === 'new' ? 'in_progress' : before.status;

/** The acting user's id, or null for the API token (the reports attribute work to people). */
const userOf = (source: ActionSource): string | null =>
  source.actor.type === 'user' ? source.actor.id : null;

function statusFields(status: MessageStatus, now: Date, source: ActionSource) {
  const handled = status === 'handled';
  return { status, handledAt: handled ? now : null, handledBy: handled ? userOf(source) : null };
}

/** The first taking of a message, kept once: the reports' time to claim and claims per person. */
const firstTaking = (before: Message, takerId: string, now: Date) =>
  before.takenAt ? {} : { takenAt: now, takenBy: takerId };

/** The assignee must be an active user who may see the message's client (admins see them all). */
async function assertAssignable(message: Message, assigneeId: string): Promise<void> {
  const allowed = await assignableUsers(message.clientId);
  if (!allowed.some((u) => u.id === assigneeId)) {
    throw new InvalidReferenceError([
      { path: 'assigneeId', message: 'no active user who may see this client has this id' },
    ]);
  }
}

function signedInUser(source: ActionSource): string {
  if (source.actor.type !== 'user') {
    throw new InvalidInputError([{ path: 'actor', message: 'only a signed-in user can do this' }]);
  }
  return source.actor.id;
}

/** Takes an unassigned message; one already taken by someone else stays theirs (ConflictError). */
export function claimMessage(deps: MessageActionDeps, source: ActionSource, id: string) {
  const me = signedInUser(source);
  return act(deps, source, id, (before) => ({
    action: 'claim',
    change: {
      set: { assigneeId: me, status: statusOnAssign(before), ...firstTaking(before, me, deps.now()) },
      assigneeIn: [null, me],
    },
  }));
}

/** Assigns to a user who may see the message's client, or unassigns with null. */
export function assignMessage(
  deps: MessageActionDeps,
  source: ActionSource,
  id: string,
  assigneeId: string | null,
) {
  return act(deps, source, id, async (before) => {
    if (assigneeId === null)
      return { action: 'assign', change: { set: { assigneeId } }, detail: { assigneeId } };
    await assertAssignable(before, assigneeId);
    return {
      action: 'assign',
      change: {
        set: { assigneeId, status: statusOnAssign(before), ...firstTaking(before, assigneeId, deps.now()) },
      },
      detail: { assigneeId },
    };
  });
}

export function markHandled(deps: MessageActionDeps, source: ActionSource, id: string) {
  return act(deps, source, id, () => ({
    action: 'handle',
    change: { set: statusFields('handled', deps.now(), source) },
  }));
}

/** Back to work: "in progress" when someone has it, else "new". */
export function reopenMessage(deps: MessageActionDeps, source: ActionSource, id: string) {
  return act(deps, source, id, (before) => ({
    action: 'reopen',
    change: { set: statusFields(before.assigneeId ? 'in_progress' : 'new', deps.now(), source) },
  }));
}

/** Adds a note; an author without a user id (the API token) is kept by name only. */
export function addNote(deps: MessageActionDeps, source: ActionSource, id: string, text: string) {
  // Every edge's note goes through here (the web form parses it loosely).
  const valid = cleanText(text, { multiline: true }).trim();
  if (!valid || valid.length > NOTE_MAX_LENGTH) {
    throw new InvalidInputError([{ path: 'text', message: `a note has 1 to ${NOTE_MAX_LENGTH} characters` }]);
  }
  const { actor } = source;
  const author =
    actor.type === 'user'
      ? { authorId: actor.id, authorName: actor.name }
      : { authorId: null, authorName: actor.label };
  return act(deps, source, id, () => ({
    action: 'note',
    change: { note: { at: deps.now(), ...author, text: valid } },
  }));
}

/** The admin API's PATCH: assignee and status in one write, under the same rules as the web's actions. */
export function changeMessage(
  deps: MessageActionDeps,
  source: ActionSource,
  id: string,
  changes: MessageChanges,
) {
  return act(deps, source, id, async (before) => {
    const set: MessageChange['set'] = {};
    if (changes.assigneeId !== undefined) {
      if (changes.assigneeId !== null) await assertAssignable(before, changes.assigneeId);
      set.assigneeId = changes.assigneeId;
      if (changes.assigneeId !== null)
        Object.assign(set, firstTaking(before, changes.assigneeId, deps.now()));
      if (changes.assigneeId !== null && !changes.status) set.status = statusOnAssign(before);
    }
    if (changes.status && changes.status !== before.status) {
      Object.assign(set, statusFields(changes.status, deps.now(), source));
    }
    return { action: 'update', change: Object.keys(set).length > 0 ? { set } : {}, detail: changes };
  });
}

/** An admin's retry of a failed notification; assistants cannot (NotFoundError, as for any hidden action). */
export async function retryDelivery(
  deps: MessageActionDeps,
  source: ActionSource,
  id: string,
  key: string,
): Promise<{ outcome: RetryOutcome; message: Message }> {
  if (!accessOf(source.actor).all) throw new NotFoundError('no such action');
  const message = await getMessageFor(accessOf(source.actor), id);
  const outcome = await deps.followUps.retryDelivery(message.id, key);
  await audit(source, {
    action: 'message.retry-delivery',
    target: { type: 'message', id: message.id },
    clientId: message.clientId,
    detail: { key, outcome },
  });
  return { outcome, message };
}

/** The actions an assistant applies to several selected messages at once (the cockpit's bulk bar). */
export const BULK_ACTIONS = ['claim', 'handle', 'assign'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export type BulkRequest = { action: 'claim' | 'handle' } | { action: 'assign'; assigneeId: string | null };

/** What a bulk action came to, message by message, so the page can say what did not apply. */
export type BulkOutcome = {
  done: number;
  /** Held by someone else: a claim would steal it, handling it in bulk would close a colleague's work. */
  takenByOther: number;
  alreadyHandled: number;
  /** The chosen person may not see that message's client. */
  refused: number;
  /** Gone, or never visible to this user. */
  notFound: number;
};

class AlreadyHandled extends Error {}

/** Handles a message unless a colleague holds it: a bulk selection must not close someone else's work. */
function handleUnlessHeldByOther(deps: MessageActionDeps, source: ActionSource, id: string) {
  const me = signedInUser(source);
  return act(deps, source, id, (before) => {
    if (before.status === 'handled') throw new AlreadyHandled();
    if (before.assigneeId && before.assigneeId !== me) throw new ConflictError('held by someone else');
    return { action: 'handle', change: { set: statusFields('handled', deps.now(), source) } };
  });
}

/**
 * Applies one action to each message in turn through the same path as a single action (tenancy,
 * audit, live event, escalation stop), one after the other: FerretDB handles concurrent writes badly.
 */
export async function bulkAct(
  deps: MessageActionDeps,
  source: ActionSource,
  ids: readonly string[],
  request: BulkRequest,
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: 0, takenByOther: 0, alreadyHandled: 0, refused: 0, notFound: 0 };
  for (const id of new Set(ids)) {
    try {
      if (request.action === 'assign') await assignMessage(deps, source, id, request.assigneeId);
      else if (request.action === 'claim') await claimMessage(deps, source, id);
      else await handleUnlessHeldByOther(deps, source, id);
      outcome.done += 1;
    } catch (err) {
      if (err instanceof ConflictError) outcome.takenByOther += 1;
      else if (err instanceof AlreadyHandled) outcome.alreadyHandled += 1;
      else if (err instanceof InvalidReferenceError) outcome.refused += 1;
      else if (err instanceof NotFoundError) outcome.notFound += 1;
      else throw err;
    }
  }
  return outcome;
}

/**
 * The call-handling use cases: take the live call, let the engine decide, store what is durable,
 * save the call. They return actions; the webhook edge renders them to TwiML. The end of a call is
 * in `call-end.ts`, the legs beside it (screening, fail-safe) in `side-legs.ts`.
 *
 * Per webhook: two Redis round trips (take the call with its lock; save it and release), and
 * MongoDB only for durable things — the caller's contact when the call starts, the message when it
 * is complete, the Call record and the contact's count when the call ends.
 */
import {
  handleEvent,
  startCall,
  unknownNumber,
  type Action,
  type CalendarResult,
  type ClientProfile,
  type FlowEvent,
  type Transition,
} from '../flow';
import type { Client } from '../store/clients';
import type { Contact } from '../store/contacts';
import { withTimeout } from '../store/timeout';
import { applyMessageEffects } from './call-messages';
import { clientForId, clientForNumber } from './client-cache';
import { advance, outcomeOf, stepsOf, withCall, type LiveCall, type LiveCallLease } from './live-call';
import type { CallDeps } from './ports';

export type Answer = { actions: Action[]; turn: number; profile?: ClientProfile };

export class UnknownCallError extends Error {
  override name = 'UnknownCallError';
}

export type IncomingCall = { callSid: string; from: string; to: string };

const replayed = (lease: LiveCallLease, turn: number, profile?: ClientProfile): Answer | null =>
  lease.replay
    ? { actions: JSON.parse(lease.replay) as Action[], turn, ...(profile ? { profile } : {}) }
    : null;

export async function answerIncoming(call: IncomingCall, deps: CallDeps): Promise<Answer> {
  const client = await clientForNumber(call.to);
  if (!client) {
    deps.logger.warn(`call to ${call.to}, a number that belongs to no client: answered and hung up`);
    return { actions: unknownNumber(), turn: 0 };
  }
  return withCall(call.callSid, 0, deps, async (lease) => {
    // Twilio delivered the first webhook again: the first answer, nothing counted twice.
    if (lease.call) {
      const first = replayed(lease, 0, client);
      // Saved together with the state, so always there; without it the fail-safe answers.
      if (!first) throw new Error(`call ${call.callSid} has no first answer to replay`);
      return first;
    }
    const contact = await knownContact(client.id, call.from, deps);
    const profile = withContactFlags(client, call.from, contact);
    const now = deps.now();
    const t = startCall({
      profile,
      caller: {
        number: call.from,
        known: Boolean(contact?.name),
        ...(contact?.name ? { name: contact.name } : {}),
      },
      callSid: call.callSid,
      now,
      calledNumber: call.to,
    });
    const live: LiveCall = {
      callSid: call.callSid,
      clientId: client.id,
      from: call.from,
      to: call.to,
      locale: profile.locale,
      startedAt: now.toISOString(),
      state: t.state,
      outcome: outcomeOf(t.effects) ?? 'in-progress',
      steps: stepsOf(t.effects),
    };
    const events = await applyMessageEffects(client, t.effects, deps);
    await lease.save(live, { turn: 0, actions: JSON.stringify(t.actions) }, events);
    return { actions: t.actions, turn: t.state.turn, profile };
  });
}

/** How long the greeting waits for the caller's contact card (ms). */
const CONTACT_DEADLINE_MS = 400;

/**
 * The caller's contact card, if the store finds it in time: a receptionist who cannot find the card
 * at once still answers, as for a new caller (the profile's own VIP and blocked lists still apply).
 */
async function knownContact(clientId: string, from: string, deps: CallDeps): Promise<Contact | null> {
  const lookup = deps.records.findContact(clientId, from);
  try {
    return await withTimeout(lookup, CONTACT_DEADLINE_MS);
  } catch (err) {
    lookup.catch(() => undefined);
    deps.logger.warn(
      `contact card of a caller not read in time; greeting as a new caller: ${(err as Error).message}`,
    );
    return null;
  }
}

/** A contact marked VIP or blocked in the web list counts like the profile's own lists. */
function withContactFlags(client: Client, from: string, contact: Contact | null): ClientProfile {
  if (!contact?.vip && !contact?.blocked) return client;
  return {
    ...client,
    vipNumbers: contact.vip ? [...client.vipNumbers, from] : client.vipNumbers,
    blockedNumbers: contact.blocked ? [...client.blockedNumbers, from] : client.blockedNumbers,
  };
}

/**
 * Applies one event of a live call. `turn` is the turn the callback URL was rendered for: an older
 * one means Twilio delivered that callback again, and gets the answer it got the first time.
 */
export function answerEvent(
  callSid: string,
  turn: number | undefined,
  event: FlowEvent,
  deps: CallDeps,
): Promise<Answer> {
  return withCall(callSid, turn === undefined ? undefined : turn + 1, deps, async (lease) => {
    const call = lease.call;
    if (!call) throw new UnknownCallError(`no live call ${callSid}`);
    const client = await clientForId(call.clientId);
    if (turn !== undefined && turn < call.state.turn) {
      const again = replayed(lease, turn + 1, client);
      if (again) {
        deps.logger.info(`replayed callback for turn ${turn} of ${callSid}`);
        return again;
      }
    }
    const t = await withCalendarWork(call, handleEvent(client, call.state, event, deps.now()), client, deps);
    // The message first: what the caller said is stored (or parked) before the call moves on.
    const events = await applyMessageEffects(client, t.effects, deps);
    await lease.save(advance(call, t), { turn: t.state.turn, actions: JSON.stringify(t.actions) }, events);
    return { actions: t.actions, turn: t.state.turn, profile: client };
  });
}

/** A flow asking for calendar work again and again is a bug: after this many rounds it is told "unavailable". */
const MAX_CALENDAR_ROUNDS = 4;

/**
 * Does the calendar work the engine asked for (`Transition.request`) and hands it the answers, in
 * the same webhook, until it asks for nothing more: the caller hears both transitions' words in
 * order. Without a calendar the answer is "unavailable", which the flow turns into a booking request.
 */
async function withCalendarWork(
  call: LiveCall,
  first: Transition,
  profile: ClientProfile,
  deps: CallDeps,
): Promise<Transition> {
  let t = first;
  const actions = [...first.actions];
  const effects = [...first.effects];
  for (let round = 0; t.request; round += 1) {
    const result: CalendarResult =
      deps.calendar && round < MAX_CALENDAR_ROUNDS
        ? await deps.calendar.fulfil(
            { callSid: call.callSid, clientId: call.clientId, from: call.from },
            t.request,
          )
        : { type: 'unavailable' };
    t = handleEvent(profile, t.state, { type: 'calendar', result }, deps.now());
    actions.push(...t.actions);
    effects.push(...t.effects);
  }
  return { state: t.state, actions, effects };
}

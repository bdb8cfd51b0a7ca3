/**
 * The clients (tenants) as admins manage them, from the admin API or the admin pages alike:
 * validate with the client-profile schema, save, audit, then make every instance's profile cache
 * read the client again, so the next call already gets the new profile.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ActionSource } from '../domain/access';
import { InvalidInputError } from '../domain/errors';
import { outboundUrlProblem, STRICT_OUTBOUND_POLICY, type OutboundPolicy } from '../domain/outbound-url';
import { clientProfileSchema, type ClientProfile, type ClientProfileInput } from '../flow/profile';
import type { ClientChange } from '../infra/client-cache-bus';
import * as store from '../store/clients';
import type { Client } from '../store/clients';
import { audit } from './audit';
import { expireClient } from './client-cache';

export type { Client } from '../store/clients';

/** What the client use cases need from the outside world. */
export type ClientsDeps = {
  /**
   * Tells the other instances (web and workers) that a client changed. Must not throw: their
   * cached copy expires within seconds anyway.
   */
  announce: (change: ClientChange) => Promise<void>;
  /**
   * Where the client's notification webhook may point (https only in production; private addresses
   * only where `WEBHOOK_ALLOW_PRIVATE` says so). @defaultValue STRICT_OUTBOUND_POLICY
   */
  outbound?: OutboundPolicy;
};

/** A validated edit of a client: a whole new profile, a new active flag, or both. */
export type ClientEdit = { profile?: ClientProfileInput; active?: boolean };

export const getClient = store.getClient;

export async function listClients(filter: { active?: boolean } = {}): Promise<Client[]> {
  const clients = await store.listClients();
  return filter.active === undefined ? clients : clients.filter((c) => c.active === filter.active);
}

/** The profile part of a client, as the engine and the edit forms take it. */
export function profileOf(client: Client): ClientProfile {
  const { id: _id, active: _active, createdAt: _c, updatedAt: _u, ...profile } = client;
  return profile;
}

export async function createClient(
  deps: ClientsDeps,
  source: ActionSource,
  input: ClientProfileInput,
): Promise<Client> {
  const client = await store.createClient(checkedProfile(deps, input));
  await audit(source, { action: 'client.create', target: target(client.id), clientId: client.id });
  // Its numbers may be cached as "not ours" elsewhere.
  await forget(deps, { id: client.id, numbers: client.numbers });
  return client;
}

/** Replaces the profile and/or switches the client on or off; the audit names the changed fields. */
export async function updateClient(
  deps: ClientsDeps,
  source: ActionSource,
  id: string,
  edit: ClientEdit,
): Promise<Client> {
  const before = await store.getClient(id);
  let after = before;
  if (edit.profile !== undefined) {
    after = await store.updateClient(id, checkedProfile(deps, edit.profile));
    const detail = { fields: changedFields(profileOf(before), profileOf(after)) };
    await audit(source, { action: 'client.update', target: target(id), clientId: id, detail });
    await forget(deps, { id, numbers: [...new Set([...before.numbers, ...after.numbers])] });
  }
  if (edit.active !== undefined && edit.active !== after.active) {
    after = await setClientActive(deps, source, id, edit.active);
  }
  return after;
}

/** The profile parsed whole, then its webhook URL checked against where this deployment may send. */
function checkedProfile(deps: ClientsDeps, input: ClientProfileInput): ClientProfile {
  const profile = clientProfileSchema.parse(input);
  const url = profile.notifications.webhook.url;
  const problem = url ? outboundUrlProblem(url, deps.outbound ?? STRICT_OUTBOUND_POLICY) : null;
  if (problem) throw new InvalidInputError([{ path: 'notifications.webhook.url', message: problem }]);
  return profile;
}

/**
 * A deactivated client keeps its numbers claimed (see the store) while its calls get the
 * "unknown number" treatment; reactivating restores service as it was.
 */
export async function setClientActive(
  deps: ClientsDeps,
  source: ActionSource,
  id: string,
  active: boolean,
): Promise<Client> {
  const client = await store.setClientActive(id, active);
  const action = active ? 'client.activate' : 'client.deactivate';
  await audit(source, { action, target: target(id), clientId: id });
  await forget(deps, { id, numbers: client.numbers });
  return client;
}

const target = (id: string) => ({ type: 'client' as const, id });

/** Top-level profile fields whose value changed: names only, never values (a webhook secret…). */
function changedFields(before: ClientProfile, after: ClientProfile): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof ClientProfile)[]);
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key])).sort();
}

/** This instance reads the client again at once; the others when the announcement reaches them. */
async function forget(deps: ClientsDeps, change: ClientChange): Promise<void> {
  expireClient(change);
  await deps.announce(change);
}

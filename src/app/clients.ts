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
import { recordVersion, snapshotToRestore, unrestorable, type VersionAction } from './settings-history';

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
export type ClientEdit = {
  profile?: ClientProfileInput;
  active?: boolean;
  /** Why the profile changes, as its version says: an edit, or a caller's erasure. @defaultValue 'update' */
  why?: Extract<VersionAction, 'update' | 'erasure'>;
};

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
  await recordVersion(subject(client.id), source, { action: 'create', after: settingsOf(client) });
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
  let after =
    edit.profile === undefined
      ? await store.getClient(id)
      : await saveProfile(deps, source, id, edit.profile, { action: edit.why ?? 'update' });
  if (edit.active !== undefined && edit.active !== after.active) {
    after = await setClientActive(deps, source, id, edit.active);
  }
  return after;
}

/**
 * Puts the settings of version `version` back, through the same checks as any edit: a snapshot
 * today's rules refuse is a 400 naming each field, a number another client holds since is a 409,
 * and either way nothing changes. The active flag stays as it is: restoring settings is not
 * switching the service on or off. The restore is itself a new version.
 */
export async function restoreClientVersion(
  deps: ClientsDeps,
  source: ActionSource,
  id: string,
  version: number,
): Promise<Client> {
  await store.getClient(id);
  const { active: _active, ...snapshot } = await snapshotToRestore(subject(id), version);
  const parsed = clientProfileSchema.safeParse(snapshot);
  if (!parsed.success) throw unrestorable(parsed.error.issues);
  return saveProfile(deps, source, id, parsed.data, { action: 'restore', restoredFrom: version });
}

/** Validates, saves, keeps the version, audits and announces a new profile. */
async function saveProfile(
  deps: ClientsDeps,
  source: ActionSource,
  id: string,
  profile: ClientProfileInput,
  how: { action: Extract<VersionAction, 'update' | 'restore' | 'erasure'>; restoredFrom?: number },
): Promise<Client> {
  const before = await store.getClient(id);
  const checked = checkedProfile(deps, profile);
  const after = await store.updateClient(id, checked);
  const { action, restoredFrom } = how;
  const version = await recordVersion(subject(id), source, {
    action,
    before: settingsOf(before),
    after: settingsOf(after),
    ...(restoredFrom === undefined ? {} : { restoredFrom }),
  });
  const fields = changedFields(profileOf(before), profileOf(after));
  const detail = action === 'restore' ? { fields, restoredFrom, version: version?.version } : { fields };
  // An erasure's own entry (`caller.erase`) says why; the settings change is an update like any other.
  const audited = action === 'erasure' ? 'update' : action;
  await audit(source, { action: `client.${audited}`, target: target(id), clientId: id, detail });
  await forget(deps, { id, numbers: [...new Set([...before.numbers, ...after.numbers])] });
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
  const before = await store.getClient(id);
  const client = await store.setClientActive(id, active);
  const action = active ? 'activate' : 'deactivate';
  const change = { action, before: settingsOf(before), after: settingsOf(client) } as const;
  await recordVersion(subject(id), source, change);
  await audit(source, { action: `client.${action}`, target: target(id), clientId: id });
  await forget(deps, { id, numbers: client.numbers });
  return client;
}

const target = (id: string) => ({ type: 'client' as const, id });
const subject = (id: string) => ({ type: 'client' as const, id });

/** What a settings version keeps of a client: the whole profile, and whether it is in service. */
const settingsOf = (client: Client) => ({ ...profileOf(client), active: client.active });

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

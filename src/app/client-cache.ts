/**
 * A short-lived in-process cache of client profiles. Every webhook needs the profile; caching it for
 * a few seconds takes a database read off each of them, and lets the fail-safe answer still know a
 * client's fallback number while the database is down. Call state is never cached (stateless tier).
 */
import type { ClientChange } from '../infra/client-cache-bus';
import { findClientByNumber, forgetClientDirectory, getClient, type Client } from '../store/clients';

const TTL_MS = 15_000;
/** Unknown numbers are re-checked sooner, so a client just created answers within seconds. */
const MISS_TTL_MS = 2_000;
type Entry = { client: Client | null; expires: number };

const byNumber = new Map<string, Entry>();
const byId = new Map<string, Entry>();

function remember(map: Map<string, Entry>, key: string, client: Client | null, now: number): void {
  if (map.size > 5000) map.clear();
  map.set(key, { client, expires: now + (client ? TTL_MS : MISS_TTL_MS) });
}

export async function clientForNumber(number: string): Promise<Client | null> {
  const now = Date.now();
  const hit = byNumber.get(number);
  if (hit && hit.expires > now) return hit.client;
  const client = await findClientByNumber(number);
  remember(byNumber, number, client, now);
  if (client) remember(byId, client.id, client, now);
  return client;
}

export async function clientForId(id: string): Promise<Client> {
  const now = Date.now();
  const hit = byId.get(id);
  if (hit?.client && hit.expires > now) return hit.client;
  const client = await getClient(id);
  remember(byId, id, client, now);
  return client;
}

/** The last known profile for a number, however old: only for answering when the database is down. */
export function lastKnownClient(number: string): Client | null {
  return byNumber.get(number)?.client ?? null;
}

/**
 * Reads a changed client (and the numbers it had or has) from the database again on next use.
 * Entries are expired rather than dropped, so `lastKnownClient` still answers while the database
 * is down.
 */
export function expireClient(change: ClientChange): void {
  const expire = (entry: Entry | undefined) => {
    if (entry) entry.expires = 0;
  };
  expire(byId.get(change.id));
  forgetClientDirectory();
  for (const number of change.numbers) expire(byNumber.get(number));
  for (const entry of byNumber.values()) if (entry.client?.id === change.id) expire(entry);
}

/** Reads every client again on next use (changes may have been missed while Redis was away). */
export function expireAllClients(): void {
  for (const entry of [...byId.values(), ...byNumber.values()]) entry.expires = 0;
  forgetClientDirectory();
}

/** Forget cached profiles entirely (between tests). */
export function invalidateClientCache(): void {
  byNumber.clear();
  byId.clear();
  forgetClientDirectory();
}

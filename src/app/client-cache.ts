/**
 * A short-lived in-process cache of client profiles. Every webhook needs the profile; caching it for
 * a few seconds takes a database read off each of them, and lets the fail-safe answer still know a
 * client's fallback number while the database is down. Call state is never cached (stateless tier).
 */
import { findClientByNumber, getClient, type Client } from '../store/clients';

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

/** Forget cached profiles (after an admin edits a client, and between tests). */
export function invalidateClientCache(): void {
  byNumber.clear();
  byId.clear();
}

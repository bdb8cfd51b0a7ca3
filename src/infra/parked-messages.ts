/**
 * Messages parked in Redis while MongoDB cannot take them, moved into MongoDB by any number of
 * drainers. A drainer claims one entry atomically (it leaves the list for a set of entries in
 * flight, with a lease); it acknowledges the entry once stored. An entry whose drainer died goes
 * back to the list when its lease runs out. Storing is idempotent (one message per key), so an
 * entry stored twice after a lost acknowledgement is harmless; an entry is never dropped.
 */
import type { Redis } from 'ioredis';
import type { ParkedEntry, ParkingLot } from '../app/ports';

// KEYS: list, in-flight set. ARGV: now (ms), lease (ms). Expired leases go back to the list first.
const CLAIM = `
local expired = redis.call('zrangebyscore', KEYS[2], '-inf', ARGV[1])
for _, entry in ipairs(expired) do
  redis.call('zrem', KEYS[2], entry)
  redis.call('rpush', KEYS[1], entry)
end
local entry = redis.call('lpop', KEYS[1])
if not entry then return false end
redis.call('zadd', KEYS[2], ARGV[1] + ARGV[2], entry)
return entry`;

type Claim = {
  parkedClaim(list: string, inFlight: string, now: string, leaseMs: string): Promise<string | null>;
};

export type ParkingLotOptions = {
  /** Keeps deployments (or test runs) sharing one Redis apart, e.g. the database name. */
  namespace: string;
  /** How long a claimed entry may take before another drainer may claim it (ms). @defaultValue 30000 */
  leaseMs?: number;
};

/** The waiting list and the set of entries being drained. */
export function parkedMessageKeys(namespace: string) {
  const list = `receptionist:${namespace}:parked-messages`;
  return { list, inFlight: `${list}:in-flight` };
}

export function redisParkingLot(redis: Redis, options: ParkingLotOptions): ParkingLot {
  const r = redis as Redis & Partial<Claim>;
  if (!r.parkedClaim) redis.defineCommand('parkedClaim', { numberOfKeys: 2, lua: CLAIM });
  const claimer = redis as Redis & Claim;
  const { list, inFlight } = parkedMessageKeys(options.namespace);
  const leaseMs = String(options.leaseMs ?? 30_000);
  return {
    async park(entry) {
      await redis.rpush(list, JSON.stringify(entry));
    },
    async claim() {
      const raw = await claimer.parkedClaim(list, inFlight, String(Date.now()), leaseMs);
      if (!raw) return null;
      return {
        entry: JSON.parse(raw) as ParkedEntry,
        done: async () => void (await redis.zrem(inFlight, raw)),
      };
    },
    async size() {
      const [waiting, claimed] = await Promise.all([redis.llen(list), redis.zcard(inFlight)]);
      return waiting + claimed;
    },
  };
}

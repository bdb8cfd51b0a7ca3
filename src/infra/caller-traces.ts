/**
 * What Redis holds about a caller, for access requests and erasures: the live state of their
 * calls (src/infra/live-calls.ts), messages parked while MongoDB was away
 * (src/infra/parked-messages.ts) and the notification jobs of their messages (BullMQ).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CallerTracesPort, ParkedScope } from '../app/caller-access';
import type { ParkedEntry } from '../app/ports';
import { liveCallIndexKey, liveCallKeys } from './live-calls';
import { parkedMessageKeys } from './parked-messages';

export type CallerTracesOptions = {
  redis: Redis;
  /** The deployment's key namespace (`redisNamespace(MONGODB_URI)`). */
  namespace: string;
  /** The notifications queue, where the messages' jobs wait. */
  notifications: Queue;
};

const matches = (text: string, pattern: RegExp) => {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
};

/** A parked entry of this client (every entry when no client is given). */
function ofClient(raw: string, client: ParkedScope | undefined): boolean {
  if (!client) return true;
  const entry = JSON.parse(raw) as ParkedEntry;
  return entry.kind === 'message'
    ? entry.message.clientId === client.id
    : client.numbers.includes(entry.recording.to);
}

export function redisCallerTraces(options: CallerTracesOptions): CallerTracesPort {
  const { redis, namespace, notifications } = options;
  const parked = parkedMessageKeys(namespace);

  async function parkedEntries(pattern: RegExp, client?: ParkedScope) {
    const [waiting, inFlight] = await Promise.all([
      redis.lrange(parked.list, 0, -1),
      redis.zrange(parked.inFlight, 0, -1),
    ]);
    return {
      waiting: waiting.filter((e) => matches(e, pattern) && ofClient(e, client)),
      inFlight: inFlight.filter((e) => matches(e, pattern) && ofClient(e, client)),
    };
  }

  return {
    async liveCalls(callSids) {
      let count = 0;
      for (const sid of callSids) {
        const k = liveCallKeys(namespace, sid);
        if ((await redis.exists(k.state, k.replies, k.lock)) > 0) count += 1;
      }
      return count;
    },

    async liveCallsFrom(phone, clientId) {
      // Calls still going on: few at any time, each read by its key.
      const sids = await redis.zrange(liveCallIndexKey(namespace), 0, -1);
      const found: string[] = [];
      for (const sid of sids) {
        const raw = await redis.get(liveCallKeys(namespace, sid).state);
        const call = raw ? (JSON.parse(raw) as { from?: string; clientId?: string }) : null;
        if (call?.from === phone && (!clientId || call.clientId === clientId)) found.push(sid);
      }
      return found;
    },

    async forgetLiveCalls(callSids) {
      let count = 0;
      for (const sid of callSids) {
        const k = liveCallKeys(namespace, sid);
        const removed = await redis.del(k.state, k.replies, k.lock);
        await redis.zrem(liveCallIndexKey(namespace), sid);
        if (removed > 0) count += 1;
      }
      return count;
    },

    async parkedNaming(pattern, client) {
      const found = await parkedEntries(pattern, client);
      return found.waiting.length + found.inFlight.length;
    },

    async dropParkedNaming(pattern, client) {
      const found = await parkedEntries(pattern, client);
      let count = 0;
      for (const entry of found.waiting) count += await redis.lrem(parked.list, 0, entry);
      for (const entry of found.inFlight) count += await redis.zrem(parked.inFlight, entry);
      return count;
    },

    async queuedJobs(jobIds) {
      const held: string[] = [];
      for (const id of jobIds) if (await notifications.getJob(id)) held.push(id);
      return held;
    },

    async cancelJobs(jobIds) {
      let count = 0;
      for (const id of jobIds) {
        // BullMQ answers "removed" for an id it never had: count only the jobs that were there.
        if (!(await notifications.getJob(id))) continue;
        // A job being worked on right now cannot be removed: it finds its message gone and stops.
        count += await notifications.remove(id).catch(() => 0);
      }
      return count;
    },
  };
}

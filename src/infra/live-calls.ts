/**
 * Live calls in Redis. Per call, three keys in one hash slot: the state (JSON), the answers given to
 * each turn (a hash, for Twilio's retries) and a lock, so two webhooks of one call (a retry racing
 * the original, the status callback racing the last action) apply one after the other on any
 * instance. Each webhook makes two round trips: one script takes the lock and reads the state and
 * the answer to replay; one script saves, publishes the message events and releases the lock.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  LiveCallBusyError,
  type LiveCall,
  type LiveCallLease,
  type LiveCallStore,
  type TurnReply,
} from '../app/live-call';
import { messageEventsChannel, type MessageEvent } from './message-events';

export type LiveCallStoreOptions = {
  /** Keeps deployments (or test runs) sharing one Redis apart, e.g. the database name. */
  namespace: string;
  /** A lock's life, should its holder die mid-webhook (ms). @defaultValue 5000 */
  lockTtlMs?: number;
  /** How long a webhook waits for another webhook of the same call (ms). @defaultValue 1000 */
  lockWaitMs?: number;
  /** How long a call's state and answers outlive its last webhook (s). @defaultValue 86400 */
  ttlSeconds?: number;
};

// KEYS: lock, state, replies. ARGV: token, lock ttl (ms), turn to replay ('' for none).
// Returns {1, state|false, reply|false} when the lock is taken, {0} when another webhook holds it.
const ACQUIRE = `
if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {0} end
local reply = false
if ARGV[3] ~= '' then reply = redis.call('hget', KEYS[3], ARGV[3]) end
return {1, redis.call('get', KEYS[2]), reply}`;

// KEYS: lock, state, replies, index. ARGV: token, state, ttl (s), turn, reply, now (ms), callSid,
// channel, events... Writes only while holding the lock, or if it expired and nobody took it.
const SAVE = `
local holder = redis.call('get', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('set', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('hset', KEYS[3], ARGV[4], ARGV[5])
redis.call('expire', KEYS[3], ARGV[3])
redis.call('zadd', KEYS[4], ARGV[6], ARGV[7])
redis.call('del', KEYS[1])
for i = 9, #ARGV do redis.call('publish', ARGV[8], ARGV[i]) end
return 1`;

// KEYS: lock, state, index. ARGV: token, callSid, channel, events...
const END = `
local holder = redis.call('get', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('del', KEYS[2], KEYS[1])
redis.call('zrem', KEYS[3], ARGV[2])
for i = 4, #ARGV do redis.call('publish', ARGV[3], ARGV[i]) end
return 1`;

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

type Scripts = {
  liveCallAcquire(lock: string, state: string, replies: string, ...argv: string[]): Promise<unknown[]>;
  liveCallSave(
    lock: string,
    state: string,
    replies: string,
    index: string,
    ...argv: string[]
  ): Promise<number>;
  liveCallEnd(lock: string, state: string, index: string, ...argv: string[]): Promise<number>;
  liveCallRelease(lock: string, token: string): Promise<number>;
};

export { LiveCallBusyError };

/** A call's keys; the hash tag keeps them in one slot, as a Redis Cluster would need for the scripts. */
export function liveCallKeys(namespace: string, callSid: string) {
  const prefix = `receptionist:${namespace}`;
  return {
    lock: `${prefix}:call:{${callSid}}:lock`,
    state: `${prefix}:call:{${callSid}}:state`,
    replies: `${prefix}:call:{${callSid}}:replies`,
  };
}

/** The live calls by last activity (the idle-call sweep). */
export const liveCallIndexKey = (namespace: string) => `receptionist:${namespace}:live-calls`;

function withScripts(redis: Redis): Redis & Scripts {
  const r = redis as Redis & Partial<Scripts>;
  if (!r.liveCallAcquire) {
    redis.defineCommand('liveCallAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand('liveCallSave', { numberOfKeys: 4, lua: SAVE });
    redis.defineCommand('liveCallEnd', { numberOfKeys: 3, lua: END });
    redis.defineCommand('liveCallRelease', { numberOfKeys: 1, lua: RELEASE });
  }
  return redis as Redis & Scripts;
}

export function redisLiveCalls(redis: Redis, options: LiveCallStoreOptions): LiveCallStore {
  const r = withScripts(redis);
  const lockTtlMs = options.lockTtlMs ?? 5000;
  const lockWaitMs = options.lockWaitMs ?? 1000;
  const ttl = String(options.ttlSeconds ?? 86_400);
  const channel = messageEventsChannel(options.namespace);
  const keys = (callSid: string) => liveCallKeys(options.namespace, callSid);
  const index = liveCallIndexKey(options.namespace);
  const eventArgs = (events: MessageEvent[] = []) => events.map((e) => JSON.stringify(e));

  function lease(
    callSid: string,
    token: string,
    call: LiveCall | null,
    replay: string | null,
  ): LiveCallLease {
    const k = keys(callSid);
    let open = true;
    const close = async (work: () => Promise<number>): Promise<void> => {
      if (!open) return;
      open = false;
      if ((await work()) !== 1) throw new LiveCallBusyError(`lost the lock of call ${callSid}`);
    };
    return {
      call,
      replay,
      save: (next: LiveCall, reply: TurnReply, events?: MessageEvent[]) =>
        close(() =>
          r.liveCallSave(
            k.lock,
            k.state,
            k.replies,
            index,
            token,
            JSON.stringify(next),
            ttl,
            String(reply.turn),
            reply.actions,
            String(Date.now()),
            callSid,
            channel,
            ...eventArgs(events),
          ),
        ),
      end: (events?: MessageEvent[]) =>
        close(() => r.liveCallEnd(k.lock, k.state, index, token, callSid, channel, ...eventArgs(events))),
      release: async () => {
        if (!open) return;
        open = false;
        await r.liveCallRelease(k.lock, token).catch(() => undefined);
      },
    };
  }

  return {
    async acquire(callSid, replayTurn, waitMs = lockWaitMs) {
      const k = keys(callSid);
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      for (;;) {
        const answer = await r.liveCallAcquire(
          k.lock,
          k.state,
          k.replies,
          token,
          String(lockTtlMs),
          replayTurn === undefined ? '' : String(replayTurn),
        );
        if (answer[0] === 1) {
          const state = answer[1] as string | null;
          return lease(
            callSid,
            token,
            state ? (JSON.parse(state) as LiveCall) : null,
            answer[2] as string | null,
          );
        }
        if (Date.now() >= deadline) throw new LiveCallBusyError(`call ${callSid} is busy`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },

    async peek(callSid) {
      const raw = await redis.get(keys(callSid).state);
      return raw ? (JSON.parse(raw) as LiveCall) : null;
    },

    async idleSince(before, limit) {
      return redis.zrangebyscore(index, '-inf', String(before.getTime()), 'LIMIT', 0, limit);
    },
  };
}

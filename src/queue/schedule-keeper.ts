/**
 * Keeps a queue's job schedulers in Redis whatever happens to its contents. A scheduler lives only
 * in Redis: a restart with an empty dataset, a FLUSHALL, a failover to a fresh replica or a new
 * instance takes it away, and nothing would put it back before the worker restarts. The keeper
 * upserts every wanted scheduler on each (re)connection and, between them, checks every few
 * seconds that each one exists and upserts the missing ones — a flush keeps the connection, so
 * only the check sees it.
 *
 * The periodic check upserts only what is missing: an upsert of an existing `every` scheduler
 * removes its next job and adds it again (BullMQ 5 keeps its time, but a check has no reason to
 * touch a scheduler that is there).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';
import type { ScheduleDefinition } from './names';

export type ScheduleKeeperOptions = {
  queue: Queue;
  /** The queue's connection: each 'ready' (maybe a new, empty Redis) upserts every scheduler. */
  connection: Redis;
  logger: Logger;
  /** The schedulers wanted now (read again at each check: the digests follow the clients). */
  schedules: () => Promise<readonly ScheduleDefinition[]> | readonly ScheduleDefinition[];
  /** How often the schedulers' presence is checked (ms). @defaultValue 20000 */
  checkEveryMs?: number;
};

export type ScheduleKeeper = {
  /** Upserts the missing schedulers (every one with `all`); answers how many were upserted. */
  ensure(all?: boolean): Promise<number>;
  close(): void;
};

/** Starts keeping the schedules, after a first upsert of all of them (which it waits for). */
export async function keepSchedules(o: ScheduleKeeperOptions): Promise<ScheduleKeeper> {
  const { queue, logger } = o;
  // One pass at a time: a reconnection during a check queues behind it.
  let chain: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  let closed = false;

  const pass = async (all: boolean): Promise<number> => {
    const wanted = await o.schedules();
    // One look per scheduler, all at once (a digest per client makes them many).
    const present = all ? [] : await Promise.all(wanted.map((s) => queue.getJobScheduler(s.id)));
    let upserted = 0;
    for (const [i, s] of wanted.entries()) {
      if (present[i]) continue;
      await queue.upsertJobScheduler(s.id, s.repeat, s.job);
      upserted += 1;
    }
    if (upserted > 0 && !all) {
      logger.warn(`${upserted} job scheduler(s) of queue ${queue.name} were missing in Redis; restored`);
    }
    return upserted;
  };
  const ensure = (all = false): Promise<number> => {
    inFlight += 1;
    const next = chain.then(() => (closed ? 0 : pass(all))).finally(() => (inFlight -= 1));
    chain = next.catch(() => undefined);
    return next;
  };
  const log = (when: string) => (err: unknown) =>
    logger.error(`job schedulers of queue ${queue.name} not ensured (${when}): ${(err as Error).message}`);

  await ensure(true);
  const onReady = () => void ensure(true).catch(log('on reconnection'));
  o.connection.on('ready', onReady);
  // While Redis is away a pass waits for it: checks do not pile up behind it meanwhile.
  const check = () => void (inFlight === 0 && ensure().catch(log('periodic check')));
  const timer = setInterval(check, o.checkEveryMs ?? 20_000);
  timer.unref();

  return {
    ensure,
    close: () => {
      closed = true;
      clearInterval(timer);
      o.connection.off('ready', onReady);
    },
  };
}

/** The call-handling dependencies, built the same way by the web server and the worker. */
import type { Redis } from 'ioredis';
import type { CallCalendar, CallDeps, CallRecords, FollowUpsPort } from '../app/ports';
import type { Logger } from '../infra/logger';
import { redisLiveCalls } from '../infra/live-calls';
import { publishMessageEvent } from '../infra/message-events';
import { redisNamespace } from '../infra/redis';
import { redisParkingLot } from '../infra/parked-messages';
import { recordCall } from '../store/calls';
import { countContactCall, findContact } from '../store/contacts';
import { applyTranscription, insertMessage, mergeMessage } from '../store/messages';

/** The MongoDB repositories a call writes to. */
export const CALL_RECORDS: CallRecords = {
  insertMessage,
  mergeMessage,
  applyTranscription,
  recordCall,
  findContact,
  countContactCall,
};

export type CallDepsOptions = {
  redis: Redis;
  mongodbUri: string;
  logger: Logger;
  followUps: FollowUpsPort;
  now?: () => Date;
  records?: CallRecords;
  storeDeadlineMs?: number;
  calendar?: CallCalendar;
};

export function callDeps(o: CallDepsOptions): CallDeps {
  const namespace = redisNamespace(o.mongodbUri);
  return {
    logger: o.logger,
    now: o.now ?? (() => new Date()),
    liveCalls: redisLiveCalls(o.redis, { namespace }),
    records: o.records ?? CALL_RECORDS,
    followUps: o.followUps,
    publish: (event) => publishMessageEvent(o.redis, namespace, event),
    parking: redisParkingLot(o.redis, { namespace }),
    ...(o.storeDeadlineMs ? { storeDeadlineMs: o.storeDeadlineMs } : {}),
    ...(o.calendar ? { calendar: o.calendar } : {}),
  };
}

/** What the call-handling use cases need from the outside world, injected by the composition root. */
import type { Message } from '../store/messages';
import type { MessageEvent } from '../infra/message-events';
import type { Logger } from '../infra/logger';
import type { ReplyCache } from '../infra/reply-cache';
import type { CallStateCache } from '../infra/call-state-cache';

export type FollowUpsPort = {
  /** Queues the notifications of a newly complete message. Must not throw (a sweeper catches up). */
  messageStored(message: Message): Promise<void>;
};

export type CallDeps = {
  logger: Logger;
  followUps: FollowUpsPort;
  publish: (event: MessageEvent) => Promise<void>;
  /** Parks a fail-safe message when MongoDB is down; drained into MongoDB once it answers. */
  parkMessage: (payload: ParkedMessage) => Promise<void>;
  now: () => Date;
  /** The answers given to each turn of a live call, for Twilio's retries. */
  replies: ReplyCache;
  /** A fast copy of each live call's last saved state. */
  callStates: CallStateCache;
  /** Serialises the webhooks of one call across instances. */
  lock: <T>(callSid: string, work: () => Promise<T>) => Promise<T>;
};

export type ParkedMessage = {
  callSid: string;
  to: string;
  from: string;
  recording: { sid: string; url: string; durationSeconds: number };
  at: string;
};

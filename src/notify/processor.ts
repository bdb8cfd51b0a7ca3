/**
 * The `deliver` job: one notification to one channel. Reads the message and the client when it
 * runs (the job carries ids only), skips what is already sent or no longer wanted (an escalation
 * step after an acknowledgement), sends, and records every attempt in its delivery log entry.
 *
 * At most once: the entry is marked just before the request leaves and the mark is cleared with
 * the outcome. A job that finds the mark still set (its worker was killed between the provider's
 * acceptance and the record, or the provider never answered) asks the provider what it holds and
 * adopts it rather than sending again; if the provider cannot say, the job retries later, blind
 * sends never.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '../infra/logger';
import { clientForId } from '../app/client-cache';
import { recordingLink, type RecordingLinkKey } from '../app/recording-links';
import { NotFoundError } from '../domain/errors';
import { localDate, startOfLocalDay } from '../domain/zoned-time';
import { assignSmsRef } from '../store/message-follow-ups';
import { getMessage, type Message } from '../store/messages';
import type { Transports } from './channels';
import {
  deliveriesOf,
  findDelivery,
  markAttemptStarted,
  recordDelivery,
  type Delivery,
} from '../store/deliveries';
import { asDeliveryError, UnknownOutcomeError } from './errors';
import { isEscalation } from './keys';
import { lookupOf, prepare, transmit, type Outgoing } from './outgoing';
import type { DeliverJobData, SendResult } from './types';

/**
 * How much earlier than our mark the provider's clock may date what it created: its clock and
 * ours differ, and Twilio dates to the second.
 */
export const CLOCK_SKEW_MS = 30_000;

export type DeliverDeps = {
  transports: Transports;
  logger: Logger;
  publicBaseUrl: string;
  /** Key and lifetime of the signed recording links the notifications carry. */
  recordingLinks: RecordingLinkKey;
};

export type DeliverOutcome = (SendResult & { adopted?: true }) | { skipped: string };

export function deliverProcessor(deps: DeliverDeps) {
  return async (job: Job<DeliverJobData>): Promise<DeliverOutcome> => {
    const d = job.data;
    let message: Message;
    try {
      message = await getMessage(d.messageId);
    } catch (err) {
      if (err instanceof NotFoundError) return { skipped: 'message deleted' };
      throw err;
    }
    const entry = await findDelivery(d.key);
    if (entry?.status === 'sent') return { skipped: 'already sent' };
    const attempts = job.attemptsMade + 1;
    // Only a failure answered to this attempt's own request clears the mark: before it, the mark
    // is an earlier attempt's; after it (the record failed), the provider holds what was sent.
    let phase: 'before' | 'sending' | 'sent' = 'before';
    try {
      const client = await clientForId(message.clientId);
      if (message.urgent && d.channel === 'sms') {
        // The reference "OK 2" the client may answer with; ranked within the client's local day.
        const day = localDate(message.createdAt, client.timezone);
        message = await assignSmsRef(message, startOfLocalDay(day, client.timezone));
      }
      const request = prepare(d, {
        message,
        client,
        publicBaseUrl: deps.publicBaseUrl,
        recordingUrl: recordingLink(deps.publicBaseUrl, message, deps.recordingLinks),
      });
      if (entry?.attemptStartedAt) {
        const adopted = await findEarlierAttempt(request, entry, deps.transports);
        if (adopted) {
          await recordDelivery(d.messageId, d, {
            status: 'sent',
            attempts,
            providerId: adopted.providerId,
            lastError: null,
            attemptStartedAt: null,
          });
          deps.logger.info(`delivery ${d.key}: adopted ${adopted.providerId}, sent by an earlier attempt`);
          return { ...adopted, adopted: true };
        }
      }
      if (isEscalation(d.purpose) && message.acknowledgedAt) {
        await recordDelivery(d.messageId, d, {
          status: 'cancelled',
          lastError: 'acknowledged',
          attemptStartedAt: null,
        });
        return { skipped: 'acknowledged' };
      }
      await markAttemptStarted(d.messageId, d, new Date());
      phase = 'sending';
      const result = await transmit(request, deps.transports);
      phase = 'sent';
      await recordDelivery(d.messageId, d, {
        status: 'sent',
        attempts,
        providerId: result.providerId,
        lastError: null,
        attemptStartedAt: null,
      });
      return result;
    } catch (raw) {
      const err = asDeliveryError(raw);
      const final = err instanceof UnrecoverableError || attempts >= (job.opts.attempts ?? 1);
      const outcomeKnown = phase === 'sending' && !(err instanceof UnknownOutcomeError);
      await recordDelivery(d.messageId, d, {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: err.message,
        ...(outcomeKnown && { attemptStartedAt: null }),
      });
      deps.logger.warn(
        `delivery ${d.key} attempt ${attempts} failed${final ? ' for good' : ''}: ${err.message}`,
      );
      throw err;
    }
  };
}

/**
 * The provider's record of the unfinished attempt of `entry`, if it has one. Records that other
 * notifications of the message adopted or sent are left out: an escalation re-sends the same text.
 */
async function findEarlierAttempt(
  request: Outgoing,
  entry: Delivery,
  transports: Transports,
): Promise<SendResult | null> {
  if (!transports.findSent || !entry.attemptStartedAt) return null;
  const since = new Date(entry.attemptStartedAt.getTime() - CLOCK_SKEW_MS);
  const others = (await deliveriesOf(entry.messageId)).filter((e) => e.key !== entry.key);
  const exclude = new Set(others.flatMap((e) => (e.providerId ? [e.providerId] : [])));
  const lookup = lookupOf(request, since, exclude);
  return lookup ? transports.findSent(lookup) : null;
}

/**
 * Applies the engine's effects that live outside the Call document: the message (stored before
 * anything is queued, once per call) and the caller's contact card.
 */
import type { Effect, MessageRecord } from '../flow';
import type { Client } from '../store/clients';
import type { CallStep } from '../store/calls';
import { upsertContactName } from '../store/contacts';
import { attachTranscription, attachTranscriptionByRecording, upsertMessage } from '../store/messages';
import type { CallDeps } from './ports';

export function stepsOf(effects: Effect[]): CallStep[] {
  return effects.flatMap((e) =>
    e.type === 'step' ? [{ name: e.name, detail: e.detail, at: new Date(e.at) }] : [],
  );
}

export function outcomeOf(effects: Effect[]) {
  return effects.reduce<Extract<Effect, { type: 'set-outcome' }>['outcome'] | undefined>(
    (found, e) => (e.type === 'set-outcome' ? e.outcome : found),
    undefined,
  );
}

async function storeMessage(client: Client, record: MessageRecord, deps: CallDeps): Promise<void> {
  const { message, created } = await upsertMessage({
    key: record.key,
    clientId: client.id,
    callSid: record.callSid,
    callerName: record.callerName ?? '',
    callerNumber: record.callerNumber,
    callbackNumber: record.callbackNumber ?? record.callerNumber,
    reason: record.reason ?? '',
    urgent: record.urgent,
    summary: record.summary,
    recording: record.recording ?? null,
  });
  if (record.callerName) await upsertContactName(client.id, record.callerNumber, record.callerName);
  if (record.final && !message.queuedAt) await deps.followUps.messageStored(message);
  await deps
    .publish({
      type: created ? 'message.created' : 'message.updated',
      messageId: message.id,
      clientId: client.id,
      urgent: message.urgent,
    })
    .catch((err: Error) => deps.logger.warn(`could not publish message event: ${err.message}`));
}

export async function applyMessageEffects(client: Client, effects: Effect[], deps: CallDeps): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'store-message') await storeMessage(client, effect.message, deps);
    if (effect.type === 'update-message-transcription') {
      const updated =
        (await attachTranscription(effect.key, effect.text)) ??
        (effect.recordingSid ? await attachTranscriptionByRecording(effect.recordingSid, effect.text) : null);
      if (updated) {
        await deps
          .publish({
            type: 'message.updated',
            messageId: updated.id,
            clientId: updated.clientId,
            urgent: updated.urgent,
          })
          .catch(() => undefined);
      }
    }
  }
}

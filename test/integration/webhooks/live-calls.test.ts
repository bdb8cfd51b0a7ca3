/**
 * Live calls in Redis: what a webhook costs (Redis round trips), calls whose end never came, and
 * parked messages drained by several instances at once.
 */
import { closeIdleCalls } from '../../../src/app/call-end';
import { drainParkedMessages } from '../../../src/app/failsafe-messages';
import type { CallDeps, ParkedEntry } from '../../../src/app/ports';
import { redisParkingLot } from '../../../src/infra/parked-messages';
import { createRedis } from '../../../src/infra/redis';
import { createClient, type Client } from '../../../src/store/clients';
import { CallModel, MessageModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { pathOf, useWebhookService } from './harness';

const CLIENT_NUMBER = '+33180000721';
/** Monday 2 March 2026, 10:00 in Paris: open. */
const NOW = new Date('2026-03-02T09:00:00Z');

useTestDatabase(__filename);
const svc = useWebhookService(__filename, { now: () => NOW });
let client: Client;

beforeAll(async () => {
  client = await createClient({
    name: 'Plomberie Dupuis',
    numbers: [CLIENT_NUMBER],
    weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] },
  });
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

async function incoming(callSid: string, from: string): Promise<Verb> {
  const res = await svc
    .post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER))
    .expect(200);
  return parseTwiml(res.text);
}

describe('Redis round trips', () => {
  it('when a call is answered and each menu answer applied, then each webhook makes at most two round trips to Redis', async () => {
    const redis = svc.web().redis;
    // Warm up: the scripts are loaded once per connection (EVALSHA falls back to EVAL the first time).
    await incoming(newCallSid(), '+33655560000');
    const local = `127.0.0.1:${redis.stream.localPort}`;
    const monitor = await createRedis(svc.config().redisUrl, 'blocking').monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === local) seen.push(String(args[0]).toLowerCase());
    });
    try {
      const callSid = newCallSid();
      const from = '+33655560001';
      const perWebhook: number[] = [];
      let twiml = await incoming(callSid, from);
      await new Promise((resolve) => setTimeout(resolve, 100));
      perWebhook.push(seen.splice(0).length);
      const answers: Record<string, string>[] = [
        { Digits: '2' },
        { SpeechResult: 'Jeanne Durand', Confidence: '0.9' },
      ];
      for (const answer of answers) {
        const gather = find(twiml, 'Gather')[0]!;
        twiml = parseTwiml(
          (await svc.post(pathOf(gather.attrs.action!), voiceParams(callSid, from, CLIENT_NUMBER, answer)))
            .text,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        perWebhook.push(seen.splice(0).length);
      }
      expect(perWebhook).toEqual([2, 2, 2]);
    } finally {
      monitor.disconnect();
    }
  });
});

describe('a call whose end Twilio never reported', () => {
  it('when it stays idle past the limit, then it goes on record as abandoned with its steps and leaves Redis', async () => {
    const callSid = newCallSid();
    const twiml = await incoming(callSid, '+33655560002');
    await svc
      .post(
        pathOf(find(twiml, 'Gather')[0]!.attrs.action!),
        voiceParams(callSid, '+33655560002', CLIENT_NUMBER, { Digits: '2' }),
      )
      .expect(200);
    const deps: CallDeps = { ...svc.web().calls, now: () => new Date(Date.now() + 5 * 3600_000) };

    expect(await closeIdleCalls(deps, 4 * 3600_000)).toBeGreaterThanOrEqual(1);

    const call = await CallModel.findById(callSid).lean();
    expect(call).toMatchObject({ outcome: 'abandoned', status: 'unknown', from: '+33655560002' });
    expect(call!.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['start', 'name', 'hangup']));
    expect(await svc.web().calls.liveCalls.peek(callSid)).toBeNull();
    expect(await closeIdleCalls(deps, 4 * 3600_000)).toBe(0);
  });
});

describe('parked messages', () => {
  const parked = (i: number): ParkedEntry => ({
    kind: 'message',
    id: `parked-${i}`,
    parkedAt: new Date().toISOString(),
    message: {
      key: `message:CAparked${String(i).padStart(4, '0')}`,
      clientId: client.id,
      callSid: `CAparked${String(i).padStart(4, '0')}`,
      callerName: `Appelant ${i}`,
      callerNumber: '+33655560100',
      callbackNumber: '+33655560100',
      reason: 'Rappel',
      urgent: false,
      summary: `Message ${i}`,
    },
  });

  it('when two instances drain at once, then every parked message is stored exactly once', async () => {
    const deps = svc.web().calls;
    for (let i = 0; i < 30; i += 1) await deps.parking.park(parked(i));
    const notifiedBefore = svc.notified.length;

    const [a, b] = await Promise.all([drainParkedMessages(deps), drainParkedMessages(deps)]);

    expect(a + b).toBe(30);
    expect(await deps.parking.size()).toBe(0);
    const stored = await MessageModel.find({ callSid: /^CAparked/ }).lean();
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((m) => m.callSid)).size).toBe(30);
    expect(svc.notified.length - notifiedBefore).toBe(30);
  });

  it('when a drainer dies holding an entry, then another drainer stores it once the lease runs out', async () => {
    const redis = svc.web().redis;
    const namespace = `lease-test-${process.pid}`;
    const lot = redisParkingLot(redis, { namespace, leaseMs: 200 });
    const deps: CallDeps = { ...svc.web().calls, parking: lot };
    await lot.park(parked(100));
    const dead = await lot.claim();
    expect(dead).not.toBeNull();
    // The claimed entry is neither lost nor handed out twice while its lease runs.
    expect(await lot.size()).toBe(1);
    expect(await lot.claim()).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await drainParkedMessages(deps)).toBe(1);
    expect(await lot.size()).toBe(0);
    expect(await MessageModel.countDocuments({ callSid: 'CAparked0100' })).toBe(1);
  });
});

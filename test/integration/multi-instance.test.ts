/**
 * Several instances at once: two web processes (`npm start`) and two workers (`npm run worker`),
 * real processes on one FerretDB and one Redis, with Twilio's REST API played by a local stand-in.
 * Twilio sees one public URL (a load balancer in front), so a call's webhooks land on either web
 * instance. The test shows that
 *   - a client edited through one instance is served fresh by the other within a second;
 *   - a message parked in Redis while the database is frozen (SIGSTOP) or stopped is stored
 *     exactly once, whichever instance drains it;
 *   - live list events reach an assistant connected to either instance;
 *   - every planned notification reaches Twilio exactly once.
 * The stores are private to this test: it freezes and restarts its FerretDB without disturbing the
 * other test files. It prints its figures (latencies, counts) at the end.
 */
import type { Redis } from 'ioredis';
import { redisParkingLot } from '../../src/infra/parked-messages';
import { createRedis } from '../../src/infra/redis';
import { redisNamespace } from '../../src/infra/redis';
import type { Client } from '../../src/store/clients';
import { MessageModel } from '../../src/store/models';
import { connectMongo, disconnectMongo } from '../../src/store/mongo';
import { createUser } from '../../src/store/users';
import { freePort } from '../../scripts/lib/services';
import { startTwilioStandIn, type TwilioStandIn } from '../../scripts/lib/twilio-stand-in';
import { newCallSid } from '../helpers/twilio';
import { waitFor } from './notify/helpers';
import { problems, startProcess, startStores, type Proc, type Stores } from './multi-instance/cluster';
import {
  adminApi,
  openEvents,
  signIn,
  twilioSide,
  type Call,
  type EventStream,
  type Instance,
} from './multi-instance/drive';

const PUBLIC_BASE_URL = 'https://receptionist.multi.test';
const ACCOUNT_SID = 'AC5e1f0a2b3c4d5e6f708192a3b4c5d6e7';
const AUTH_TOKEN = 'multi-instance-auth-token-0123456789';
const ADMIN_TOKEN = 'multi-instance-admin-token-0123456789';
const CLIENT_NUMBER = '+33180000990';
const SMS_TO = ['+33611000001', '+33611000002'];
/** The recipients an admin sets before the parked calls: the workers must use them at once. */
const SMS_TO_LATER = ['+33611000003', '+33611000004'];
const ASSISTANT = { email: 'veille@multi.test', password: 'correct horse battery' };
/** Calls of the notification round, spread over both instances, this many at a time. */
const CALLS = 40;
const IN_FLIGHT = 4;
/** Calls whose final webhook meets a frozen database. */
const PARKED_CALLS = 6;
/**
 * What the issue asks: an edit served by every instance within a second. Measured from the edit's
 * answer to the answer of the first greeting that has it, so the greeting call's own time (20-150 ms
 * here on two loaded cores) counts against it; the change itself crosses Redis in a few ms, and the
 * runs so far saw 19-170 ms in all.
 */
const FRESHNESS_MS = 1000;

let stores: Stores;
let standIn: TwilioStandIn;
const procs: Proc[] = [];
let A: Instance;
let B: Instance;
let redis: Redis;
let client: Client;
let streams: { on: Instance; stream: EventStream }[] = [];
const figures: string[] = [];
const twilio = twilioSide(PUBLIC_BASE_URL, AUTH_TOKEN);

let fromSeq = 0;
const newCall = (): Call => ({
  callSid: newCallSid(),
  from: `+3362${String(++fromSeq).padStart(7, '0')}`,
  to: CLIENT_NUMBER,
});

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const spread = (values: number[]): string =>
  `p50 ${Math.round(percentile(values, 50))} ms, p95 ${Math.round(percentile(values, 95))} ms, max ${Math.round(Math.max(...values))} ms`;

beforeAll(async () => {
  stores = await startStores('multi-instance', 'multi');
  standIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: stores.mongodbUri,
    REDIS_URL: stores.redisUrl,
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_BASE_URL: standIn.url,
    ADMIN_API_TOKEN: ADMIN_TOKEN,
    SESSION_SECRET: 'multi-instance-session-secret-0123456789',
  };
  const [portA, portB] = [await freePort(), await freePort()];
  A = { name: 'web-a', port: portA };
  B = { name: 'web-b', port: portB };
  const started = Date.now();
  const web = /web server listening/;
  const worker = /worker started/;
  const results = await Promise.allSettled([
    startProcess('web-a', 'src/main/server.ts', { ...common, PORT: String(portA) }, web),
    startProcess('web-b', 'src/main/server.ts', { ...common, PORT: String(portB) }, web),
    startProcess('worker-1', 'src/main/worker.ts', common, worker),
    startProcess('worker-2', 'src/main/worker.ts', common, worker),
  ]);
  for (const r of results) if (r.status === 'fulfilled') procs.push(r.value);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  figures.push(`4 processes (2 web, 2 workers) ready in ${Date.now() - started} ms`);

  await connectMongo(stores.mongodbUri);
  redis = createRedis(stores.redisUrl);
  client = await adminApi<Client>(A, ADMIN_TOKEN, 'POST', '/clients', {
    name: 'Cabinet Multi',
    numbers: [CLIENT_NUMBER],
    timezone: 'Europe/Paris',
    notifications: { sms: { enabled: true, to: SMS_TO } },
  });
  await createUser({ ...ASSISTANT, name: 'Veille', role: 'assistant', clientIds: [client.id] });
  // One sign-in: the session lives in Redis, so the same cookie opens the stream on both instances.
  const cookie = await signIn(B, ASSISTANT.email, ASSISTANT.password);
  streams = [
    { on: A, stream: await openEvents(A, cookie) },
    { on: B, stream: await openEvents(B, cookie) },
  ];
}, 180_000);

afterAll(async () => {
  for (const { stream } of streams) stream.close();
  await Promise.all(procs.map((p) => p.stop()));
  for (const p of procs) {
    const lines = problems(p);
    const parked = lines.filter((line) => /not stored in time; parking it/.test(line)).length;
    if (parked) figures.push(`${p.name} parked ${parked} message(s) in all (insert slower than 600 ms)`);
    if (lines.length)
      figures.push(`${p.name} logged ${lines.length} warning/error line(s), e.g. ${lines[0]}`);
  }
  redis?.disconnect();
  await disconnectMongo();
  await standIn?.close();
  await stores?.stop();
  console.log(`multi-instance figures:\n  ${figures.join('\n  ')}`);
}, 60_000);

/** Waits until both streams received `message.created` for each of `ids`; says what they got if not. */
async function createdOnBoth(ids: string[], what: string): Promise<void> {
  const missing = () =>
    streams.flatMap(({ on, stream }) => {
      const absent = ids.filter(
        (id) => !stream.events.some((e) => e.type === 'message.created' && e.id === id),
      );
      if (absent.length === 0) return [];
      const got = stream.events.filter((e) => ids.includes(e.id)).map((e) => `${e.type} ${e.id}`);
      return [`${on.name} lacks ${absent.length}/${ids.length} (received: ${got.join(', ') || 'nothing'})`];
    });
  try {
    await waitFor(async () => missing().length === 0, what, 10_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}: ${missing().join('; ')}`);
  }
}

/** The SMS that reached the stand-in for a message (its link names it), by recipient. */
function smsTo(messageId: string): string[] {
  return standIn.messages.filter((m) => m.body.includes(`/messages/${messageId}`)).map((m) => m.to);
}

describe('two web instances and two workers on the same stores', () => {
  it('when a client is edited through one instance, then the other greets with the new profile within a second', async () => {
    const delays: number[] = [];
    for (let round = 1; round <= 4; round += 1) {
      const [editOn, callOn] = round % 2 === 1 ? [A, B] : [B, A];
      // The other instance holds the current profile in its cache (kept 15 s unless told).
      const before = await twilio.greet(callOn, newCall().from, CLIENT_NUMBER);
      const greeting = `Bonjour, ici l'accueil numéro ${round} du cabinet.`;
      expect(before).not.toContain(greeting);

      await adminApi(editOn, ADMIN_TOKEN, 'PATCH', `/clients/${client.id}`, { greeting });
      const edited = Date.now();
      let heard = '';
      while (!heard.includes(greeting) && Date.now() - edited < FRESHNESS_MS) {
        heard = await twilio.greet(callOn, newCall().from, CLIENT_NUMBER);
      }
      const delay = Date.now() - edited;
      expect(heard).toContain(greeting);
      expect(delay).toBeLessThanOrEqual(FRESHNESS_MS);
      delays.push(delay);
    }
    figures.push(
      `client edits: 4 (2 each way); new greeting heard on the other instance after ${delays.join(', ')} ms (bound ${FRESHNESS_MS} ms, measured from the PATCH answer to the first greeting call that had it)`,
    );
  }, 60_000);

  it(`when ${CALLS} calls hop between the instances, then each message is stored once, shown live on both, and notified once`, async () => {
    const calls = Array.from({ length: CALLS }, newCall);
    const outcomes: Awaited<ReturnType<typeof twilio.leaveMessage>>[] = [];
    const timings = new Map<string, number[]>([
      [A.name, []],
      [B.name, []],
    ]);
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < calls.length) {
          const i = next++;
          // Webhook s of call i goes to instance (i + s) mod 2: no call stays on one instance.
          const route = (step: number) => ((i + step) % 2 === 0 ? A : B);
          const call = calls[i]!;
          const outcome = await twilio.leaveMessage({ ...call, route });
          await twilio.hangUp(route(7), call);
          outcomes[i] = outcome;
          outcome.timings.forEach((ms, step) => timings.get(route(step).name)!.push(ms));
        }
      }),
    );
    const callsMs = Date.now() - started;
    for (const o of outcomes) expect(o.lastWords).toMatch(/message a bien été transmis/);
    expect(new Set(outcomes.map((o) => o.storedBy.name))).toEqual(new Set([A.name, B.name]));

    const messages = await MessageModel.find({
      clientId: client.id,
      callSid: { $in: calls.map((c) => c.callSid) },
    }).lean();
    expect(messages.map((m) => m.callSid).sort()).toEqual(calls.map((c) => c.callSid).sort());
    const ids = messages.map((m) => String(m._id));

    await createdOnBoth(ids, 'message.created on both instances for every message');
    await waitFor(
      async () => ids.every((id) => smsTo(id).length >= SMS_TO.length),
      'every SMS at the stand-in',
      30_000,
    );
    // Anything sent twice would arrive now, if at all.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const id of ids) expect(smsTo(id).sort()).toEqual([...SMS_TO].sort());

    const confirmedAt = new Map(
      messages.map((m) => [
        String(m._id),
        outcomes[calls.findIndex((c) => c.callSid === m.callSid)]!.confirmedAt,
      ]),
    );
    const smsDelays = standIn.messages
      .filter((m) => ids.some((id) => m.body.includes(id)))
      .map((m) => m.dateCreated.getTime() - confirmedAt.get(/\/messages\/([0-9a-f]{24})/.exec(m.body)![1]!)!);
    figures.push(
      `${CALLS} calls (${IN_FLIGHT} at a time, webhooks alternating between instances) in ${callsMs} ms; messages stored by web-a ${outcomes.filter((o) => o.storedBy === A).length}, by web-b ${outcomes.filter((o) => o.storedBy === B).length}`,
      `webhook latency: web-a ${spread(timings.get(A.name)!)}; web-b ${spread(timings.get(B.name)!)}`,
      ...streams.map(({ on, stream }) => {
        const lags = stream.events
          .filter((e) => e.type === 'message.created' && confirmedAt.has(e.id))
          .map((e) => e.at - confirmedAt.get(e.id)!);
        return `live events on ${on.name}: ${lags.length} message.created, after the confirmation webhook ${spread(lags)}`;
      }),
      `SMS at the stand-in: ${smsDelays.length} for ${ids.length} messages × ${SMS_TO.length} recipients, none twice; after the confirmation ${spread(smsDelays)}`,
    );
  }, 120_000);

  it(`when the database freezes during ${PARKED_CALLS} final webhooks, then each message is parked, stored once, shown live and notified once`, async () => {
    // New recipients, edited on web-b: every process reads the client again, so the calls below
    // meet a warm profile cache on both instances (no read of the frozen database), and the workers
    // must send to the new numbers.
    await adminApi(B, ADMIN_TOKEN, 'PATCH', `/clients/${client.id}`, {
      notifications: { sms: { to: SMS_TO_LATER } },
    });
    const outage = await confirmDuringOutage(stores.pauseMongo, stores.resumeMongo);
    const after = await storedOnceShownAndNotified(outage.calls, SMS_TO_LATER);
    figures.push(
      `frozen: ${PARKED_CALLS} confirmations answered while FerretDB was frozen (SIGSTOP for ${outage.outageMs} ms, confirmation webhook ${spread(outage.confirmMs)}); ${outage.parked} parked; lot empty ${after.drainedMs} ms after SIGCONT; ${after.messages} messages, ${after.sms} SMS, none twice`,
    );
  }, 120_000);

  it(`when the database is down during ${PARKED_CALLS} final webhooks and comes back, then the drains store each message once, shown live and notified once`, async () => {
    // Every process reads the client again: the calls below meet a warm profile cache.
    await adminApi(A, ADMIN_TOKEN, 'PATCH', `/clients/${client.id}`, { greeting: '' });
    const outage = await confirmDuringOutage(stores.stopMongo, stores.restartMongo);
    const after = await storedOnceShownAndNotified(outage.calls, SMS_TO_LATER);
    figures.push(
      `down: ${PARKED_CALLS} confirmations answered while FerretDB was stopped (${outage.outageMs} ms, confirmation webhook ${spread(outage.confirmMs)}); ${outage.parked} parked; lot empty ${after.drainedMs} ms after the restart; ${after.messages} messages, ${after.sms} SMS, none twice`,
    );
  }, 120_000);
});

/**
 * Takes PARKED_CALLS calls (webhooks alternating between the instances) up to their final
 * confirmation; once all are there, `outage` takes the database away, they all confirm (so their
 * messages are parked), `recover` brings it back and the callers hang up.
 */
async function confirmDuringOutage(
  outage: () => void | Promise<void>,
  recover: () => void | Promise<void>,
): Promise<{ calls: Call[]; parked: number; outageMs: number; confirmMs: number[] }> {
  const parking = redisParkingLot(redis, { namespace: redisNamespace(stores.mongodbUri) });
  // A loaded machine may have parked a message of the round before: let the drains take it first.
  await waitFor(async () => (await parking.size()) === 0, 'the parking lot empty at the start', 40_000);
  const calls = Array.from({ length: PARKED_CALLS }, newCall);
  let waiting = 0;
  let outageAt = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const beforeConfirm = async () => {
    waiting += 1;
    if (waiting === PARKED_CALLS) {
      await outage();
      outageAt = Date.now();
      release();
    }
    await released;
  };
  let outcomes: Awaited<ReturnType<typeof twilio.leaveMessage>>[];
  let parked: number;
  try {
    outcomes = await Promise.all(
      calls.map((call, i) =>
        twilio.leaveMessage({ ...call, route: (step) => ((i + step) % 2 === 0 ? A : B) }, beforeConfirm),
      ),
    );
    parked = await parking.size();
  } finally {
    await recover();
  }
  const outageMs = Date.now() - outageAt;
  for (const o of outcomes) expect(o.lastWords).toMatch(/message a bien été transmis/);
  expect(parked).toBe(PARKED_CALLS);
  await Promise.all(calls.map((call, i) => twilio.hangUp(i % 2 === 0 ? A : B, call)));
  return { calls, parked, outageMs, confirmMs: outcomes.map((o) => o.timings.at(-1)!) };
}

/** Waits for both instances to drain the parking lot, then checks each call's message end to end. */
async function storedOnceShownAndNotified(
  calls: Call[],
  recipients: string[],
): Promise<{ drainedMs: number; messages: number; sms: number }> {
  const parking = redisParkingLot(redis, { namespace: redisNamespace(stores.mongodbUri) });
  const started = Date.now();
  // Each web instance drains every 15 s; late inserts may land first.
  await waitFor(async () => (await parking.size()) === 0, 'the parking lot drained', 45_000);
  const drainedMs = Date.now() - started;
  const messages = await MessageModel.find({ callSid: { $in: calls.map((c) => c.callSid) } }).lean();
  expect(messages.map((m) => m.callSid).sort()).toEqual(calls.map((c) => c.callSid).sort());
  for (const m of messages) expect(m).toMatchObject({ callerName: 'Jeanne Durand', status: 'new' });
  const ids = messages.map((m) => String(m._id));

  await createdOnBoth(ids, 'message.created on both instances for every parked message');
  await waitFor(
    async () => ids.every((id) => smsTo(id).length >= recipients.length),
    'every SMS at the stand-in',
    30_000,
  );
  // Anything sent twice would arrive now, if at all.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const id of ids) expect(smsTo(id).sort()).toEqual([...recipients].sort());
  return { drainedMs, messages: messages.length, sms: ids.length * recipients.length };
}

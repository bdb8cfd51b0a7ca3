/**
 * "Slot taken meanwhile", end to end: while one caller listens to the recap, a second caller books
 * the same slot through the service; the first caller's confirmation then hears that it was just
 * taken, is offered the next slots, picks one without giving name and number again, and is booked.
 * Two simulated calls against the real service (in-process, real FerretDB and Redis), the demo
 * practice on its built-in book, the clock pinned.
 */
import { createServer } from 'node:net';
import mongoose from 'mongoose';
import { invalidateClientCache } from '../../src/app/client-cache';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../src/main/runtime';
import { findCallRecord } from '../../src/store/calls';
import { createClient } from '../../src/store/clients';
import { MessageModel } from '../../src/store/models';
import { DEMO_CLIENT } from '../../scripts/lib/seed';
import { simulateCall, type CallerStep } from '../../scripts/simulator/index';
import { redisUrl, testDatabaseUri } from '../helpers/db';

/** Wednesday 18 March 2026, 10:00 in Paris. */
const AT = new Date('2026-03-18T10:00:00+01:00');
const DEMO_NUMBER = DEMO_CLIENT.numbers[0]!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const BOOK_FIRST_SLOT: CallerStep[] = [
  { kind: 'say', text: 'Je voudrais prendre rendez-vous pour une consultation' },
  { kind: 'press', digits: '1' },
  { kind: 'say', text: 'Jeanne Dupont' },
  { kind: 'press', digits: '1' },
  { kind: 'press', digits: '1' },
];

describe('a slot taken while the caller confirms', () => {
  let web: WebRuntime;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = parseEnv({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      MONGODB_URI: testDatabaseUri(__filename),
      REDIS_URL: redisUrl(),
    });
    web = await startWeb(config, {
      logger: createLogger({ level: 'error', json: true }),
      host: '127.0.0.1',
      now: () => AT,
      followUps: { messageStored: async () => undefined },
      webhookDeadlineMs: 8000,
    });
    await mongoose.connection.db!.dropDatabase();
    await Promise.all(Object.values(mongoose.models).map((m) => m.syncIndexes()));
    invalidateClientCache();
    await createClient(DEMO_CLIENT);
  });

  afterAll(async () => {
    await web?.stop();
  });

  const place = (from: string, caller: CallerStep[], fetchImpl?: typeof fetch) =>
    simulateCall({
      to: DEMO_NUMBER,
      from,
      caller,
      baseUrl,
      publicBaseUrl: baseUrl,
      accountSid: web.config.twilio.accountSid,
      authToken: web.config.twilio.authToken,
      mediaBaseUrl: web.config.twilio.mediaBaseUrl,
      env: { NODE_ENV: 'test' },
      ...(fetchImpl ? { fetchImpl } : {}),
    });

  it('when another caller books the slot first, then the next slots are offered and one is booked', async () => {
    let other: Awaited<ReturnType<typeof place>> | undefined;
    // The first caller's "1" at the recap waits until a second caller has booked the same slot.
    const meanwhile: typeof fetch = async (input, init) => {
      if (!other && String(input).includes('/webhooks/voice/appointment-confirm')) {
        other = await place('+33620000402', BOOK_FIRST_SLOT);
      }
      return fetch(input, init);
    };
    const first = await place(
      '+33620000401',
      [...BOOK_FIRST_SLOT, { kind: 'press', digits: '1' }, { kind: 'press', digits: '1' }],
      meanwhile,
    );
    const heard = (r: typeof first) => r.heard.map((h) => h.text).join(' ');

    const booked = (r: typeof first) => /C'est noté : consultation ([^.]+)\./.exec(heard(r))?.[1];
    const firstHeard = heard(first);
    expect(firstHeard).toContain("Ce créneau vient d'être pris. Je peux vous proposer");
    // Name and number are not asked again after the slot was taken.
    expect(firstHeard.match(/À quel nom/g)).toHaveLength(1);
    expect(firstHeard.match(/par SMS au/g)).toHaveLength(1);
    expect(booked(other!)).toBe("aujourd'hui à 11 h");
    expect(booked(first)).toBeDefined();
    expect(booked(first)).not.toBe(booked(other!));
    expect(first.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect((await findCallRecord(first.callSid))?.outcome).toBe('appointment');
    expect((await findCallRecord(other!.callSid))?.outcome).toBe('appointment');
    expect(await MessageModel.countDocuments({ callSid: first.callSid })).toBe(0);
  });
});

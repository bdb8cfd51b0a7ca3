/**
 * Every scenario of test/fixtures/scenarios, placed by the caller simulator against the real service
 * (in-process, real FerretDB and Redis), with the service's clock pinned to the scenario's `at`.
 * Checks what the caller heard (the simulator's own expectations), that Twilio would reject nothing,
 * and what MongoDB holds afterwards (`expect.stored`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { invalidateClientCache } from '../../src/app/client-cache';
import { parseEnv } from '../../src/config/env';
import type { ClientProfileInput } from '../../src/flow/profile';
import { createLogger } from '../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../src/main/runtime';
import { findCallRecord } from '../../src/store/calls';
import { createClient, type Client } from '../../src/store/clients';
import { toMessage } from '../../src/store/messages';
import { MessageModel } from '../../src/store/models';
import { DEMO_CLIENT } from '../../scripts/lib/seed';
import { simulateCall } from '../../scripts/simulator/index';
import {
  callerSteps,
  checkExpectations,
  checkStored,
  loadScenario,
  type Scenario,
  type StoredCall,
} from '../../scripts/simulator/scenario';
import { redisUrl, testDatabaseUri } from '../helpers/db';

const SCENARIOS = path.resolve(__dirname, '../fixtures/scenarios');
const CLIENTS = path.resolve(__dirname, '../fixtures/clients');

/** Sorted, so that a scenario relying on an earlier one's effect (known-caller-1, -2) runs after it. */
const files = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json'))
  .sort();
const titled = files.map((file) => {
  const raw = JSON.parse(readFileSync(path.join(SCENARIOS, file), 'utf8')) as { name?: string };
  return { file, title: raw.name ?? file };
});

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

describe('call scenarios against the real service', () => {
  let web: WebRuntime;
  let baseUrl: string;
  /** The service's clock: the scenario's `at`, or the real time when it has none. */
  let pinned: Date | null = null;
  const clients = new Map<string, Client>();

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
      now: () => pinned ?? new Date(),
      followUps: { messageStored: async () => undefined },
      // A loaded CI machine must not turn a slow answer into the fail-safe path, nor answer a
      // status callback before what it stores is written: these scenarios check both.
      webhookDeadlineMs: 8000,
    });
    await mongoose.connection.db!.dropDatabase();
    await Promise.all(Object.values(mongoose.models).map((m) => m.syncIndexes()));
    invalidateClientCache();
    clients.set('demo', await createClient(DEMO_CLIENT));
    for (const file of readdirSync(CLIENTS).filter((f) => f.endsWith('.json'))) {
      const profile = JSON.parse(readFileSync(path.join(CLIENTS, file), 'utf8')) as ClientProfileInput;
      clients.set(path.basename(file, '.json'), await createClient(profile));
    }
  });

  afterAll(async () => {
    await web?.stop();
  });

  async function storedFor(callSid: string): Promise<StoredCall> {
    const doc = await MessageModel.findOne({ callSid }).lean();
    const message = doc ? toMessage(doc as never) : null;
    const call = await findCallRecord(callSid);
    return {
      message: message && {
        callerName: message.callerName,
        reason: message.reason,
        urgent: message.urgent,
        callbackNumber: message.callbackNumber,
        recording: message.recording,
      },
      outcome: call ? call.outcome : null,
    };
  }

  function checkClient(scenario: Scenario): void {
    if (!scenario.client) return;
    const client = clients.get(scenario.client);
    if (!client) throw new Error(`no fixture client test/fixtures/clients/${scenario.client}.json`);
    if (!client.numbers.includes(scenario.to)) {
      throw new Error(`"to" ${scenario.to} is not a number of the fixture client ${scenario.client}`);
    }
  }

  it.each(titled)('$title', async ({ file }) => {
    const scenario = await loadScenario(path.join(SCENARIOS, file));
    checkClient(scenario);
    pinned = scenario.at ? new Date(scenario.at) : null;
    const report = await simulateCall({
      to: scenario.to,
      from: scenario.from,
      caller: callerSteps(scenario),
      silent: scenario.silent,
      callees: scenario.callee,
      baseUrl,
      publicBaseUrl: baseUrl,
      accountSid: web.config.twilio.accountSid,
      authToken: web.config.twilio.authToken,
      mediaBaseUrl: web.config.twilio.mediaBaseUrl,
      env: { NODE_ENV: 'test' },
    });
    const stored = await storedFor(report.callSid);
    // One assertion, so a failing scenario shows everything it missed at once.
    expect({
      file,
      twilioWouldReject: report.problems.filter((p) => p.severity === 'error').map((p) => p.message),
      expectations: checkExpectations(scenario, report),
      stored: checkStored(scenario, stored),
    }).toEqual({ file, twilioWouldReject: [], expectations: [], stored: [] });
  });
});

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { simulateCall } from '../../../scripts/simulator/index';
import {
  callerSteps,
  checkExpectations,
  checkStored,
  loadScenario,
  scenarioSchema,
  scenarioWarnings,
  type StoredCall,
} from '../../../scripts/simulator/scenario';
import { startFakeService, twiml, type FakeService } from './fake-service';

const DIR = path.resolve(__dirname, '../../fixtures/scenarios');

describe('scenario files', () => {
  it.each(readdirSync(DIR).filter((f) => f.endsWith('.json')))('%s matches the schema', async (file) => {
    await expect(loadScenario(path.join(DIR, file))).resolves.toHaveProperty('to');
  });

  it('rejects unknown fields and bad callee behaviours', () => {
    const base = { from: '+33612345678', to: '+33180000000' };
    expect(scenarioSchema.safeParse({ ...base, colour: 'red' }).success).toBe(false);
    expect(scenarioSchema.safeParse({ ...base, callee: ['perhaps'] }).success).toBe(false);
    expect(scenarioSchema.safeParse({ ...base, caller: [{ press: '1', say: 'x' }] }).success).toBe(false);
  });
});

describe('checking expectations', () => {
  let service: FakeService;
  beforeEach(async () => {
    service = await startFakeService();
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml('<Gather action="menu"><Say>Bonjour, pour une urgence tapez 2</Say></Gather>'),
    );
    service.routes.set(
      '/webhooks/voice/menu',
      twiml('<Dial action="done"><Number url="whisper">+33600000001</Number></Dial>'),
    );
    service.routes.set('/webhooks/voice/whisper', twiml('<Say>Appel urgent</Say>'));
    service.routes.set('/webhooks/voice/done', twiml('<Hangup/>'));
  });
  afterEach(() => service.close());

  const run = async (raw: object) => {
    const scenario = scenarioSchema.parse({ from: '+33612345678', to: '+33180000000', ...raw });
    const report = await simulateCall({
      to: scenario.to,
      from: scenario.from,
      caller: callerSteps(scenario),
      callees: scenario.callee,
      baseUrl: service.baseUrl,
      env: {},
    });
    return checkExpectations(scenario, report);
  };

  it('passes when outcome, heard phrases (accents ignored) and paths match', async () => {
    const failures = await run({
      caller: [{ press: '2' }],
      callee: ['answer'],
      expect: {
        outcome: 'transferred',
        heard: ['bonjour', 'URGENCE'],
        calleeHeard: ['appel urgent'],
        transferredTo: '+33600000001',
        requests: { include: ['/webhooks/voice/incoming', '/webhooks/voice/done', '/webhooks/voice/status'] },
      },
    });

    expect(failures).toEqual([]);
  });

  it('lists every expectation that fails', async () => {
    const failures = await run({
      caller: [{ press: '2' }],
      callee: ['busy'],
      expect: { outcome: 'transferred', heard: ['au revoir'], requests: { max: 2 } },
    });

    expect(failures).toEqual([
      'outcome is hangup, expected transferred',
      'the caller did not hear "au revoir"',
      expect.stringContaining('expected at most 2'),
    ]);
  });
});

describe('pinned clock, fixture client and stored expectations', () => {
  const base = { from: '+33612345678', to: '+33180000000' };
  const stored: StoredCall = {
    message: {
      callerName: 'Camille Martin',
      reason: 'Un dégât des eaux au sous-sol',
      urgent: true,
      callbackNumber: '+33612345678',
      recording: null,
    },
    outcome: 'message',
  };

  it('accepts at, client and expect.stored, and stays compatible with files without them', () => {
    const parsed = scenarioSchema.parse({
      ...base,
      at: '2026-03-16T10:00:00+01:00',
      client: 'english-office',
      expect: { stored: { message: { urgent: true }, outcome: 'message' } },
    });
    expect(parsed.at).toBe('2026-03-16T10:00:00+01:00');
    expect(parsed.expect.stored).toEqual({ message: { urgent: true }, outcome: 'message' });
    const plain = scenarioSchema.parse(base);
    expect(plain.at).toBeUndefined();
    expect(plain.expect.stored).toBeUndefined();
    expect(scenarioWarnings(plain)).toEqual([]);
  });

  it('rejects an instant without offset, a bad fixture name, an unknown outcome or field', () => {
    expect(scenarioSchema.safeParse({ ...base, at: '2026-03-16 10:00' }).success).toBe(false);
    expect(scenarioSchema.safeParse({ ...base, client: '../etc/passwd' }).success).toBe(false);
    expect(scenarioSchema.safeParse({ ...base, expect: { stored: { outcome: 'hangup' } } }).success).toBe(
      false,
    );
    expect(
      scenarioSchema.safeParse({ ...base, expect: { stored: { message: { colour: 'red' } } } }).success,
    ).toBe(false);
  });

  it('warns the CLI user that a live server cannot be pinned nor checked in MongoDB', () => {
    const scenario = scenarioSchema.parse({
      ...base,
      at: '2026-03-16T10:00:00+01:00',
      client: 'closed-message',
      expect: { stored: { outcome: 'message' } },
    });
    const warnings = scenarioWarnings(scenario).join('\n');
    expect(warnings).toMatch(/clock is not pinned/);
    expect(warnings).toMatch(/closed-message/);
    expect(warnings).toMatch(/end-to-end test only/);
  });

  const check = (wanted: object, got: StoredCall = stored) =>
    checkStored(scenarioSchema.parse({ ...base, expect: { stored: wanted } }), got);

  it('passes on a match: exact name and number, reason as a substring ignoring accents and case', () => {
    expect(
      check({
        message: {
          callerName: 'Camille Martin',
          reason: 'DEGAT des eaux',
          urgent: true,
          callbackNumber: '+33612345678',
          recording: false,
        },
        outcome: 'message',
      }),
    ).toEqual([]);
    expect(checkStored(scenarioSchema.parse(base), stored)).toEqual([]);
  });

  it('names every difference', () => {
    expect(
      check({
        message: { callerName: 'Camille', reason: 'fuite', urgent: false, recording: true },
        outcome: 'transferred',
      }),
    ).toEqual([
      'stored outcome is message, expected transferred',
      'stored callerName is "Camille Martin", expected "Camille"',
      'stored reason "Un dégât des eaux au sous-sol" does not contain "fuite"',
      'stored urgent is true, expected false',
      'stored message has no recording, expected the opposite',
    ]);
    expect(check({ message: null })).toEqual([expect.stringMatching(/a message was stored/)]);
    expect(check({ message: {} }, { message: null, outcome: null })).toEqual(['no message was stored']);
    expect(check({ outcome: 'rejected' }, { message: null, outcome: null })).toEqual([
      'stored outcome is absent (no call), expected rejected',
    ]);
  });
});

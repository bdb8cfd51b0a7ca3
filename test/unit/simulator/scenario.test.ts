import { readdirSync } from 'node:fs';
import path from 'node:path';
import { simulateCall } from '../../../scripts/simulator/index';
import {
  callerSteps,
  checkExpectations,
  loadScenario,
  scenarioSchema,
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

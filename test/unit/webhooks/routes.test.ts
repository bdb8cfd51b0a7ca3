/**
 * The voice edge's route table against the engine's closed list of callbacks: a callback the engine
 * can emit without a handler, or a handler for a callback it never emits, fails here (and in tsc).
 */
import type { Router } from 'express';
import { CALLBACK_NAMES } from '../../../src/flow';
import type { CallDeps } from '../../../src/app/ports';
import { createLogger } from '../../../src/infra/logger';
import { urlsFor, VOICE_WEBHOOKS_PATH } from '../../../webhooks/twiml';
import { ENTRY_POINTS, VOICE_ROUTES, voiceRouter } from '../../../webhooks/voice';

const BASE = 'https://rx.example.test';
const CALLER = `CA${'a'.repeat(32)}`;

/** The POST paths the router really serves (building it touches no dependency). */
function servedPaths(router: Router): string[] {
  return router.stack.flatMap((layer) => (layer.route?.path ? [String(layer.route.path)] : []));
}

const expected = [...ENTRY_POINTS, ...CALLBACK_NAMES].sort();

describe('voice route table', () => {
  it('has exactly one handler per engine callback, plus the two entry points of a number', () => {
    expect(Object.keys(VOICE_ROUTES).sort()).toEqual(expected);
  });

  it('mounts every route of the table, and nothing else', () => {
    const router = voiceRouter({
      publicBaseUrl: BASE,
      authToken: 'token',
      logger: createLogger({ level: 'error', json: true }),
      deps: {} as CallDeps,
    });
    expect(servedPaths(router).sort()).toEqual(expected.map((r) => `/${r}`));
  });

  it('links every engine callback to a served route; the caller leg carries its turn, the screening its parent', () => {
    const onCaller = urlsFor(BASE, { callSid: CALLER, turn: 4 });
    const onTarget = urlsFor(BASE, { parent: CALLER });
    for (const callback of CALLBACK_NAMES) {
      const url = new URL(onCaller(callback));
      expect(url.pathname).toBe(`${VOICE_WEBHOOKS_PATH}/${callback}`);
      expect(Object.fromEntries(url.searchParams)).toEqual(
        callback === 'screen' ? { parent: CALLER } : { turn: '4' },
      );
      expect(onTarget(callback)).toBe(`${BASE}${VOICE_WEBHOOKS_PATH}/${callback}?parent=${CALLER}`);
    }
    expect(urlsFor(BASE, { callSid: CALLER })('failsafe-recording')).toBe(
      `${BASE}${VOICE_WEBHOOKS_PATH}/failsafe-recording`,
    );
  });
});

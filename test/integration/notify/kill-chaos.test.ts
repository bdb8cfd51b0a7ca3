/**
 * "Delivered once", proved the hard way: the real worker process (`src/main/worker.ts`) is killed
 * with -9 three times while 300 SMS are in flight at a slow local Twilio stand-in, and restarted
 * each time. Nothing may be lost, nothing sent twice, and the log must hold Twilio's own sid.
 */
import path from 'node:path';
import { runKillChaos } from '../../../scripts/lib/notify-chaos';
import { startRedisServer, type Service } from '../../../scripts/lib/services';
import { useTestDatabase } from '../../helpers/db';

const { uri } = useTestDatabase(__filename);

// The real worker uses BullMQ's default prefix: a Redis of its own keeps other tests' workers away.
let redis: Service;
beforeAll(async () => {
  redis = await startRedisServer(
    path.join(__dirname, '..', '..', '..', 'var', 'test', `chaos-redis-${process.pid}`),
  );
});
afterAll(() => redis.stop());

test('when the worker is killed with -9 three times mid-batch, then every SMS is sent exactly once and logged with Twilio’s sid', async () => {
  const figures = await runKillChaos({
    mongodbUri: uri,
    redisUrl: redis.url,
    messages: 300,
    kills: 3,
    stallTimeoutMs: 45_000,
  });
  const { tail, ...shown } = figures;
  console.log(`kill -9 chaos: ${JSON.stringify(shown)}`);
  if (figures.lost + figures.duplicated + figures.logMismatches > 0) console.log(tail.join('\n'));

  expect(figures.kills).toBe(3);
  // The kills hit SMS that Twilio had accepted and the log had not recorded yet: the case at stake.
  const inFlight = figures.inFlightAtKills.reduce((a, b) => a + b, 0);
  expect(inFlight).toBeGreaterThan(0);
  // They were found in Twilio's list and adopted, not sent again (a record already on its way to
  // the store when the worker died may still land instead).
  expect(figures.adopted).toBeGreaterThan(0);
  expect(figures.adopted).toBeLessThanOrEqual(inFlight);
  expect({
    lost: figures.lost,
    duplicated: figures.duplicated,
    logMismatches: figures.logMismatches,
  }).toEqual({
    lost: 0,
    duplicated: 0,
    logMismatches: 0,
  });
  expect(figures.accepted).toBe(300);
}, 300_000);

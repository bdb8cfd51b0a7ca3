/**
 * `npm run chaos:notify`: "nothing lost, nothing twice" under `kill -9`. Stores 1,000 messages
 * (one SMS each), runs the real worker process against a slow local Twilio stand-in, kills it with
 * -9 three times mid-batch (restarting it each time), and prints what the stand-in received
 * against the delivery log. Prints figures; never fails on time.
 *
 *   CHAOS_MESSAGES (1000), CHAOS_KILLS (3), CHAOS_LATENCY_MS (150): the stand-in's answer delay
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectMongo } from '../../src/store/mongo';
import { bold, dim, green, red, step } from '../lib/console';
import { runKillChaos } from '../lib/notify-chaos';
import { ensureMongo, ROOT, startRedisServer, type Service } from '../lib/services';

const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 1000);
const KILLS = Number(process.env.CHAOS_KILLS ?? 3);
const LATENCY_MS = Number(process.env.CHAOS_LATENCY_MS ?? 150);

async function main(): Promise<number> {
  const services: Service[] = [];
  const dir = path.join(ROOT, 'var', 'chaos');
  try {
    const mongo = await ensureMongo(path.join(dir, 'ferretdb'), `chaos_${randomBytes(3).toString('hex')}`);
    services.push(mongo);
    // A Redis of its own, never the shared one: the real worker uses BullMQ's default prefix, which
    // a running `npm run dev` worker also serves (it would take the jobs).
    const redis = await startRedisServer(path.join(dir, 'redis'));
    services.push(redis);
    await connectMongo(mongo.url);
    step(
      `${MESSAGES} messages, ${KILLS}× kill -9 of the worker, stand-in latency ${LATENCY_MS} ms; FerretDB ${mongo.url}, Redis ${redis.url}`,
    );
    const f = await runKillChaos({
      mongodbUri: mongo.url,
      redisUrl: redis.url,
      messages: MESSAGES,
      kills: KILLS,
      latencyMs: LATENCY_MS,
      onProgress: (line) => console.log(dim(`  ${line}`)),
    });
    const inFlight = f.inFlightAtKills.reduce((a, b) => a + b, 0);
    const good = f.lost === 0 && f.duplicated === 0 && f.logMismatches === 0;
    console.log(`
${bold('kill -9 chaos')}
  notifications       ${f.messages} SMS, ${f.kills} kills
  accepted by Twilio  ${f.accepted}
  lost                ${bold(String(f.lost))}
  duplicated          ${bold(String(f.duplicated))}
  in flight at kills  ${inFlight} (${f.inFlightAtKills.join(', ')}): accepted by Twilio, not yet in the log
  reconciled          ${f.adopted} sids adopted from Twilio's list (${f.listRequests} list pages read)
  log mismatches      ${f.logMismatches} (entries not sent, or not holding the stand-in's sid)
  time                ${(f.elapsedMs / 1000).toFixed(1)} s from the first worker start to the last record
${good ? green('✓ delivered once') : red('✗ not delivered once')}`);
    if (!good) console.log(dim(f.tail.join('\n')));
    await mongoose.connection.db!.dropDatabase();
    return good ? 0 : 1;
  } finally {
    await mongoose.disconnect();
    await Promise.all(services.map((s) => s.stop()));
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`chaos run failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);

/**
 * `npm run dev`: provisions the local data services, seeds the demo client, runs the web server
 * and the worker, and stops everything it started on Ctrl-C or SIGTERM. Web, worker and the
 * services it started are supervised (scripts/lib/supervisor.ts): one that dies is restarted with
 * a backoff, and the others carry on (they reconnect by themselves).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { parseEnv } from '../src/config/env';
import { connectMongo } from '../src/store/mongo';
import { bold, cyan, dim, green, red, seconds, step } from './lib/console';
import { DEMO_ASSISTANT, seedDemo } from './lib/seed';
import { seedDemoHistory } from './lib/seed-history';
import { startRadicale } from './lib/radicale';
import { ensureMongo, ensureRedis, portIsFree, ROOT, writeDevServices, type Service } from './lib/services';
import { Supervisor } from './lib/supervisor';

const started = Date.now();
const processes: Supervisor[] = [];
const services: Service[] = [];
let stopping = false;

async function main(): Promise<void> {
  const mongo = await ensureMongo(path.join(ROOT, 'var', 'ferretdb', 'dev'), 'receptionist');
  services.push(mongo);
  step(
    `MongoDB-compatible storage at ${mongo.url}${mongo.startedByUs ? dim(' (FerretDB, data in var/ferretdb/dev)') : ''}`,
  );
  const redis = await ensureRedis(path.join(ROOT, 'var', 'redis'));
  services.push(redis);
  step(`Redis at ${redis.url}`);

  const caldav = await startDevCalDav();
  services.push(caldav);
  step(
    `CalDAV server at ${caldav.calendarUrl} ${dim("(Radicale, data in var/radicale; for the README's calendar example)")}`,
  );

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
    // The local Radicale above is on loopback: webhooks and calendars may reach private addresses here
    // (never in production, where the environment check refuses it).
    WEBHOOK_ALLOW_PRIVATE: process.env.WEBHOOK_ALLOW_PRIVATE ?? 'true',
    // The worker's metrics next to the web port, so `npm run bench:calls` finds both.
    WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? String(Number(process.env.PORT ?? 3000) + 1),
  };
  const config = parseEnv(env);
  writeDevServices(env);

  await connectMongo(config.mongodbUri);
  const demo = await seedDemo();
  // Never over existing data: only a demo client created just now gets a past.
  if (demo.created) {
    step('Writing a few weeks of past calls and messages for the reports');
    await seedDemoHistory(demo.client, { now: () => new Date(), callerKeySecret: config.callerKeySecret });
  }
  await mongoose.disconnect();

  for (const [name, entry] of [
    ['web', 'src/main/server.ts'],
    ['worker', 'src/main/worker.ts'],
  ] as const) {
    if (stopping) return;
    const supervisor = new Supervisor({
      name,
      spawn: () => spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env, stdio: 'inherit' }),
    });
    processes.push(supervisor);
    await supervisor.start();
  }

  await waitForReady(`http://127.0.0.1:${config.port}/readyz`);
  const base = config.publicBaseUrl;
  console.log(`
${green('✓')} ${bold('Virtual receptionist running')} ${dim(`(ready in ${seconds(started)})`)}

  Demo client        ${bold(demo.client.name)}, dedicated number ${bold(demo.client.numbers[0] ?? '')}
  Web list           ${cyan(`${base}/`)}  login ${bold(demo.adminEmail)} / ${bold(demo.adminPassword)}
                     ${dim(`(an assistant of this client only: ${DEMO_ASSISTANT.email} / ${DEMO_ASSISTANT.password})`)}
  Twilio Voice URL   ${base}/webhooks/voice/incoming  ${dim('(status callback: /webhooks/voice/status)')}
  Admin API          ${base}/api/v1  ${dim(`(Authorization: Bearer ${config.adminApiToken})`)}

  Queue dashboard    ${base}/admin/queues  ${dim('(admins)')}
  CalDAV calendar    ${caldav.calendarUrl}  ${dim(`(user ${caldav.username} / ${caldav.password}: see the README to connect it)`)}

  An urgent call:    npm run call -- --to ${demo.client.numbers[0] ?? ''} --from +33612345699 --say "C'est urgent, mon fils a une forte fièvre" --answer --press 1
  A booking:         npm run call -- --to ${demo.client.numbers[0] ?? ''} --from +33612345699 --say "Je voudrais prendre rendez-vous pour une consultation" --press 1 --say "Jeanne Dupont" --press 1 --press 1
  A message:         npm run call -- --to ${demo.client.numbers[0] ?? ''} --from +33612345699 --press 2 --say "Jean Dupont" --say "Je voudrais un certificat médical" --press 1 --press 2 --press 1
  Stop:              Ctrl-C
`);
}

/**
 * Radicale on 127.0.0.1:5232 (its usual port; another free one when taken) with one calendar,
 * so the README's "connect a CalDAV calendar" example works as written.
 */
async function startDevCalDav() {
  const port = (await portIsFree(5232)) ? 5232 : undefined;
  const service = await startRadicale(path.join(ROOT, 'var', 'radicale'), port ? { port } : {});
  const calendarUrl = `${service.url}${service.username}/cabinet-martin/`;
  const auth = `Basic ${Buffer.from(`${service.username}:${service.password}`).toString('base64')}`;
  const made = await fetch(calendarUrl, {
    method: 'MKCALENDAR',
    headers: { authorization: auth, 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Cabinet Martin</D:displayname></D:prop></D:set></C:mkcalendar>`,
  });
  // 201: made now; 405/409: it exists from an earlier run.
  if (![201, 405, 409].includes(made.status))
    throw new Error(`could not create the demo calendar: HTTP ${made.status}`);
  return { ...service, calendarUrl };
}

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within 60 s`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  step('stopping web, worker and local services…');
  // Ctrl-C reaches every process of the terminal's group at once: no service may be restarted
  // while web and worker still finish their work, so they are all told now, services last killed.
  for (const service of services) service.supervisor?.holdRestarts();
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(services.map((s) => s.stop()));
  console.log(`${green('✓')} stopped`);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (err: unknown) => {
  console.error(red(`npm run dev failed: ${(err as Error).message}`));
  await shutdown(1);
});

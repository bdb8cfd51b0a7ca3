/**
 * Several web instances share one database and one Redis, each with its own short-lived cache of
 * client profiles. An admin's edit made through one instance must reach the calls answered by
 * another one at once, not when its cached copy expires (15 s). The other instance here is a real
 * `npm start` process on the same FerretDB database and Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { parseEnv, type Config } from '../../../src/config/env';
import { freePort } from '../../../scripts/lib/services';
import { redisUrl, testDatabaseUri } from '../../helpers/db';
import { newCallSid, sign, voiceParams } from '../../helpers/twilio';
import { waitFor } from '../notify/helpers';
import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);
const ROOT = path.resolve(__dirname, '..', '..', '..');

let other: ChildProcess;
let otherConfig: Config;

beforeAll(async () => {
  const port = await freePort();
  const env = {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redisUrl(),
    LOG_LEVEL: 'info',
  };
  otherConfig = parseEnv(env);
  other = spawn(process.execPath, ['--import', 'tsx', 'src/main/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    other.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('web server listening')) resolve();
    });
    other.once('exit', (code) => reject(new Error(`the second instance exited (${code}): ${out}`)));
  });
}, 60_000);

afterAll(async () => {
  if (other.exitCode !== null || other.signalCode !== null) return;
  const exited = new Promise((resolve) => other.once('exit', resolve));
  other.kill('SIGTERM');
  await exited;
});

/** What the other instance says first to a new call to `number`. */
async function otherInstanceGreets(number: string): Promise<string> {
  const params = voiceParams(newCallSid(), '+33622222222', number);
  const url = `${otherConfig.publicBaseUrl}/webhooks/voice/incoming`;
  const res = await request(otherConfig.publicBaseUrl)
    .post('/webhooks/voice/incoming')
    .type('form')
    .set('X-Twilio-Signature', sign(otherConfig.twilio.authToken, url, params))
    .send(params)
    .expect(200);
  return res.text;
}

describe('client profiles cached by several instances', () => {
  it('when a client is edited through one instance, then another instance answers with the new profile within a second', async () => {
    const number = '+33180009901';
    const { body: client } = await api('post', '/clients')
      .send({ ...profileInput([number]), greeting: 'Bonjour, première version.' })
      .expect(201);
    // The other instance now holds the profile in its cache.
    expect(await otherInstanceGreets(number)).toContain('Bonjour, première version.');

    await api('patch', `/clients/${client.id}`).send({ greeting: 'Bonjour, seconde version.' }).expect(200);
    const fresh = async () => (await otherInstanceGreets(number)).includes('Bonjour, seconde version.');
    await waitFor(fresh, 'the new greeting on the other instance', 1000);

    // A deactivation reaches it too: the number is no longer served as this client.
    await api('delete', `/clients/${client.id}`).expect(200);
    await waitFor(async () => !(await fresh()), 'the deactivation on the other instance', 1000);
  });

  it('when a number moves to a new client, then the other instance answers for the new client within a second', async () => {
    const number = '+33180009902';
    const { body: first } = await api('post', '/clients')
      .send({ ...profileInput([number], 'Cabinet Ancien'), greeting: 'Ici le cabinet ancien.' })
      .expect(201);
    expect(await otherInstanceGreets(number)).toContain('Ici le cabinet ancien.');

    await api('put', `/clients/${first.id}`)
      .send({ ...profileInput(['+33180009903'], 'Cabinet Ancien'), greeting: 'Ici le cabinet ancien.' })
      .expect(200);
    await api('post', '/clients')
      .send({ ...profileInput([number], 'Cabinet Nouveau'), greeting: 'Ici le cabinet nouveau.' })
      .expect(201);
    const moved = async () => (await otherInstanceGreets(number)).includes('Ici le cabinet nouveau.');
    await waitFor(moved, 'the new client on the other instance', 1000);
  });
});

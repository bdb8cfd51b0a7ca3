/** Signed outbound webhooks against a local receiver that verifies the signature. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '../../helpers/db';
import { deliveryKey, verifyWebhookSignature } from '../../../src/notify';
import { checkedLookup, httpWebhookSender } from '../../../src/notify/channels/webhook';
import { PermanentError } from '../../../src/notify/errors';
import {
  deliveryOf,
  makeClient,
  makeMessage,
  startPipeline,
  testConfig,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

const SECRET = 'whsec-test-0123456789abcdef';
type Hit = { path: string; valid: boolean; deliveryId: string; body: Record<string, unknown> };
const hits: Hit[] = [];
/** Answers per path, in order; then 200. */
const script = new Map<string, number[]>();
let receiver: Server;
let base: string;
let pipeline: Pipeline;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const valid = verifyWebhookSignature({
        secret: SECRET,
        timestamp: req.headers['x-timestamp'] as string | undefined,
        signature: req.headers['x-signature'] as string | undefined,
        body: raw,
      });
      hits.push({
        path: req.url ?? '',
        valid,
        deliveryId: String(req.headers['x-delivery-id']),
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      const status = valid ? (script.get(req.url ?? '')?.shift() ?? 200) : 401;
      const headers: Record<string, string> = status === 503 ? { 'Retry-After': '0' } : {};
      if (status === 302) headers.Location = 'http://169.254.169.254/latest/meta-data';
      res.writeHead(status, headers).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  pipeline = await startPipeline(testConfig());
});
afterAll(async () => {
  await pipeline.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function clientWithHook(path: string) {
  return makeClient({
    notifications: {
      sms: { enabled: false },
      webhook: { enabled: true, url: `${base}${path}`, secret: SECRET },
    },
  });
}

test('when a message is stored, then a signed JSON webhook is posted; a 503 is retried with the same delivery id', async () => {
  script.set('/crm', [503]);
  const client = await clientWithHook('/crm');
  const message = await makeMessage(client);
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'webhook', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'sent' && d;
  }, 'the webhook');

  const mine = hits.filter((h) => h.path === '/crm');
  expect(mine).toHaveLength(2);
  expect(mine.every((h) => h.valid && h.deliveryId === key)).toBe(true);
  expect(mine[0]!.body).toMatchObject({
    event: 'message.created',
    deliveryId: key,
    message: {
      id: message.id,
      callerName: 'Jean Dupont',
      url: `https://rx.example.test/messages/${message.id}`,
    },
  });
  expect(entry).toMatchObject({ attempts: 2, providerId: 'HTTP 200' });
});

test('when the receiver answers 400, then the delivery fails at once with the reason', async () => {
  script.set('/broken', [400]);
  const client = await clientWithHook('/broken');
  const message = await makeMessage(client);
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'webhook', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'failed' && d;
  }, 'the webhook to fail');
  expect(entry.attempts).toBe(1);
  expect(entry.lastError).toBe('webhook answered HTTP 400');
});

describe('where a webhook may go', () => {
  const strict = { requireHttps: false, allowPrivate: false };
  const post = (url: string) =>
    httpWebhookSender({ policy: strict }).postWebhook({ url, secret: SECRET, body: '{}', deliveryId: 'd1' });

  it('when private addresses are not allowed, then a loopback receiver is refused for good and never reached', async () => {
    const before = hits.length;
    const refused = post(`${base}/private`);
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toThrow(
      'webhook URL refused: must point to a public host (127.0.0.1 is a loopback address)',
    );
    await expect(post('http://2130706433/')).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    expect(hits.length).toBe(before);
  });

  it('when a host name resolves to a forbidden address, then the lookup the connection uses refuses it', async () => {
    const error = await new Promise<Error | null>((resolve) =>
      checkedLookup(strict)('localhost', { all: true }, (err) => resolve(err)),
    );
    expect(error?.message).toMatch(
      /^localhost must point to a public host \((127\.0\.0\.1|::1) is a loopback address\)$/,
    );
    const allowed = await new Promise<Error | null>((resolve) =>
      checkedLookup({ ...strict, allowPrivate: true })('localhost', { all: true }, (err) => resolve(err)),
    );
    expect(allowed).toBeNull();
  });

  it('when the receiver redirects, then the redirect is not followed and the delivery fails for good', async () => {
    script.set('/moved', [302]);
    const sender = httpWebhookSender({ policy: { requireHttps: false, allowPrivate: true } });
    const body = '{"a":1}';
    const moved = sender.postWebhook({ url: `${base}/moved`, secret: SECRET, body, deliveryId: 'd2' });
    await expect(moved).rejects.toBeInstanceOf(PermanentError);
    await expect(moved).rejects.toThrow('webhook answered a redirect (HTTP 302): configure the final URL');
    sender.close?.();
  });
});

test('a signature made with another secret, or a stale timestamp, does not verify', () => {
  const body = '{"a":1}';
  const ts = String(Math.floor(Date.now() / 1000));
  const { signWebhook } = jest.requireActual<typeof import('../../../src/notify')>('../../../src/notify');
  expect(
    verifyWebhookSignature({ secret: SECRET, timestamp: ts, signature: signWebhook(SECRET, ts, body), body }),
  ).toBe(true);
  expect(
    verifyWebhookSignature({
      secret: SECRET,
      timestamp: ts,
      signature: signWebhook('other-secret-000000', ts, body),
      body,
    }),
  ).toBe(false);
  const old = String(Math.floor(Date.now() / 1000) - 3600);
  expect(
    verifyWebhookSignature({
      secret: SECRET,
      timestamp: old,
      signature: signWebhook(SECRET, old, body),
      body,
    }),
  ).toBe(false);
});

/** What the body parsers throw becomes the sender's 4xx, through the one mapping (`toHttpError`). */
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src/http/errors';
import type { Logger } from '../../src/infra/logger';

const logged: string[] = [];
const logger = { error: (m: string) => void logged.push(m) } as unknown as Logger;

const app = express();
app.use(express.json({ limit: '64b' }));
app.use(express.urlencoded({ extended: false, parameterLimit: 3 }));
app.post('/', (_req, res) => void res.status(204).end());
app.use(errorHandler(logger));

describe('body-parser errors', () => {
  it.each([
    [
      'a JSON body in latin1',
      'application/json; charset=latin1',
      {},
      '{}',
      415,
      'unsupported charset: send UTF-8',
    ],
    [
      'a form in koi8',
      'application/x-www-form-urlencoded; charset=koi8',
      {},
      'a=1',
      415,
      'unsupported charset: send UTF-8',
    ],
    [
      'an unknown compression',
      'application/json',
      { 'Content-Encoding': 'brotli-ish' },
      '{}',
      415,
      'unsupported content encoding',
    ],
    [
      'a plain body claiming to be gzip',
      'application/json',
      { 'Content-Encoding': 'gzip' },
      '{"a":1}',
      400,
      'request body does not match its content encoding',
    ],
    [
      'a plain body claiming to be brotli',
      'application/json',
      { 'Content-Encoding': 'br' },
      '{"a":1}',
      400,
      'request body does not match its content encoding',
    ],
    [
      'a plain body claiming to be deflate',
      'application/x-www-form-urlencoded',
      { 'Content-Encoding': 'deflate' },
      'a=1',
      400,
      'request body does not match its content encoding',
    ],
    ['malformed JSON', 'application/json', {}, '{"a":', 400, 'malformed JSON body'],
    [
      'a body over the limit',
      'application/json',
      {},
      JSON.stringify({ a: 'x'.repeat(100) }),
      413,
      'request body too large',
    ],
    [
      'too many form fields',
      'application/x-www-form-urlencoded',
      {},
      'a=1&b=2&c=3&d=4',
      413,
      'too many form parameters',
    ],
  ])(
    'when %s is sent, then a 4xx naming the reason, and no error logged',
    async (_what, type, headers, body, status, error) => {
      const res = await request(app).post('/').set('Content-Type', type).set(headers).send(body);
      expect(res.status).toBe(status);
      expect(res.body.error).toBe(error);
      expect(logged).toEqual([]);
    },
  );

  it('when a body is fine, then it goes through', async () => {
    await request(app).post('/').send({ a: 1 }).expect(204);
  });
});

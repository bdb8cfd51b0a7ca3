/**
 * Baselines for the call benchmark, run as child processes so they do not share the load generator's
 * thread: `bare` answers a fixed TwiML document from node:http; `express` is the minimal idiomatic
 * handler (urlencoded body, signature check, twilio VoiceResponse). Prints `READY <port>` once listening.
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { parseEnv } from '../../src/config/env';

const GREETING =
  'Bonjour, vous êtes bien chez Plomberie Martin. Dites-nous en quelques mots la raison de votre appel.';
const FIXED = `<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" action="/webhooks/voice/menu" language="fr-FR"><Say voice="Polly.Lea-Neural" language="fr-FR">${GREETING}</Say></Gather></Response>`;

function bare(): http.Server {
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(FIXED);
    });
  });
}

function withExpress(authToken: string): http.Server {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/webhooks/voice/incoming', (req, res) => {
    const url = `http://${req.get('host')}${req.originalUrl}`;
    if (!twilio.validateRequest(authToken, req.get('x-twilio-signature') ?? '', url, req.body)) {
      res.status(403).end();
      return;
    }
    const response = new twilio.twiml.VoiceResponse();
    response
      .gather({ input: ['dtmf', 'speech'], action: '/webhooks/voice/menu', language: 'fr-FR' })
      .say({ voice: 'Polly.Lea-Neural', language: 'fr-FR' }, GREETING);
    res.type('text/xml').send(response.toString());
  });
  return http.createServer(app);
}

const kind = process.argv[2];
if (kind !== 'bare' && kind !== 'express') {
  process.stderr.write('usage: baseline-server.ts bare|express\n');
  process.exit(2);
}
const server = kind === 'bare' ? bare() : withExpress(parseEnv(process.env).twilio.authToken);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

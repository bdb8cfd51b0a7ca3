/**
 * A carrier may deliver a caller ID without its `+` ("33478123456"). The service reads it as the
 * number it is: read back as a French caller would say it, stored in E.164 — not "33, 47, 81…".
 */
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { MESSAGE_ANSWERS, pathOf, useWebhookService } from './harness';

/** Monday 2 March 2026, 10:00 in Paris: open. */
const NOW = new Date('2026-03-02T09:00:00Z');
const LINE = '+33180000751';

useTestDatabase(__filename);
const svc = useWebhookService(__filename, { now: () => NOW });

beforeAll(async () => {
  await createClient({
    name: 'Plomberie Dupuis',
    numbers: [LINE],
    weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] },
  });
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));
const says = (twiml: Verb) => find(twiml, 'Say').map((s) => s.text);

it.each(['33478123456', '0033478123456'])(
  'when the caller ID arrives as %s, then it is read back as 04, 78, 12, 34, 56 and stored as +33478123456',
  async (from) => {
    const callSid = newCallSid();
    let twiml = parseTwiml(
      (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, from, LINE)).expect(200)).text,
    );
    const heard: string[] = [];
    for (const answer of MESSAGE_ANSWERS) {
      const gather = find(twiml, 'Gather')[0]!;
      const res = await svc
        .post(pathOf(gather.attrs.action!), voiceParams(callSid, from, LINE, answer))
        .expect(200);
      twiml = parseTwiml(res.text);
      heard.push(...says(twiml));
    }
    expect(heard.join(' ')).toContain('au 04, 78, 12, 34, 56');
    expect(heard.join(' ')).not.toMatch(/33, 47/);
    const message = await MessageModel.findOne({ callSid }).lean();
    expect(message).toMatchObject({ callerNumber: '+33478123456', callbackNumber: '+33478123456' });
  },
);

/**
 * A national number typed on the keypad is stored in E.164 for the country of the client's number
 * the caller dialled: the same digits mean a French number on a French line, a Belgian one on a
 * Belgian line.
 */
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { MESSAGE_ANSWERS, pathOf, useWebhookService } from './harness';

/** Monday 2 March 2026, 10:00 in Paris and Brussels: open. */
const NOW = new Date('2026-03-02T09:00:00Z');
const FRENCH_LINE = '+33180000721';
const BELGIAN_LINE = '+3222123456';
/** Twilio's caller ID when the caller withholds it: nothing to read back, a number must be typed. */
const WITHHELD = 'anonymous';

useTestDatabase(__filename);
const svc = useWebhookService(__filename, { now: () => NOW });

beforeAll(async () => {
  const hours = { weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] } };
  await createClient({ name: 'Plomberie Dupuis', numbers: [FRENCH_LINE], ...hours });
  await createClient({
    name: 'Cabinet Janssens',
    numbers: [BELGIAN_LINE],
    timezone: 'Europe/Brussels',
    ...hours,
  });
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));
const says = (twiml: Verb) => find(twiml, 'Say').map((s) => s.text);

/** Plays a call to `line`, answering each gather in turn; returns the TwiML of every answer. */
async function call(line: string, answers: Record<string, string>[]) {
  const callSid = newCallSid();
  let twiml = parseTwiml(
    (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, WITHHELD, line)).expect(200)).text,
  );
  const heard: Verb[] = [];
  for (const answer of answers) {
    const gather = find(twiml, 'Gather')[0]!;
    const res = await svc
      .post(pathOf(gather.attrs.action!), voiceParams(callSid, WITHHELD, line, answer))
      .expect(200);
    twiml = parseTwiml(res.text);
    heard.push(twiml);
  }
  return { callSid, heard };
}

/** The harness's message-taking answers, a number typed before the "1" that confirms it. */
const UNTIL_NUMBER = MESSAGE_ANSWERS.slice(0, 3);
const AFTER_NUMBER = MESSAGE_ANSWERS.slice(3);

describe('a callback number typed on the keypad', () => {
  it.each([
    [FRENCH_LINE, '0612345678', '06, 12, 34, 56, 78', '+33612345678'],
    [BELGIAN_LINE, '0470123456', '04, 70, 12, 34, 56', '+32470123456'],
  ])(
    'when a caller of %s types %s, then it is read back as "%s" and the message stores %s',
    async (line, typed, readBack, stored) => {
      const { callSid, heard } = await call(line, [...UNTIL_NUMBER, { Digits: typed }, ...AFTER_NUMBER]);
      expect(says(heard[3]!).join(' ')).toContain(`Nous vous rappellerons au ${readBack}.`);
      expect(says(heard[heard.length - 1]!).join(' ')).toMatch(/votre message a bien été transmis/);

      const message = await MessageModel.findOne({ callSid }).lean();
      expect(message).toMatchObject({ callerNumber: WITHHELD, callbackNumber: stored });
    },
  );

  it('when the typed digits are no number in the client’s country, then the caller is asked again and nothing is kept', async () => {
    const { callSid, heard } = await call(FRENCH_LINE, [...UNTIL_NUMBER, { Digits: '0012345678' }]);
    const retry = heard[3]!;
    expect(says(retry)[0]).toBe("Excusez-moi, je n'ai pas bien compris.");
    expect(find(retry, 'Gather')[0]!.attrs.action).toMatch(/\/webhooks\/voice\/callback-number\?turn=\d+$/);
    expect(await MessageModel.countDocuments({ callSid, callbackNumber: { $ne: '' } })).toBe(0);
  });
});

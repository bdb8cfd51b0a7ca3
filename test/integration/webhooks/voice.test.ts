import { createClient } from '../../../src/store/clients';
import { CallModel, ContactModel, MessageModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { pathOf, useWebhookService } from './harness';

/** Monday 2 March 2026, 10:00 in Paris: open. */
const NOW = new Date('2026-03-02T09:00:00Z');
const CLIENT_NUMBER = '+33180000701';

useTestDatabase(__filename);
const svc = useWebhookService(__filename, { now: () => NOW });

beforeAll(async () => {
  await createClient({
    name: 'Cabinet Martin',
    numbers: [CLIENT_NUMBER],
    weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] },
    transferTargets: [{ name: 'Dr Martin', number: '+33612345678' }],
  });
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

const liveCall = (callSid: string) => svc.web().calls.liveCalls.peek(callSid);

async function incoming(callSid: string, from = '+33622222222') {
  const res = await svc
    .post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER))
    .expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  return parseTwiml(res.text);
}

describe('voice webhooks: authentication and input', () => {
  it('when the signature is missing, then 403 and nothing is written', async () => {
    const callSid = newCallSid();
    await svc
      .post('/webhooks/voice/incoming', voiceParams(callSid, '+33622222222', CLIENT_NUMBER), null)
      .expect(403);
    expect(await CallModel.countDocuments({ _id: callSid })).toBe(0);
  });

  it('when the signature is wrong (other token, or parameters changed after signing), then 403', async () => {
    const callSid = newCallSid();
    await svc
      .post('/webhooks/voice/incoming', voiceParams(callSid, '+33622222222', CLIENT_NUMBER), 'bm9wZQ==')
      .expect(403);
    expect(await CallModel.countDocuments({ _id: callSid })).toBe(0);
  });

  it('when a signed request lacks CallSid, then 400 names it', async () => {
    const { CallSid: _omit, ...params } = voiceParams(newCallSid(), '+33622222222', CLIENT_NUMBER);
    const res = await svc.post('/webhooks/voice/incoming', params).expect(400);
    expect(res.text).toMatch(/CallSid/);
  });

  it('when the callback is not one the engine emits, then 404', async () => {
    const params = voiceParams(newCallSid(), '+33622222222', CLIENT_NUMBER);
    await svc.post('/webhooks/voice/nonsense', params).expect(404);
  });
});

describe('voice webhooks: a call', () => {
  it('when a caller dials a client number, then the greeting names the client in French and the menu gathers with a no-input redirect', async () => {
    const twiml = await incoming(newCallSid());
    const says = find(twiml, 'Say');
    expect(says[0]!.text).toContain('Cabinet Martin');
    expect(says[0]!.attrs).toMatchObject({ voice: 'Polly.Lea-Neural', language: 'fr-FR' });
    const gather = find(twiml, 'Gather')[0]!;
    expect(gather.attrs.action).toMatch(/\/webhooks\/voice\/menu\?turn=0$/);
    expect(gather.attrs.input).toBe('dtmf speech');
    const last = twiml.children[twiml.children.length - 1]!;
    expect(last.name).toBe('Redirect');
    expect(last.text).toMatch(/\/webhooks\/voice\/no-input\?turn=0$/);
  });

  it('when the dialled number belongs to no client, then a polite sentence in French and English, and hang up', async () => {
    const res = await svc
      .post('/webhooks/voice/incoming', voiceParams(newCallSid(), '+33622222222', '+33180009999'))
      .expect(200);
    const twiml = parseTwiml(res.text);
    expect(find(twiml, 'Say').map((s) => s.attrs.language)).toEqual(['fr-FR', 'en-US']);
    expect(twiml.children[twiml.children.length - 1]!.name).toBe('Hangup');
  });

  it('when Twilio delivers the first webhook and the final status twice, then one call, one contact count and the same TwiML', async () => {
    const callSid = newCallSid();
    const params = voiceParams(callSid, '+33633333333', CLIENT_NUMBER);
    const first = await svc.post('/webhooks/voice/incoming', params).expect(200);
    const second = await svc.post('/webhooks/voice/incoming', params).expect(200);
    expect(second.text).toBe(first.text);
    // Nothing durable while the call is live: the record is written once, when it ends.
    expect(await CallModel.countDocuments({ _id: callSid })).toBe(0);
    const ended = voiceParams(callSid, '+33633333333', CLIENT_NUMBER, { CallStatus: 'completed' });
    await svc.post('/webhooks/voice/status', ended).expect(200);
    await svc.post('/webhooks/voice/status', ended).expect(200);
    expect(await CallModel.countDocuments({ _id: callSid })).toBe(1);
    expect(await liveCall(callSid)).toBeNull();
    expect((await ContactModel.findOne({ phone: '+33633333333' }).lean())?.calls).toBe(1);
  });

  it('when a menu answer is delivered twice, then it is applied once and answered identically', async () => {
    const callSid = newCallSid();
    const menu = find(await incoming(callSid), 'Gather')[0]!;
    const params = voiceParams(callSid, '+33622222222', CLIENT_NUMBER, { Digits: '2' });
    const first = await svc.post(pathOf(menu.attrs.action!), params).expect(200);
    const second = await svc.post(pathOf(menu.attrs.action!), params).expect(200);
    expect(second.text).toBe(first.text);
    expect((await liveCall(callSid))!.state).toMatchObject({ turn: 1, step: 'name' });
  });

  it('when Twilio delivers the same answer several times at once, then it is still applied once', async () => {
    const callSid = newCallSid();
    const menu = find(await incoming(callSid), 'Gather')[0]!;
    const params = voiceParams(callSid, '+33622222222', CLIENT_NUMBER, { Digits: '2' });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => svc.post(pathOf(menu.attrs.action!), params)),
    );
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const call = await liveCall(callSid);
    expect(call!.state.turn).toBe(1);
    expect(call!.steps.filter((st) => st.name === 'name')).toHaveLength(1);
  });

  it('when a whole message is taken by keypad and speech, then one message is stored and notified once', async () => {
    const callSid = newCallSid();
    const from = '+33644444444';
    let twiml = await incoming(callSid, from);
    const answers: Record<string, string>[] = [
      { Digits: '2' },
      { SpeechResult: 'Jeanne Durand', Confidence: '0.9' },
      { SpeechResult: 'Je souhaite déplacer mon rendez-vous de jeudi', Confidence: '0.8' },
      { Digits: '1' },
      { Digits: '2' },
      { Digits: '1' },
    ];
    for (const answer of answers) {
      const gather = find(twiml, 'Gather')[0];
      expect(gather).toBeDefined();
      const res = await svc
        .post(pathOf(gather!.attrs.action!), voiceParams(callSid, from, CLIENT_NUMBER, answer))
        .expect(200);
      twiml = parseTwiml(res.text);
    }
    expect(twiml.children[twiml.children.length - 1]!.name).toBe('Hangup');
    const messages = await MessageModel.find({ callSid }).lean();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      callerName: 'Jeanne Durand',
      callerNumber: from,
      callbackNumber: from,
      urgent: false,
      status: 'new',
    });
    expect(messages[0]!.reason).toContain('rendez-vous');
    expect(messages[0]!.summary).toContain('Jeanne Durand');
    expect(svc.notified.filter((m) => m.callSid === callSid)).toHaveLength(1);
    expect((await liveCall(callSid))!.outcome).toBe('message');

    // The status callback after the hang-up puts the call on record and stores nothing twice.
    await svc
      .post(
        '/webhooks/voice/status',
        voiceParams(callSid, from, CLIENT_NUMBER, { CallStatus: 'completed', CallDuration: '95' }),
      )
      .expect(200);
    expect(await MessageModel.countDocuments({ callSid })).toBe(1);
    const call = await CallModel.findById(callSid).lean();
    expect(call).toMatchObject({ status: 'completed', durationSeconds: 95, outcome: 'message' });
    expect(call!.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining(['start', 'name', 'reason', 'confirm']),
    );

    // A second call from the same number is greeted by name.
    const again = await incoming(newCallSid(), from);
    expect(find(again, 'Say')[0]!.text).toContain('Jeanne Durand');
  });

  it('when the caller presses 1 (urgent), then the target is dialled with a screening whisper, and on no answer the caller is back to message taking', async () => {
    const callSid = newCallSid();
    const menu = find(await incoming(callSid), 'Gather')[0]!;
    const res = await svc.post(
      pathOf(menu.attrs.action!),
      voiceParams(callSid, '+33622222222', CLIENT_NUMBER, { Digits: '1' }),
    );
    const twiml = parseTwiml(res.text);
    const dial = find(twiml, 'Dial')[0]!;
    expect(dial.attrs).toMatchObject({ callerId: CLIENT_NUMBER, answerOnBridge: 'true' });
    const number = find(dial, 'Number')[0]!;
    expect(number.text).toBe('+33612345678');
    expect(number.attrs.url).toContain(`/webhooks/voice/screen?parent=${callSid}`);

    const whisper = parseTwiml(
      (await svc.post(pathOf(number.attrs.url!), voiceParams(newCallSid(), CLIENT_NUMBER, '+33612345678')))
        .text,
    );
    expect(find(whisper, 'Say')[0]!.text).toMatch(/Tapez 1/);
    expect(find(whisper, 'Dial')).toHaveLength(0);

    const after = parseTwiml(
      (
        await svc.post(
          pathOf(dial.attrs.action!),
          voiceParams(callSid, '+33622222222', CLIENT_NUMBER, {
            DialCallStatus: 'no-answer',
            DialBridged: 'false',
          }),
        )
      ).text,
    );
    expect(find(after, 'Gather')[0]!.attrs.action).toMatch(/\/webhooks\/voice\/name\?turn=2$/);
  });
});

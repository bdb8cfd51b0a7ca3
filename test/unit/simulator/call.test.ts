import twilio from 'twilio';
import { simulateCall, type SimulateCallOptions } from '../../../scripts/simulator/index';
import { startFakeService, twiml, type FakeService } from './fake-service';

const TOKEN = 'test-auth-token-0123456789';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
let service: FakeService;

beforeEach(async () => {
  service = await startFakeService();
});
afterEach(async () => {
  await service.close();
});

function call(options: Partial<SimulateCallOptions> = {}) {
  return simulateCall({
    to: '+33180000000',
    from: '+33612345678',
    baseUrl: service.baseUrl,
    env: { TWILIO_AUTH_TOKEN: TOKEN, TWILIO_ACCOUNT_SID: ACCOUNT },
    ...options,
  });
}

const paths = () => service.received.map((r) => r.path);
const received = (path: string) => service.received.filter((r) => r.path === path);

describe('requests as Twilio sends them', () => {
  it('posts the incoming webhook form-encoded, signed, with every standard parameter', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Say>Bonjour</Say>'));

    const report = await call();

    const [incoming] = received('/webhooks/voice/incoming');
    expect(incoming!.contentType).toBe('application/x-www-form-urlencoded');
    expect(incoming!.params).toMatchObject({
      AccountSid: ACCOUNT,
      ApiVersion: '2010-04-01',
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: '+33612345678',
      To: '+33180000000',
      Caller: '+33612345678',
      Called: '+33180000000',
      FromCountry: 'FR',
      ToCountry: 'FR',
    });
    expect(incoming!.params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
    const url = `${service.baseUrl}/webhooks/voice/incoming`;
    expect(twilio.validateRequest(TOKEN, incoming!.signature!, url, incoming!.params)).toBe(true);
    expect(report.requests[0]).toMatchObject({ path: '/webhooks/voice/incoming', status: 200 });
  });

  it('signs over PUBLIC_BASE_URL while sending to the base URL, like a reverse proxy', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Hangup/>'));

    await call({ publicBaseUrl: 'https://receptionist.example.com' });

    for (const request of service.received) {
      const url = `https://receptionist.example.com${request.path}`;
      expect(twilio.validateRequest(TOKEN, request.signature!, url, request.params)).toBe(true);
    }
  });

  it('ends with a completed status callback carrying CallDuration', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Say>Bonjour</Say><Pause length="3"/><Hangup/>'));

    const report = await call();

    const [status] = received('/webhooks/voice/status');
    expect(status!.params).toMatchObject({ CallStatus: 'completed', CallSid: report.callSid });
    expect(Number(status!.params.CallDuration)).toBeGreaterThanOrEqual(3);
    expect(report.outcome).toBe('hangup');
  });
});

describe('<Gather>', () => {
  beforeEach(() => {
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml(
        '<Gather input="dtmf speech" action="/webhooks/voice/menu"><Say>Tapez 1</Say></Gather>' +
          '<Say>Nous n’avons rien entendu</Say>',
      ),
    );
    service.routes.set('/webhooks/voice/menu', twiml('<Gather input="speech" action="reason"/>'));
    service.routes.set('/webhooks/voice/reason', twiml('<Say>Merci</Say><Hangup/>'));
  });

  it('without input, does not call the action, runs the next verb, then hangs up', async () => {
    const report = await call({ silent: true });

    expect(paths()).toEqual(['/webhooks/voice/incoming', '/webhooks/voice/status']);
    expect(report.heard.map((h) => h.text)).toEqual(['Tapez 1', 'Nous n’avons rien entendu']);
    expect(report.outcome).toBe('hangup');
  });

  it('posts Digits, then SpeechResult and Confidence, in the order given', async () => {
    await call({
      caller: [
        { kind: 'press', digits: '1' },
        { kind: 'say', text: "C'est urgent, une fuite d'eau" },
      ],
    });

    expect(received('/webhooks/voice/menu')[0]!.params).toMatchObject({
      Digits: '1',
      CallStatus: 'in-progress',
    });
    const reason = received('/webhooks/voice/reason')[0]!.params;
    expect(reason.SpeechResult).toBe("C'est urgent, une fuite d'eau");
    expect(Number(reason.Confidence)).toBeGreaterThan(0);
    expect(reason.Confidence! <= '1').toBe(true);
  });

  it('ignores digits at a speech-only gather', async () => {
    const report = await call({
      caller: [
        { kind: 'press', digits: '1' },
        { kind: 'press', digits: '2' },
      ],
    });

    expect(paths()).not.toContain('/webhooks/voice/reason');
    expect(report.actions.map((a) => a.detail)).toContain(
      'presses 2, but the gather only listens for speech',
    );
  });
});

describe('<Dial> with a whisper', () => {
  beforeEach(() => {
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml(
        '<Dial action="/webhooks/voice/dial-result" timeout="20">' +
          '<Number url="/webhooks/voice/whisper">+33600000001</Number></Dial>',
      ),
    );
    service.routes.set(
      '/webhooks/voice/whisper',
      twiml(
        '<Gather numDigits="1" action="/webhooks/voice/whisper-key"><Say>Tapez 1</Say></Gather><Hangup/>',
      ),
    );
    service.routes.set('/webhooks/voice/whisper-key', (p) =>
      p.Digits === '1' ? twiml('') : twiml('<Hangup/>'),
    );
    service.routes.set('/webhooks/voice/dial-result', twiml('<Hangup/>'));
  });

  it('bridges when the callee presses 1, with the callee leg posting its own parameters', async () => {
    const report = await call({ callees: [{ kind: 'answer', press: '1' }] });

    const whisper = received('/webhooks/voice/whisper')[0]!.params;
    expect(whisper).toMatchObject({
      Direction: 'outbound-dial',
      ParentCallSid: report.callSid,
      To: '+33600000001',
      From: '+33612345678',
    });
    expect(whisper.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(whisper.CallSid).not.toBe(report.callSid);
    expect(received('/webhooks/voice/whisper-key')[0]!.params).toMatchObject({
      Digits: '1',
      CallSid: whisper.CallSid,
    });
    const result = received('/webhooks/voice/dial-result')[0]!.params;
    expect(result).toMatchObject({
      DialCallStatus: 'completed',
      DialBridged: 'true',
      DialCallSid: whisper.CallSid,
    });
    expect(Number(result.DialCallDuration)).toBeGreaterThan(0);
    expect(report.outcome).toBe('transferred');
    expect(report.heard.filter((h) => h.leg === 'callee').map((h) => h.text)).toEqual(['Tapez 1']);
  });

  it.each([
    ['decline', { kind: 'decline' } as const],
    ['answer without pressing', { kind: 'answer' } as const],
    ['answer and press 2', { kind: 'answer', press: '2' } as const],
  ])('does not bridge when the callee does %s', async (_name, callee) => {
    const report = await call({ callees: [callee] });

    expect(received('/webhooks/voice/dial-result')[0]!.params).toMatchObject({
      DialCallStatus: 'completed',
      DialBridged: 'false',
    });
    expect(report.outcome).toBe('hangup');
  });

  it('reports no-answer and busy without requesting the whisper', async () => {
    await call({ callees: [{ kind: 'no-answer' }] });
    await call({ callees: [{ kind: 'busy' }] });

    expect(paths()).not.toContain('/webhooks/voice/whisper');
    expect(received('/webhooks/voice/dial-result').map((r) => r.params.DialCallStatus)).toEqual([
      'no-answer',
      'busy',
    ]);
  });

  it('rings several numbers at once: the first to answer wins', async () => {
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml(
        '<Dial action="/webhooks/voice/dial-result"><Number>+33600000001</Number><Number>+33600000002</Number></Dial>',
      ),
    );

    const report = await call({ callees: [{ kind: 'no-answer' }, { kind: 'answer' }] });

    expect(report.transfers).toEqual([
      expect.objectContaining({ answeredBy: '+33600000002', bridged: true }),
    ]);
  });
});

describe('<Record>', () => {
  beforeEach(() => {
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml(
        '<Record action="/webhooks/voice/recorded" transcribeCallback="/webhooks/voice/transcription" ' +
          'recordingStatusCallback="/webhooks/voice/recording-status"/><Say>Aucun message</Say>',
      ),
    );
    service.routes.set('/webhooks/voice/recorded', twiml('<Say>Merci</Say><Hangup/>'));
  });

  it('posts the recording to the action, its status, then the transcription after the call', async () => {
    const report = await call({ caller: [{ kind: 'say', text: 'Rappelez-moi demain' }] });

    const recorded = received('/webhooks/voice/recorded')[0]!.params;
    expect(recorded.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(recorded.RecordingUrl).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recorded.RecordingSid}`,
    );
    expect(Number(recorded.RecordingDuration)).toBeGreaterThan(0);
    expect(received('/webhooks/voice/recording-status')[0]!.params).toMatchObject({
      RecordingStatus: 'completed',
      RecordingSid: recorded.RecordingSid,
    });
    const transcription = received('/webhooks/voice/transcription')[0]!.params;
    expect(transcription).toMatchObject({
      TranscriptionText: 'Rappelez-moi demain',
      TranscriptionStatus: 'completed',
      RecordingSid: recorded.RecordingSid,
    });
    expect(transcription.TranscriptionSid).toMatch(/^TR[0-9a-f]{32}$/);
    expect(paths().indexOf('/webhooks/voice/transcription')).toBeGreaterThan(
      paths().indexOf('/webhooks/voice/status'),
    );
    expect(report.outcome).toBe('message');
  });

  it('skips the action when the recording is empty and runs the next verb', async () => {
    const report = await call({ silent: true });

    expect(paths()).not.toContain('/webhooks/voice/recorded');
    expect(received('/webhooks/voice/recording-status')[0]!.params.RecordingStatus).toBe('absent');
    expect(report.heard.map((h) => h.text)).toContain('Aucun message');
  });
});

describe('<Redirect>, <Reject>, <Hangup>', () => {
  it('follows a relative redirect against the document URL', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Redirect>next?step=2</Redirect>'));
    service.routes.set('/webhooks/voice/next', twiml('<Say>Suite</Say>'));

    const report = await call();

    expect(report.requests[1]).toMatchObject({ path: '/webhooks/voice/next', purpose: 'redirect' });
    const next = service.received[1]!;
    const url = `${service.baseUrl}/webhooks/voice/next?step=2`;
    expect(twilio.validateRequest(TOKEN, next.signature!, url, next.params)).toBe(true);
  });

  it('rejects before answering: status busy, no duration', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Reject reason="busy"/><Say>jamais</Say>'));

    const report = await call();

    expect(report.outcome).toBe('rejected');
    expect(report.heard).toEqual([]);
    expect(received('/webhooks/voice/status')[0]!.params).toMatchObject({
      CallStatus: 'busy',
      CallDuration: '0',
    });
  });

  it('stops at <Hangup>', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Hangup/><Say>jamais</Say>'));

    const report = await call();

    expect(report.heard).toEqual([]);
    expect(report.outcome).toBe('hangup');
  });
});

describe('what Twilio would reject', () => {
  it('flags a wrong content type as 12300 and plays the application error', async () => {
    service.routes.set('/webhooks/voice/incoming', {
      contentType: 'text/html',
      body: twiml('<Say>Hi</Say>'),
    });

    const report = await call();

    expect(report.problems.map((p) => p.code)).toContain(12300);
    expect(report.outcome).toBe('error');
    expect(report.heard[0]!.text).toContain('application error');
  });

  it('flags an HTTP error status as 11200', async () => {
    service.routes.set('/webhooks/voice/incoming', { status: 500, body: 'boom' });

    const report = await call();

    expect(report.problems[0]).toMatchObject({ code: 11200, severity: 'error' });
    expect(report.requests[0]!.status).toBe(500);
  });

  it('flags a response slower than the deadline', async () => {
    service.routes.set('/webhooks/voice/incoming', { body: twiml('<Say>Hi</Say>'), delayMs: 400 });

    const report = await call({ timeoutMs: 100 });

    expect(report.problems[0]!.message).toContain('No response within 0.1 s');
    expect(report.outcome).toBe('error');
  });

  it('flags an invalid root and a voice that does not fit its language', async () => {
    service.routes.set(
      '/webhooks/voice/incoming',
      twiml('<Say voice="Polly.Joanna" language="fr-FR">Bonjour</Say>'),
    );
    service.routes.set('/webhooks/voice/other', '<Document><Say>Hi</Say></Document>');

    const voice = await call();
    service.routes.set('/webhooks/voice/incoming', twiml('<Redirect>other</Redirect>'));
    const root = await call();

    expect(voice.problems.map((p) => p.message)).toEqual([expect.stringContaining('speaks en-US')]);
    expect(root.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Root element is <Document>'),
    ]);
    expect(root.outcome).toBe('error');
  });

  it('stops a redirect loop at the request limit', async () => {
    service.routes.set('/webhooks/voice/incoming', twiml('<Redirect>incoming</Redirect>'));

    const report = await call({ maxRequests: 10 });

    expect(received('/webhooks/voice/incoming')).toHaveLength(10);
    expect(report.problems.at(-1)!.message).toContain('More than 10 TwiML requests');
    expect(report.outcome).toBe('error');
  });
});

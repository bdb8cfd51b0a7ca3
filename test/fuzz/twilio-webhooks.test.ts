/**
 * Fuzzing the Twilio edge: calls whose every step is a fuzzed request to a voice webhook — mostly
 * signed like Twilio signs, posted to the callback URL the previous answer gave, so the engine's
 * deep paths run — and fuzzed SMS replies. Whatever arrives: no 5xx and no error logged, TwiML of
 * known verbs on every 200, a 4xx on every request Twilio did not sign, nothing invalid stored.
 * Replay a failure with the seed printed above it: `FUZZ_SEED=<seed> npm test -- test/fuzz`.
 */
import fc from 'fast-check';
import { formEnvelope, FORM, type Envelope } from './arbitraries/http';
import { nastyText } from './arbitraries/strings';
import { callSid, signing, smsParams, target, voiceParams, type Target } from './arbitraries/twilio';
import { voiceParams as voiceFixture } from '../helpers/twilio';
import { CLIENT_NUMBERS, createFuzzClients, KNOWN_CALLERS } from './support/clients';
import { expectHandled, expectSmsTwiml, expectVoiceTwiml, failResponse } from './support/properties';
import { useFuzzService, type FuzzResponse } from './support/service';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './support/settings';
import { invalidStoredDocuments } from './support/stored';
import { encodeForm } from './support/form';
import { nextPaths, twilioRequest } from './support/twilio-requests';

const service = useFuzzService(__filename);

beforeAll(async () => {
  await createFuzzClients();
});

function voicePath(t: Target, sid: string, other: string, offered: string[]): string {
  if (t.kind === 'follow')
    return offered.length ? offered[t.index % offered.length]! : '/webhooks/voice/incoming';
  const query = new URLSearchParams();
  // Values stay well under Node's 16 kB of headers (beyond it Node itself answers 431).
  if (t.turn !== undefined) query.set('turn', t.turn.slice(0, 500));
  const parent =
    t.parent === 'same' ? sid : t.parent === 'other' ? other : t.parent === 'none' ? undefined : t.parent;
  if (parent !== undefined) query.set('parent', parent.slice(0, 500));
  const q = query.toString();
  return `/webhooks/voice/${t.route}${q ? `?${q}` : ''}`;
}

/**
 * What a refused signature may answer: 403, or a 4xx that refuses the envelope before the signature
 * is read (a body too large, too many fields, a charset or encoding body-parser does not read).
 */
function expectRefused(res: FuzzResponse, envelope: Envelope): void {
  const honest = envelope.contentType === FORM && !envelope.rawBody && !envelope.contentEncoding;
  const refused = honest ? [403, 413, 414, 431].includes(res.status) : res.status >= 400 && res.status < 500;
  if (!refused) failResponse(res, 'a request Twilio did not sign was not refused');
}

// Mostly the honest envelope within a call: each hostile step ends its way into the flow.
const step = fc.record({
  target,
  envelope: fc.oneof({ weight: 3, arbitrary: fc.constant<Envelope>({ contentType: FORM }) }, formEnvelope),
  signing,
});

const call = fc
  .record({
    sid: callSid,
    other: callSid,
    steps: fc.array(step, { minLength: 1, maxLength: 6 }),
    // Half the calls end as Twilio ends them, so that calls and messages get stored.
    hangUp: fc.boolean(),
  })
  .chain((c) =>
    fc
      .array(voiceParams(c.sid, CLIENT_NUMBERS, KNOWN_CALLERS), {
        minLength: c.steps.length,
        maxLength: c.steps.length,
      })
      .map((params) => ({ ...c, steps: c.steps.map((s, i) => ({ ...s, params: params[i]! })) })),
  );

describe('fuzzed Twilio webhooks', () => {
  it(
    'answer every call step with TwiML or a 4xx, and never a server error',
    async () => {
      const { config, send } = service;
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(call, async ({ sid, other, steps, hangUp }) => {
          let offered: string[] = [];
          for (const s of steps) {
            const path = voicePath(s.target, sid, other, offered);
            const res = await send(
              twilioRequest({
                path,
                params: s.params,
                envelope: s.envelope,
                signing: s.signing,
                authToken: config().twilio.authToken,
                publicBaseUrl: config().publicBaseUrl,
                parameterLimit: 200,
              }),
            );
            requests += 1;
            expectHandled(res);
            if (s.signing !== 'valid') expectRefused(res, s.envelope);
            if (res.status === 200)
              offered = nextPaths(expectVoiceTwiml(res, config().publicBaseUrl), config().publicBaseUrl);
          }
          if (hangUp) {
            const to =
              steps.map((st) => st.params.To).find((t) => typeof t === 'string') ?? CLIENT_NUMBERS[0]!;
            const params = {
              ...voiceFixture(sid, KNOWN_CALLERS[0]!, to as string),
              CallStatus: 'completed',
              CallDuration: '42',
            };
            const res = await send(
              twilioRequest({
                path: '/webhooks/voice/status',
                params,
                envelope: { contentType: FORM },
                signing: 'valid',
                authToken: config().twilio.authToken,
                publicBaseUrl: config().publicBaseUrl,
                parameterLimit: 200,
              }),
            );
            requests += 1;
            expectHandled(res);
            if (res.status === 200) expectVoiceTwiml(res, config().publicBaseUrl);
          }
        }),
        fuzzParameters('voice webhooks (calls of 1 to 6 steps)', 0.25),
      );
      console.log(`fuzz voice webhooks: ${requests} requests`);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'answer every SMS with one TwiML message or a 4xx',
    async () => {
      const { config, send } = service;
      const sms = fc.record({
        params: smsParams(KNOWN_CALLERS, CLIENT_NUMBERS),
        envelope: formEnvelope,
        signing,
        query: fc.option(nastyText, { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(sms, async ({ params, envelope, signing: how, query }) => {
          const path = `/webhooks/sms/incoming${query === undefined ? '' : `?${encodeForm([['q', query.slice(0, 500)]])}`}`;
          const res = await send(
            twilioRequest({
              path,
              params,
              envelope,
              signing: how,
              authToken: config().twilio.authToken,
              publicBaseUrl: config().publicBaseUrl,
              parameterLimit: 1000,
            }),
          );
          expectHandled(res);
          if (how !== 'valid') expectRefused(res, envelope);
          if (res.status === 200) expectSmsTwiml(res);
          else if (res.status < 400) failResponse(res, 'the SMS webhook answered neither TwiML nor a 4xx');
        }),
        fuzzParameters('SMS webhook', 0.1),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  afterAll(() => {});

  it('stored nothing invalid', async () => {
    const { checked, invalid } = await invalidStoredDocuments();
    console.log(`fuzz Twilio webhooks: ${checked} stored documents checked`);
    expect(invalid).toEqual([]);
  });
});

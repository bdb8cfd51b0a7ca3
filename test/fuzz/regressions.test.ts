/**
 * Failures the fuzz suite found, each pinned as an ordinary example so that it stays fixed even if
 * the generators change.
 */
import { newCallSid, voiceParams } from '../helpers/twilio';
import { CLIENT_NUMBERS, createFuzzClients } from './support/clients';
import { encodeForm, entriesOf, signatureFor } from './support/form';
import { expectHandled, expectVoiceTwiml } from './support/properties';
import { useFuzzService } from './support/service';
import { FORM } from './arbitraries/http';

const service = useFuzzService(__filename);

beforeAll(async () => {
  await createFuzzClients();
});

function signedPost(path: string, params: Record<string, string>) {
  const { twilio, publicBaseUrl } = service.config();
  const body = encodeForm(entriesOf(params));
  return service.send({
    method: 'POST',
    path,
    headers: {
      'content-type': FORM,
      'x-twilio-signature': signatureFor(twilio.authToken, `${publicBaseUrl}${path}`, body, FORM, 200),
    },
    body,
  });
}

describe('fuzz regressions', () => {
  it('when a recording arrives after the call ended, then the fail-safe answers and only a warning is logged', async () => {
    const sid = newCallSid();
    const params = voiceParams(sid, '+33612345678', CLIENT_NUMBERS[0]!);
    expect((await signedPost('/webhooks/voice/incoming', params)).status).toBe(200);
    const ended = await signedPost('/webhooks/voice/status', {
      ...params,
      CallStatus: 'completed',
      CallDuration: '12',
    });
    expect(ended.status).toBe(200);

    const late = await signedPost('/webhooks/voice/recording?turn=1', { ...params, RecordingDuration: '0' });

    expectHandled(late);
    expectVoiceTwiml(late, service.config().publicBaseUrl);
    expect(late.logs.map((l) => l.level)).toContain('warn');
  });
});

/**
 * Deletes recordings at Twilio (`DELETE /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json`)
 * through the twilio SDK and the project's HTTP client (configurable API base, error classes).
 */
import twilio from 'twilio';
import type { RecordingDeleter } from '../app/recording-deletions';
import { TwilioHttpClient } from '../notify/channels/twilio';
import { NotFoundAtProviderError } from '../notify/errors';

export function twilioRecordingDeleter(opts: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
}): RecordingDeleter {
  const client = twilio(opts.accountSid, opts.authToken, {
    httpClient: new TwilioHttpClient(opts.apiBaseUrl),
  });
  return {
    async deleteRecording(sid) {
      try {
        await client.recordings(sid).remove();
        return 'deleted';
      } catch (err) {
        // Deleted before (by us, by the account's owner, by Twilio's own retention): the goal holds.
        if (err instanceof NotFoundAtProviderError) return 'already-gone';
        throw err;
      }
    },
  };
}

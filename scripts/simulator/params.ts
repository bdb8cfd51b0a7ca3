/**
 * The parameters Twilio puts on every voice request, and the identifiers it mints.
 */
import { randomBytes } from 'node:crypto';

export type SidPrefix = 'CA' | 'RE' | 'TR';

/** A Twilio-shaped SID: two-letter prefix and 32 lowercase hex characters. */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Country codes of the calling codes this project meets; Twilio sends the ISO country of each number. */
const COUNTRY_BY_PREFIX: readonly [string, string][] = [
  ['+33', 'FR'],
  ['+32', 'BE'],
  ['+41', 'CH'],
  ['+352', 'LU'],
  ['+377', 'MC'],
  ['+44', 'GB'],
  ['+49', 'DE'],
  ['+34', 'ES'],
  ['+39', 'IT'],
  ['+1', 'US'],
];

export function countryOf(number: string): string {
  const match = COUNTRY_BY_PREFIX.filter(([prefix]) => number.startsWith(prefix)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match ? match[1] : '';
}

export interface LegIdentity {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
  direction: 'inbound' | 'outbound-dial';
  parentCallSid?: string;
}

/** Parameters common to every request of a leg, including the legacy Caller/Called family. */
export function baseParams(leg: LegIdentity, callStatus: string): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: leg.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: leg.callSid,
    CallStatus: callStatus,
    Direction: leg.direction,
    From: leg.from,
    To: leg.to,
    Caller: leg.from,
    Called: leg.to,
  };
  for (const [side, number] of [
    ['From', leg.from],
    ['To', leg.to],
    ['Caller', leg.from],
    ['Called', leg.to],
  ] as const) {
    params[`${side}Country`] = countryOf(number);
    params[`${side}City`] = '';
    params[`${side}State`] = '';
    params[`${side}Zip`] = '';
  }
  if (leg.parentCallSid) params.ParentCallSid = leg.parentCallSid;
  return params;
}

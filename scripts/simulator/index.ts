/**
 * The caller simulator as a library: `simulateCall` plays Twilio against the running service and
 * returns a structured report. The CLI (cli.ts), the scenario runner and the benchmark all call it.
 */
import { parseEnv } from '../../src/config/env';
import type { CalleeBehaviour, CallerStep } from './behaviour';
import { CallRun } from './call';
import { Transport } from './http';
import type { CallReport } from './report';

export interface SimulateCallOptions {
  /** The dialled number: a client's dedicated number (E.164). */
  to: string;
  /** The caller's number (E.164). @defaultValue '+33612345678' */
  from?: string;
  /** The caller's inputs in order: each `<Gather>` consumes one; a `<Record>` consumes a `say`/`hangup`. */
  caller?: readonly CallerStep[];
  /** The caller never presses or says anything; recordings come out empty. @defaultValue false */
  silent?: boolean;
  /** Behaviour of each callee rung by `<Dial>`, in order; the last repeats. @defaultValue nobody answers */
  callees?: readonly CalleeBehaviour[];
  /** Where requests go. @defaultValue PUBLIC_BASE_URL (or http://localhost:PORT) */
  baseUrl?: string;
  /**
   * The URL signatures are computed over. @defaultValue PUBLIC_BASE_URL when set in the environment,
   * else `baseUrl`
   */
  publicBaseUrl?: string;
  /** @defaultValue TWILIO_ACCOUNT_SID or the development SID */
  accountSid?: string;
  /** @defaultValue TWILIO_AUTH_TOKEN or the development token */
  authToken?: string;
  /** @defaultValue TWILIO_MEDIA_BASE_URL */
  mediaBaseUrl?: string;
  /** Guard against redirect loops: at most this many TwiML requests per call. @defaultValue 60 */
  maxRequests?: number;
  /** Twilio's response deadline. @defaultValue 15000 */
  timeoutMs?: number;
  /** Seconds a bridged conversation lasts. @defaultValue 42 */
  talkSeconds?: number;
  /** What the caller says into a `<Record>` when no `say` is queued. */
  recordedMessage?: string;
  /** The environment to read configuration from. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_RECORDED_MESSAGE =
  "Bonjour, c'est Camille Martin, je vous appelle au sujet du devis pour la cuisine. Rappelez-moi au 06 12 34 56 78, merci.";

export async function simulateCall(options: SimulateCallOptions): Promise<CallReport> {
  const env = options.env ?? process.env;
  const config = parseEnv(env);
  const baseUrl = (options.baseUrl ?? config.publicBaseUrl).replace(/\/+$/, '');
  const publicBaseUrl = options.publicBaseUrl ?? (env.PUBLIC_BASE_URL ? config.publicBaseUrl : baseUrl);
  const transport = new Transport({
    publicBaseUrl,
    targetBaseUrl: baseUrl,
    authToken: options.authToken ?? config.twilio.authToken,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  const run = new CallRun({
    from: options.from ?? '+33612345678',
    to: options.to,
    caller: options.caller ?? [],
    silent: options.silent ?? false,
    callees: options.callees ?? [],
    maxRequests: options.maxRequests ?? 60,
    transport,
    settings: {
      accountSid: options.accountSid ?? config.twilio.accountSid,
      mediaBaseUrl: (options.mediaBaseUrl ?? config.twilio.mediaBaseUrl).replace(/\/+$/, ''),
      talkSeconds: options.talkSeconds ?? 42,
      recordedMessage: options.recordedMessage ?? DEFAULT_RECORDED_MESSAGE,
    },
  });
  return run.run();
}

export type { CallReport, Outcome, Problem, Heard, Action, RequestRecord, TimelineEntry } from './report';
export type { CallerStep, CalleeBehaviour } from './behaviour';
export { parseCalleeSpec } from './behaviour';

/**
 * Scenario files: a call to place (numbers, the caller's and callees' behaviour) and what must come
 * of it. Format documented in test/fixtures/scenarios/README.md.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { e164PhoneSchema } from '../../src/domain/phone';
import { BehaviourError, parseCalleeSpec } from './behaviour';
import type { CallerStep } from './behaviour';
import { OUTCOMES, type CallReport } from './report';

/** Outcomes the service stores on the Call document (src/flow OUTCOMES). */
export const STORED_OUTCOMES = [
  'transferred',
  'appointment',
  'message',
  'information',
  'rejected',
  'abandoned',
  'failed',
] as const;

const digits = z.string().regex(/^[0-9*#w]+$/, 'expected DTMF digits (0-9, *, #)');

const callerStepSchema = z.union([
  z.strictObject({ press: digits }),
  z.strictObject({ say: z.string().min(1) }),
  z.strictObject({ silence: z.literal(true) }),
  z.strictObject({ hangup: z.literal(true) }),
]);

const calleeSchema = z.string().transform((spec, ctx) => {
  try {
    return parseCalleeSpec(spec);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: error instanceof BehaviourError ? error.message : String(error),
    });
    return z.NEVER;
  }
});

/** What must be in MongoDB after the call; checked by the end-to-end test, not by the CLI. */
const storedSchema = z.strictObject({
  /** The Message of this call (found by CallSid); `null`: no message may be stored. */
  message: z
    .strictObject({
      callerName: z.string().optional(),
      /** A substring of the stored reason (case, accents and spacing ignored). */
      reason: z.string().optional(),
      urgent: z.boolean().optional(),
      /** E.164 or digits, exactly as stored. */
      callbackNumber: z.string().optional(),
      /** A voice recording is attached (`true`) or not (`false`). */
      recording: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  /** The Call's outcome. */
  outcome: z.enum(STORED_OUTCOMES).optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  /**
   * The instant the service's clock is pinned to (ISO 8601 with an offset), so that open/closed paths
   * are deterministic. Only an in-process service can be pinned (the end-to-end test does it).
   */
  at: z.iso.datetime({ offset: true }).optional(),
  /** A fixture profile in test/fixtures/clients/<client>.json; without it, the demo client. */
  client: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a fixture name such as english-office')
    .optional(),
  from: e164PhoneSchema,
  to: e164PhoneSchema,
  caller: z.array(callerStepSchema).default([]),
  silent: z.boolean().default(false),
  callee: z.array(calleeSchema).default([]),
  expect: z
    .strictObject({
      outcome: z.enum(OUTCOMES).optional(),
      /** Substrings the caller hears, in this order (case, accents and spacing ignored). */
      heard: z.array(z.string()).default([]),
      notHeard: z.array(z.string()).default([]),
      calleeHeard: z.array(z.string()).default([]),
      transferredTo: e164PhoneSchema.optional(),
      requests: z
        .strictObject({
          /** Paths requested, in this order (others may come between). */
          include: z.array(z.string()).default([]),
          max: z.number().int().positive().optional(),
          /** Every request answered 2xx. */
          allOk: z.boolean().default(true),
        })
        .prefault({}),
      /** Problem codes allowed; without it, no error-level problem may be flagged. */
      problems: z.array(z.number().int()).optional(),
      stored: storedSchema.optional(),
    })
    .prefault({}),
});

export type StoredExpectation = z.output<typeof storedSchema>;

/** What the service stored for one call, as the end-to-end test reads it from MongoDB. */
export interface StoredCall {
  message: {
    callerName: string;
    reason: string;
    urgent: boolean;
    callbackNumber: string;
    recording: unknown;
  } | null;
  /** The Call's outcome, or null when no Call document exists. */
  outcome: string | null;
}

/** Every way the stored data misses `expect.stored`; empty when it meets it (or nothing is expected). */
export function checkStored(scenario: Scenario, stored: StoredCall): string[] {
  const wanted = scenario.expect.stored;
  if (!wanted) return [];
  const failures: string[] = [];
  if (wanted.outcome !== undefined && stored.outcome !== wanted.outcome) {
    failures.push(`stored outcome is ${stored.outcome ?? 'absent (no call)'}, expected ${wanted.outcome}`);
  }
  if (wanted.message === null && stored.message) {
    failures.push(`a message was stored (${JSON.stringify(stored.message)}), expected none`);
  }
  const m = wanted.message;
  if (m) {
    const got = stored.message;
    if (!got) return [...failures, 'no message was stored'];
    if (m.callerName !== undefined && got.callerName !== m.callerName)
      failures.push(`stored callerName is "${got.callerName}", expected "${m.callerName}"`);
    if (m.reason !== undefined && !normalise(got.reason).includes(normalise(m.reason)))
      failures.push(`stored reason "${got.reason}" does not contain "${m.reason}"`);
    if (m.urgent !== undefined && got.urgent !== m.urgent)
      failures.push(`stored urgent is ${got.urgent}, expected ${m.urgent}`);
    if (m.callbackNumber !== undefined && got.callbackNumber !== m.callbackNumber)
      failures.push(`stored callbackNumber is "${got.callbackNumber}", expected "${m.callbackNumber}"`);
    if (m.recording !== undefined && Boolean(got.recording) !== m.recording)
      failures.push(`stored message ${got.recording ? 'has' : 'has no'} recording, expected the opposite`);
  }
  return failures;
}

export type Scenario = z.output<typeof scenarioSchema>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

export async function loadScenario(file: string): Promise<Scenario> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ScenarioError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

/** What a live server cannot honour: the CLI warns, the end-to-end test honours them. */
export function scenarioWarnings(scenario: Scenario): string[] {
  const warnings: string[] = [];
  if (scenario.at) {
    warnings.push(
      `the scenario is meant to run at ${scenario.at}, but a live server's clock is not pinned: open/closed paths follow its own clock`,
    );
  }
  if (scenario.client) {
    warnings.push(
      `the scenario dials the fixture client "${scenario.client}" (test/fixtures/clients): it must be seeded on this server`,
    );
  }
  if (scenario.expect.stored) {
    warnings.push('expect.stored (what MongoDB holds afterwards) is checked by the end-to-end test only');
  }
  return warnings;
}

export function callerSteps(scenario: Scenario): CallerStep[] {
  return scenario.caller.map((step): CallerStep => {
    if ('press' in step) return { kind: 'press', digits: step.press };
    if ('say' in step) return { kind: 'say', text: step.say };
    if ('silence' in step) return { kind: 'silence' };
    return { kind: 'hangup' };
  });
}

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every way the report misses the expectation; empty when it meets it. */
export function checkExpectations(scenario: Scenario, report: CallReport): string[] {
  const failures: string[] = [];
  const { expect } = scenario;
  if (expect.outcome && report.outcome !== expect.outcome) {
    failures.push(`outcome is ${report.outcome}, expected ${expect.outcome}`);
  }
  const heardBy = (leg: 'caller' | 'callee') =>
    report.heard.filter((h) => h.leg === leg).map((h) => normalise(h.text));
  const inOrder = (texts: string[], wanted: string[], who: string) => {
    const all = texts.join(' | ');
    let from = 0;
    for (const want of wanted) {
      const found = all.indexOf(normalise(want), from);
      if (found < 0) {
        failures.push(
          `${who} did not hear "${want}"${from > 0 ? ' after the previous expected phrase' : ''}`,
        );
        return;
      }
      from = found + normalise(want).length;
    }
  };
  inOrder(heardBy('caller'), expect.heard, 'the caller');
  inOrder(heardBy('callee'), expect.calleeHeard, 'the callee');
  const everything = heardBy('caller').join(' | ');
  for (const banned of expect.notHeard) {
    if (everything.includes(normalise(banned))) failures.push(`the caller heard "${banned}"`);
  }
  if (
    expect.transferredTo &&
    !report.transfers.some((t) => t.bridged && t.answeredBy === expect.transferredTo)
  ) {
    failures.push(`the call was not bridged with ${expect.transferredTo}`);
  }
  const paths = report.requests.map((r) => r.path);
  let from = 0;
  for (const path of expect.requests.include) {
    const found = paths.indexOf(path, from);
    if (found < 0) {
      failures.push(`no request to ${path}${from > 0 ? ' after the previous expected path' : ''}`);
      break;
    }
    from = found + 1;
  }
  if (expect.requests.max !== undefined && report.requests.length > expect.requests.max) {
    failures.push(`${report.requests.length} requests, expected at most ${expect.requests.max}`);
  }
  if (expect.requests.allOk) {
    for (const r of report.requests.filter((r) => r.status < 200 || r.status >= 300)) {
      failures.push(`${r.method} ${r.path} answered ${r.status || 'nothing'}`);
    }
  }
  const allowed = new Set(expect.problems ?? []);
  for (const p of report.problems.filter((p) => p.severity === 'error')) {
    if (p.code === null || !allowed.has(p.code)) failures.push(`problem: ${p.message}`);
  }
  return failures;
}

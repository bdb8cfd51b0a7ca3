/**
 * Collects what happens during a call into the report, keeping one ordered timeline beside the
 * per-kind lists.
 */
import type { Action, CallReport, Heard, Leg, Problem, RequestRecord, TimelineEntry } from './report';

export class ReportRecorder {
  readonly heard: Heard[] = [];
  readonly actions: Action[] = [];
  readonly requests: RequestRecord[] = [];
  readonly problems: Problem[] = [];
  readonly timeline: TimelineEntry[] = [];
  readonly transfers: CallReport['transfers'] = [];
  readonly recordings: CallReport['recordings'] = [];

  hear(heard: Heard): void {
    this.heard.push(heard);
    this.timeline.push({ type: 'heard', ...heard });
  }

  act(leg: Leg, kind: Action['kind'], detail: string): void {
    const action: Action = { leg, kind, detail };
    this.actions.push(action);
    this.timeline.push({ type: 'action', ...action });
  }

  request(record: RequestRecord): void {
    this.requests.push(record);
    this.timeline.push({ type: 'request', ...record });
  }

  flag(problem: Problem): void {
    this.problems.push(problem);
    this.timeline.push({ type: 'problem', ...problem });
  }

  note(leg: Leg, text: string): void {
    this.timeline.push({ type: 'note', leg, text });
  }
}

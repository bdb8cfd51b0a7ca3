/**
 * The readable transcript of a call report. Colours only when asked (the CLI asks when stdout is a TTY).
 */
import type { CallReport, TimelineEntry } from './report';

type Paint = (code: number, text: string) => string;

const OUTCOME_TEXT: Record<CallReport['outcome'], string> = {
  transferred: 'transferred to a callee',
  message: 'message recorded',
  rejected: 'rejected before answer',
  hangup: 'hung up by the service',
  abandoned: 'the caller hung up',
  error: 'application error',
};

export function renderTranscript(report: CallReport, colour: boolean): string {
  const paint: Paint = colour ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text;
  const lines = [
    paint(1, `Call ${report.callSid}  ${report.from} → ${report.to}`),
    ...report.timeline.map((entry) => renderEntry(entry, paint)),
    '',
    paint(
      1,
      `Outcome: ${report.outcome} (${OUTCOME_TEXT[report.outcome]}), ${report.durationSeconds} s simulated`,
    ),
  ];
  for (const transfer of report.transfers) {
    lines.push(
      `  dial ${transfer.numbers.join(', ')}: ${transfer.dialCallStatus}` +
        (transfer.bridged ? `, bridged with ${transfer.answeredBy}` : ', not bridged'),
    );
  }
  for (const recording of report.recordings) {
    lines.push(`  recording ${recording.sid} (${recording.durationSeconds} s) ${recording.url}`);
  }
  const total = report.requests.reduce((sum, r) => sum + r.ms, 0);
  lines.push(`  ${report.requests.length} requests, ${Math.round(total)} ms in all`);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  lines.push(
    report.problems.length === 0
      ? paint(32, '  no problem Twilio would flag')
      : paint(errors ? 31 : 33, `  ${errors} error(s), ${warnings} warning(s) Twilio would flag`),
  );
  return lines.join('\n');
}

function renderEntry(entry: TimelineEntry, paint: Paint): string {
  const who = entry.type === 'problem' ? '' : entry.leg === 'callee' ? 'callee' : 'caller';
  const indent = entry.type !== 'problem' && entry.leg === 'callee' ? '    ' : '  ';
  switch (entry.type) {
    case 'heard': {
      const how = [entry.voice, entry.language].filter(Boolean).join(' ');
      const label = ['Say', 'System', 'Ringing', 'Beep'].includes(entry.verb)
        ? ''
        : `${entry.verb.toLowerCase()}: `;
      return `${indent}${paint(36, `${who} hears`)}${how ? paint(2, ` [${how}]`) : ''} ${label}${quote(entry)}`;
    }
    case 'action':
      return `${indent}${paint(35, who)} ${paint(35, entry.detail)}`;
    case 'request': {
      const status = entry.status === 0 ? 'no response' : String(entry.status);
      const ok = entry.status >= 200 && entry.status < 300;
      return `${indent}${paint(2, `→ ${entry.method} ${entry.path}`)} ${paint(ok ? 32 : 31, status)} ${paint(2, `${entry.ms} ms (${entry.purpose})`)}`;
    }
    case 'problem': {
      const code = entry.code === null ? '' : ` ${entry.code}`;
      return `  ${paint(entry.severity === 'error' ? 31 : 33, `! ${entry.severity}${code}:`)} ${entry.message}`;
    }
    case 'note':
      return `${indent}${paint(2, `· ${entry.text}`)}`;
  }
}

function quote(entry: Extract<TimelineEntry, { type: 'heard' }>): string {
  return entry.verb === 'Say' || entry.verb === 'System' ? `“${entry.text}”` : entry.text;
}

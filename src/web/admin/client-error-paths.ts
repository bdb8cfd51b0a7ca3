/** Which field of the client form produced a zod issue of `clientProfileSchema`. */
import type { AdminTexts } from './admin-texts';
import { indexAt, type PathMapper } from './field-errors';
import { ruleIssueField } from './rules-form';

/** Top-level profile fields whose issues belong to one form field of the same name. */
const SAME_NAME = [
  'name',
  'locale',
  'voice',
  'sector',
  'spokenName',
  'greetKnownCallers',
  'greeting',
  'timezone',
  'address',
  'fallbackNumber',
  'maxCallSeconds',
];
/** List fields typed one item per line. */
const LINE_FIELDS = ['numbers', 'vipNumbers', 'blockedNumbers', 'urgencyKeywords', 'vocabulary', 'closures'];

const NESTED: Record<string, Record<string, string>> = {
  override: { '': 'overrideUntil', mode: 'overrideMode', until: 'overrideUntil' },
  transfer: { mode: 'transferMode', callerId: 'callerId', screening: 'screening', outOfHours: 'outOfHours' },
  messageTaking: {
    recording: 'recording',
    transcribe: 'transcribe',
    maxRecordingSeconds: 'maxRecordingSeconds',
  },
  consent: { recordingNotice: 'recordingNotice' },
  safety: { '': 'emergencyAdviceMode', emergencyAdvice: 'emergencyAdvice' },
  retention: {
    messageDays: 'messageDays',
    recordingDays: 'recordingDays',
    transcriptionDays: 'transcriptionDays',
    callDays: 'callDays',
  },
  defaultAction: { '': 'defaultAction' },
};

const NOTIFICATIONS: Record<string, string> = {
  'sms.to': 'smsTo',
  sms: 'smsEnabled',
  'email.to': 'emailTo',
  email: 'emailEnabled',
  'webhook.secret': 'webhookSecret',
  webhook: 'webhookUrl',
  'escalation.delayMinutes': 'escalationDelay',
  'escalation.resends': 'escalationResends',
  'escalation.backup.name': 'backupName',
  escalation: 'backupNumber',
  digest: 'digestTime',
  'weeklyReport.to': 'weeklyTo',
  'weeklyReport.weekday': 'weeklyWeekday',
  weeklyReport: 'weeklyTime',
};

/** `ruleBlocks`: the builder block of each rule, as `rulesFromForm` read them. */
export function clientPathMapper(t: AdminTexts, ruleBlocks: readonly number[] = []): PathMapper {
  return (path) => {
    const [head, second] = path.map(String);
    if (head === undefined) return null;
    if (SAME_NAME.includes(head)) return { field: head };
    if (LINE_FIELDS.includes(head)) {
      const i = indexAt(path, 1);
      return { field: head, prefix: i === undefined ? '' : t.line(i + 1) };
    }
    if (head === 'weeklyHours' && second) {
      const i = indexAt(path, 2);
      return { field: `hours_${second}`, prefix: i === undefined ? '' : t.fieldMessage(t.range(i + 1), '') };
    }
    if (head === 'transferTargets') {
      const i = indexAt(path, 1);
      if (i === undefined) return { field: 'target0_name' };
      const part = path[2] === 'number' ? 'number' : path[2] === 'ringSeconds' ? 'ring' : 'name';
      return { field: `target${i}_${part}` };
    }
    if (head === 'rules') return { field: ruleIssueField(path, ruleBlocks) };
    if (head === 'notifications') {
      const rest = path.slice(1).map(String).join('.');
      const key = Object.keys(NOTIFICATIONS).find((k) => rest === k || rest.startsWith(`${k}.`));
      return key ? { field: NOTIFICATIONS[key]! } : null;
    }
    const nested = NESTED[head];
    const field = nested?.[second ?? ''] ?? nested?.[''];
    return field ? { field } : null;
  };
}

/**
 * The routing rules as form fields, one block of indexed fields per rule (`rules[0][name]`,
 * `rules[0][caller]`, `rules[0][days][mon]`…), and back: `rulesFromForm` builds exactly the JSON the
 * API takes (`routingRuleSchema` then validates it, like every other part of the profile).
 * A block left blank (no name, no condition, no text) is no rule: the form always ends with one.
 */
import { WEEKDAYS, type RoutingRule } from '../../flow/profile';
import { checked, type FormValues } from './form-values';

/** The field name of `part` in rule block `i`. */
export const ruleField = (i: number, part: string) => `rules[${i}][${part}]`;
export const dayField = (i: number, day: string) => `rules[${i}][days][${day}]`;

/** The tri-state selects: unset means the condition does not matter. */
export const OPEN_CHOICES = { '': undefined, open: true, closed: false } as const;
export const SPEECH_CHOICES = { '': undefined, yes: true, no: false } as const;

/** The submit buttons of the builder without JavaScript: `up:2`, `down:2`, `remove:2`, `add`. */
export const RULES_OP = '_rules';

const BLOCK = /^rules\[(\d+)\]\[/;

/** The block indexes present in the posted form, in order. */
export function ruleBlocks(v: FormValues): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(v)) {
    const m = BLOCK.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

const CONDITION_PARTS = ['open', 'caller', 'menuChoice', 'urgentSpeech', 'start', 'end'];

function isBlank(v: FormValues, i: number): boolean {
  const get = (p: string) => (v[ruleField(i, p)] ?? '').trim();
  return (
    !get('name') &&
    !get('text') &&
    CONDITION_PARTS.every((p) => !get(p)) &&
    WEEKDAYS.every((d) => !checked(v[dayField(i, d)]))
  );
}

/** A tri-state select's value; an unknown one goes to the schema as typed, so its error lands on the field. */
function triState(table: Record<string, boolean | undefined>, raw: string | undefined): unknown {
  const key = raw ?? '';
  return Object.hasOwn(table, key) ? table[key] : key;
}

function ruleOf(v: FormValues, i: number): unknown {
  const get = (p: string) => v[ruleField(i, p)] ?? '';
  const when: Record<string, unknown> = {};
  const open = triState(OPEN_CHOICES, get('open'));
  if (open !== undefined) when.open = open;
  const start = get('start').trim();
  const end = get('end').trim();
  const days = WEEKDAYS.filter((d) => checked(v[dayField(i, d)]));
  if (start || end || days.length) {
    // Days alone mean the whole of each day.
    const whole = !start && !end;
    when.timeWindow = {
      ...(days.length ? { days } : {}),
      start: whole ? '00:00' : start,
      end: whole ? '24:00' : end,
    };
  }
  if (get('caller')) when.caller = get('caller');
  if (get('menuChoice')) when.menuChoice = get('menuChoice');
  const urgent = triState(SPEECH_CHOICES, get('urgentSpeech'));
  if (urgent !== undefined) when.urgentSpeech = urgent;
  const type = get('action') || 'message';
  const then = type === 'say' ? { type, text: get('text'), thenMenu: checked(get('thenMenu')) } : { type };
  return { name: get('name').trim(), when, then };
}

/** The rules the form describes, and the form block of each (for its errors). */
export function rulesFromForm(v: FormValues): { input: unknown[]; blocks: number[] } {
  const blocks = ruleBlocks(v).filter((i) => !isBlank(v, i));
  return { input: blocks.map((i) => ruleOf(v, i)), blocks };
}

const key = <T>(table: Record<string, T>, value: T) =>
  Object.keys(table).find((k) => table[k] === value) ?? '';

/** The form fields of saved rules, block `i` for rule `i`. */
export function rulesToForm(rules: readonly RoutingRule[]): FormValues {
  const v: FormValues = {};
  rules.forEach((r, i) => {
    const set = (p: string, value: string) => (v[ruleField(i, p)] = value);
    set('name', r.name);
    set('open', key(OPEN_CHOICES, r.when.open));
    set('caller', r.when.caller ?? '');
    set('menuChoice', r.when.menuChoice ?? '');
    set('urgentSpeech', key(SPEECH_CHOICES, r.when.urgentSpeech));
    set('start', r.when.timeWindow?.start ?? '');
    set('end', r.when.timeWindow?.end ?? '');
    for (const d of r.when.timeWindow?.days ?? []) v[dayField(i, d)] = 'on';
    set('action', r.then.type);
    set('text', r.then.type === 'say' ? r.then.text : '');
    set('thenMenu', r.then.type === 'say' && !r.then.thenMenu ? '' : 'on');
  });
  return v;
}

/** Which builder field an issue at `rules.<i>.…` belongs to. */
export function ruleIssueField(path: readonly PropertyKey[], blocks: readonly number[]): string {
  const i = typeof path[1] === 'number' ? (blocks[path[1]] ?? path[1]) : (blocks[0] ?? 0);
  const [, , head, second, third] = path.map(String);
  if (head === 'when') {
    if (second === 'timeWindow')
      return third === 'end'
        ? ruleField(i, 'end')
        : third === 'days'
          ? ruleField(i, 'days')
          : ruleField(i, 'start');
    return ruleField(i, second ?? 'open');
  }
  if (head === 'then')
    return second === 'text' || second === 'thenMenu' ? ruleField(i, second) : ruleField(i, 'action');
  return ruleField(i, 'name');
}

/** Whether block `i` of the form is blank (no rule). */
export const blankBlock = (v: FormValues, i: number) => isBlank(v, i);

/** The blocks' fields under new indexes 0…n-1, in the order given. */
function renumber(v: FormValues, order: number[]): FormValues {
  const out: FormValues = {};
  for (const [k, value] of Object.entries(v)) if (!BLOCK.test(k)) out[k] = value;
  order.forEach((from, to) => {
    const prefix = `rules[${from}][`;
    for (const [k, value] of Object.entries(v))
      if (k.startsWith(prefix)) out[`rules[${to}][${k.slice(prefix.length)}`] = value;
  });
  return out;
}

/**
 * What a builder button asks, done on the posted values (without JavaScript the buttons submit the
 * form; nothing is saved). Null when `op` is no builder operation.
 */
export function applyRulesOp(v: FormValues, op: string): FormValues | null {
  const blocks = ruleBlocks(v);
  const [verb, at] = op.split(':');
  const pos = blocks.indexOf(Number(at));
  const order = [...blocks];
  const { [RULES_OP]: _, ...rest } = v;
  switch (verb) {
    case 'add':
      return { ...renumber(rest, order), [ruleField(order.length, 'name')]: '' };
    case 'remove':
      if (pos < 0) return null;
      order.splice(pos, 1);
      return renumber(rest, order);
    case 'up':
    case 'down': {
      const other = verb === 'up' ? pos - 1 : pos + 1;
      if (pos < 0 || other < 0 || other >= order.length) return renumber(rest, order);
      [order[pos], order[other]] = [order[other]!, order[pos]!];
      return renumber(rest, order);
    }
    default:
      return null;
  }
}

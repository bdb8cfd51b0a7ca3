/**
 * The arguments of `npm run reports:rebuild`, parsed with node's parseArgs and checked with zod:
 * one client or all of them, and a range of days.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { calendarDateSchema } from '../../src/domain/calendar';
import { daysBetween } from '../../src/domain/report-figures';

export const REBUILD_HELP = `Rebuilds the reports' day and month rollups from the calls, messages and notifications on record.

Usage: npm run reports:rebuild -- (--client <id> | --all) --from YYYY-MM-DD --to YYYY-MM-DD

  --client <id>   one client (its id, 24 hexadecimal characters)
  --all           every client
  --from <day>    first day, in each client's calendar
  --to <day>      last day, inclusive
  -h, --help      this help

Uses MONGODB_URI, or the services a running \`npm run dev\` wrote to var/dev-services.json.
`;

/** Ten years of days: longer is surely a typo. */
const MAX_DAYS = 3660;

export const rebuildArgsSchema = z
  .object({
    client: z
      .string()
      .regex(/^[0-9a-f]{24}$/i, 'expected a client id (24 hexadecimal characters)')
      .optional(),
    all: z.boolean(),
    from: calendarDateSchema,
    to: calendarDateSchema,
  })
  .superRefine((a, ctx) => {
    if (Boolean(a.client) === a.all)
      ctx.addIssue({ code: 'custom', path: ['client'], message: 'give either --client <id> or --all' });
    if (a.from > a.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the last day comes before the first' });
    else if (daysBetween(a.from, a.to).length > MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_DAYS} days at once` });
  });
export type RebuildArgs = z.infer<typeof rebuildArgsSchema>;

export type ParsedArgs = { help: true } | { help: false; args: RebuildArgs } | { help: false; error: string };

/** The arguments, `--help`, or a one-line error naming the argument at fault. */
export function parseRebuildArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        client: { type: 'string' },
        all: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return { help: false, error: (err as Error).message.split('\n')[0]! };
  }
  if (values.help) return { help: true };
  const parsed = rebuildArgsSchema.safeParse(values);
  if (parsed.success) return { help: false, args: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  const given = name === 'from' || name === 'to' ? values[name] : undefined;
  return {
    help: false,
    error:
      given === undefined && (name === 'from' || name === 'to')
        ? `--${name}: missing (YYYY-MM-DD)`
        : `--${name}: ${issue.message}${given ? ` (got "${given}")` : ''}`,
  };
}

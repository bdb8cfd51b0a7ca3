/**
 * Command-line arguments of `npm run call`. Hand-written because order matters: `--press` and `--say`
 * are consumed by successive gathers in the order given, and `--press` right after `--answer` is the
 * callee's key.
 */
import { parseCalleeSpec, parseDigits, type CalleeBehaviour, type CallerStep } from './behaviour';

export const HELP = `Usage: npm run call -- --to <client number> [--from <caller number>] [caller] [callee] [options]
       npm run call -- --scenario <file.json> [options]

Plays Twilio's side of one inbound call against the running service and prints what happened.

Caller behaviour (consumed in the order given, one per <Gather>; <Record> takes a --say or --hangup):
  --press <digits>     press keys at the next gather (e.g. 2, 1234#)
  --say <text>         speak at the next gather (SpeechResult), or leave this message at a <Record>
  --wait               give no input at the next gather (it times out) or record nothing
  --hangup             hang up at the next gather, or right after the message at a <Record>
  --silent             never give any input; recordings are empty
  With no input left, gathers time out and <Record> gets a fixed spoken message.

Callee behaviour (one per number a <Dial> rings, in order; the last repeats; default: no-answer):
  --callee answer      picks up but presses nothing: the whisper's gather times out
  --callee answer:<d>  picks up and presses <d> at the whisper's gather (e.g. answer:1 accepts)
  --callee no-answer   lets it ring until the dial timeout
  --callee busy        is busy
  --callee decline     picks up, hears the whisper, hangs up
  Aliases: --answer, --answer --press <d> (that --press, right after --answer, is the callee's key),
           --no-answer, --busy, --decline.

Options:
  --base-url <url>         where requests go (default PUBLIC_BASE_URL or http://localhost:PORT)
  --public-base-url <url>  URL signatures are computed over (default PUBLIC_BASE_URL if set, else --base-url)
  --scenario <file>        run a scenario file and check its expectations (exit 1 when they fail)
  --json                   print the report as JSON instead of the transcript
  --max-requests <n>       loop guard: TwiML requests allowed in one call (default 60)
  --timeout-ms <n>         response deadline, Twilio's is 15000
  --no-color               no ANSI colours even on a terminal
  -h, --help               this text

Exit code: 0 when the call ran with no error Twilio would flag (and the scenario's expectations held),
1 otherwise, 2 on bad arguments.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  help: boolean;
  json: boolean;
  colour: boolean | undefined;
  scenario?: string;
  to?: string;
  from?: string;
  caller: CallerStep[];
  silent: boolean;
  callees: CalleeBehaviour[];
  baseUrl?: string;
  publicBaseUrl?: string;
  maxRequests?: number;
  timeoutMs?: number;
}

const CALLEE_ALIASES = new Set(['--no-answer', '--busy', '--decline']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    help: false,
    json: false,
    colour: undefined,
    caller: [],
    silent: false,
    callees: [],
  };
  const tokens = argv.flatMap((token) => {
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    return eq > 0 ? [token.slice(0, eq), token.slice(eq + 1)] : [token];
  });
  let i = 0;
  const value = (flag: string): string => {
    const next = tokens[++i];
    if (next === undefined || (next.startsWith('--') && next.length > 2)) {
      throw new UsageError(`${flag} needs a value`);
    }
    return next;
  };
  const positive = (flag: string): number => {
    const n = Number(value(flag));
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive integer`);
    return n;
  };
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (CALLEE_ALIASES.has(token)) {
      args.callees.push(parseCalleeSpec(token.slice(2)));
      continue;
    }
    switch (token) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--to':
        args.to = value(token);
        break;
      case '--from':
        args.from = value(token);
        break;
      case '--press':
        args.caller.push({ kind: 'press', digits: parseDigits(value(token)) });
        break;
      case '--say':
        args.caller.push({ kind: 'say', text: value(token) });
        break;
      case '--wait':
        args.caller.push({ kind: 'silence' });
        break;
      case '--hangup':
        args.caller.push({ kind: 'hangup' });
        break;
      case '--silent':
        args.silent = true;
        break;
      case '--callee':
        args.callees.push(parseCalleeSpec(value(token)));
        break;
      case '--answer':
        if (tokens[i + 1] === '--press') {
          i += 1;
          args.callees.push({ kind: 'answer', press: parseDigits(value('--answer --press')) });
        } else {
          args.callees.push({ kind: 'answer' });
        }
        break;
      case '--base-url':
        args.baseUrl = url(value(token), token);
        break;
      case '--public-base-url':
        args.publicBaseUrl = url(value(token), token);
        break;
      case '--scenario':
        args.scenario = value(token);
        break;
      case '--json':
        args.json = true;
        break;
      case '--no-color':
        args.colour = false;
        break;
      case '--max-requests':
        args.maxRequests = positive(token);
        break;
      case '--timeout-ms':
        args.timeoutMs = positive(token);
        break;
      default:
        throw new UsageError(`Unknown argument "${token}" (see --help)`);
    }
  }
  if (args.help) return args;
  if (args.scenario) {
    if (args.to || args.from || args.caller.length || args.silent || args.callees.length) {
      throw new UsageError('--scenario takes the numbers and behaviours from the file: drop the other flags');
    }
    return args;
  }
  if (!args.to) throw new UsageError('--to <client number> is required (or --scenario <file>)');
  if (args.silent && args.caller.length)
    throw new UsageError('--silent cannot be combined with --press/--say');
  return args;
}

function url(text: string, flag: string): string {
  try {
    return new URL(text).toString().replace(/\/+$/, '');
  } catch {
    throw new UsageError(`${flag} needs an absolute URL such as http://localhost:3000`);
  }
}

/**
 * `npm run reports:rebuild -- (--client <id> | --all) --from YYYY-MM-DD --to YYYY-MM-DD`: rebuilds
 * the reports' rollups of past days (after an import, a fix of the figures, a restore), in passes
 * of consecutive days (a year per pass for 20 clients), with a line per pass. Exit code 2 on bad arguments, 1 when the rebuild fails.
 */
import mongoose from 'mongoose';
import { rebuildRange } from '../src/app/report-rollups';
import { parseEnv } from '../src/config/env';
import { listClients } from '../src/store/clients';
import { connectMongo } from '../src/store/mongo';
import { bold, dim, green, red, seconds, step } from './lib/console';
import { parseRebuildArgs, REBUILD_HELP } from './lib/rebuild-args';
import { withDevServices } from './lib/services';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseRebuildArgs(argv);
  if (parsed.help) {
    process.stdout.write(REBUILD_HELP);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`${red('✗')} ${parsed.error} ${dim('(--help for usage)')}`);
    return 2;
  }
  const { args } = parsed;
  const config = parseEnv(withDevServices(process.env));
  await connectMongo(config.mongodbUri);
  try {
    if (args.client && !(await listClients()).some((c) => c.id === args.client)) {
      console.error(`${red('✗')} --client: no client has the id ${args.client}`);
      return 2;
    }
    const started = Date.now();
    step(
      `Rebuilding the reports of ${args.client ? `client ${args.client}` : 'every client'}, ${args.from} to ${args.to}`,
    );
    const totals = await rebuildRange(
      { now: () => new Date(), callerKeySecret: config.callerKeySecret },
      { ...(args.client ? { clientIds: [args.client] } : {}), from: args.from, to: args.to },
      (pass, done, total) =>
        console.log(
          `  ${pass.from} to ${pass.to} ${green('✓')} pass ${done}/${total} ${dim(`(${seconds(started)})`)}`,
        ),
    );
    console.log(
      `${green('✓')} ${bold(String(totals.days))} day rollups of ${totals.clients} client${totals.clients === 1 ? '' : 's'} rebuilt in ${seconds(started)}`,
    );
    return 0;
  } finally {
    await mongoose.disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`${red('✗')} reports:rebuild failed: ${(err as Error).message}`);
    process.exit(1);
  },
);

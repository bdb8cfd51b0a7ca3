/**
 * A few weeks of past activity for the demo client on a fresh data folder, so the reports have
 * something to show on first start, and the rollups of those days built at once (the worker's
 * refresh only looks at today, yesterday and what changed since its last look).
 */
import { rebuildRange, type RollupDeps } from '../../src/app/report-rollups';
import { localDate } from '../../src/domain/zoned-time';
import type { Client } from '../../src/store/clients';
import { createUser, findUserByEmail } from '../../src/store/users';
import { dim, green, seconds } from './console';
import { generateHistory, lastDays, writeHistory, type HistoryAssistant } from './report-history';
import { DEMO_ADMIN, DEMO_ASSISTANT } from './seed';

/** About five weeks: enough for a month and the one before it, and a few weeks to compare. */
export const DEMO_HISTORY_DAYS = 36;
/** The same demo on every fresh start. */
const DEMO_SEED = 2026;

/** A second assistant of the demo client, so the reports compare two people's work. */
export const DEMO_SECOND_ASSISTANT = {
  email: 'julien@demo.local',
  password: 'demo-receptionist',
  name: 'Julien Roux',
};

async function demoAssistants(client: Client): Promise<HistoryAssistant[]> {
  const { email, password, name } = DEMO_SECOND_ASSISTANT;
  if (!(await findUserByEmail(email)))
    await createUser({ email, name, role: 'assistant', password, clientIds: [client.id] });
  const users = await Promise.all(
    [DEMO_ASSISTANT.email, email, DEMO_ADMIN.email].map((e) => findUserByEmail(e)),
  );
  return users.filter((u) => u !== null).map((u) => ({ id: u.id, name: u.name }));
}

export type SeededHistory = { calls: number; messages: number; deliveries: number; days: number; ms: number };

/** Writes the demo's history and rebuilds its days' rollups, printing one line per month. */
export async function seedDemoHistory(client: Client, deps: RollupDeps): Promise<SeededHistory> {
  const started = Date.now();
  const now = deps.now();
  const range = lastDays(localDate(now, client.timezone), DEMO_HISTORY_DAYS);
  const history = generateHistory({
    client,
    assistants: await demoAssistants(client),
    ...range,
    now,
    seed: DEMO_SEED,
  });
  await writeHistory(history);
  const { days } = await rebuildRange(deps, { clientIds: [client.id], ...range }, (pass, done, total) =>
    console.log(dim(`  reports of ${pass.from} to ${pass.to} ${green('✓')} ${done}/${total}`)),
  );
  const seeded = {
    calls: history.calls.length,
    messages: history.messages.length,
    deliveries: history.deliveries.length,
    days,
    ms: Date.now() - started,
  };
  console.log(
    `${green('✓')} ${DEMO_HISTORY_DAYS} days of history: ${seeded.calls} calls, ${seeded.messages} messages, ` +
      `${seeded.days} report days ${dim(`(${seconds(started)})`)}`,
  );
  return seeded;
}

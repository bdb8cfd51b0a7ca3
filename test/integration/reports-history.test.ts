/**
 * A generated history (scripts/lib/report-history.ts) written to the real store, rebuilt into the
 * reports' rollups, and read back as people read it: the figures must be the counts of the
 * generated records, computed here without the rollup code. And the rebuild command's arguments.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Actor } from '../../src/domain/access';
import { rebuildRange } from '../../src/app/report-rollups';
import { readReport, reportQuerySchema } from '../../src/app/reports';
import { createClient, type Client } from '../../src/store/clients';
import { createUser } from '../../src/store/users';
import { DEMO_CLIENT } from '../../scripts/lib/seed';
import { parseRebuildArgs } from '../../scripts/lib/rebuild-args';
import { generateHistory, writeHistory, type History } from '../../scripts/lib/report-history';
import type { HistoryKind } from '../../scripts/lib/history-words';
import { useTestDatabase } from '../helpers/db';

const { uri } = useTestDatabase(__filename);

const ROOT = path.resolve(__dirname, '..', '..');
const NOW = new Date('2026-11-20T16:30:00Z');
const FROM = '2026-10-26';
const TO = '2026-11-20';

/** The report outcome each generated kind must count as, written out again here on purpose. */
const EXPECTED_OUTCOME: Record<HistoryKind, string> = {
  message: 'message',
  'transfer-message': 'message',
  transferred: 'transferred',
  'urgent-transfer': 'transferred',
  'appointment-booked': 'appointment',
  'appointment-moved': 'appointment',
  'appointment-cancelled': 'appointment',
  information: 'information',
  'hung-up-greeting': 'abandoned',
  'hung-up-menu': 'abandoned',
  'hung-up-message': 'abandoned',
  silent: 'abandoned',
  blocked: 'blocked',
  failed: 'failed',
};

const localDay = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('a generated history, rebuilt into the reports', () => {
  const data: { client: Client; history: History }[] = [];
  let admin: Actor;

  beforeAll(async () => {
    const paris = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Martin', numbers: ['+33180000101'] });
    // Another zone: a client's day is its own calendar day, not the server's.
    const montreal = await createClient({
      ...DEMO_CLIENT,
      name: 'Clinique Tremblay',
      numbers: ['+15145550101'],
      timezone: 'America/Toronto',
      closures: [],
    });
    const user = await createUser({
      email: 'admin@history.test',
      name: 'Admin',
      role: 'admin',
      password: 'history-password-1',
      clientIds: [],
    });
    const camille = await createUser({
      email: 'camille@history.test',
      name: 'Camille Besson',
      role: 'assistant',
      password: 'history-password-1',
      clientIds: [paris.id, montreal.id],
    });
    admin = { type: 'user', id: user.id, label: user.email, name: user.name, role: 'admin', clientIds: [] };
    const assistants = [
      { id: camille.id, name: camille.name },
      { id: user.id, name: user.name },
    ];
    for (const client of [paris, montreal]) {
      const history = generateHistory({ client, assistants, from: FROM, to: TO, now: NOW, seed: 7 });
      await writeHistory(history);
      data.push({ client, history });
    }
    await rebuildRange({ now: () => NOW, callerKeySecret: 'history-test-secret' }, { from: FROM, to: TO });
  }, 120_000);

  const report = (client: Client, query: Record<string, string>) =>
    readReport(admin, reportQuerySchema.parse({ client: client.id, ...query }));

  it('when generated twice with one seed, then the same records', () => {
    const { client } = data[0]!;
    const again = generateHistory({
      client,
      assistants: [{ id: admin.id, name: 'A' }],
      from: FROM,
      to: TO,
      now: NOW,
      seed: 7,
    });
    expect(again.calls.map((c) => c._id)).toEqual(data[0]!.history.calls.map((c) => c._id));
    expect(again.calls.length).toBeGreaterThan(200);
  });

  it('when a day is read, then its calls per outcome are the generated calls of that local day', async () => {
    for (const { client, history } of data) {
      for (const day of ['2026-10-26', '2026-11-04', '2026-11-07', '2026-11-19']) {
        const expected = countBy(
          history.calls.filter((c) => localDay(c.startedAt, client.timezone) === day),
          (c) => EXPECTED_OUTCOME[history.kinds[history.calls.indexOf(c)]!],
        );
        const r = await report(client, { period: 'day', date: day });
        expect(nonZero(r.figures.calls.byOutcome)).toEqual(expected);
        expect(r.figures.calls.total).toBe(Object.values(expected).reduce((s, n) => s + n, 0));
      }
    }
  });

  it('when a day is read, then its messages per status are the generated messages of that day', async () => {
    for (const { client, history } of data) {
      for (const day of ['2026-10-27', '2026-11-12', '2026-11-20']) {
        const messages = history.messages.filter((m) => localDay(m.createdAt, client.timezone) === day);
        const r = await report(client, { period: 'day', date: day });
        expect(nonZero(r.figures.messages.byStatus)).toEqual(countBy(messages, (m) => m.status));
        expect(r.figures.messages.urgent).toBe(messages.filter((m) => m.urgent).length);
      }
    }
  });

  it('when the whole range is read for every client, then totals, statuses and deliveries add up', async () => {
    const r = await readReport(admin, reportQuerySchema.parse({ period: 'custom', from: FROM, to: TO }));
    const calls = data.flatMap((d) =>
      d.history.calls.filter((c) => {
        const day = localDay(c.startedAt, d.client.timezone);
        return day >= FROM && day <= TO;
      }),
    );
    expect(r.figures.calls.total).toBe(calls.length);
    const messages = data.flatMap((d) => d.history.messages);
    expect(nonZero(r.figures.messages.byStatus)).toEqual(countBy(messages, (m) => m.status));
    const deliveries = data.flatMap((d) => d.history.deliveries);
    expect(r.figures.deliveries.sent).toBe(deliveries.filter((d) => d.status === 'sent').length);
    expect(r.figures.deliveries.failed).toBe(deliveries.filter((d) => d.status === 'failed').length);
    expect(r.figures.deliveries.retried).toBe(deliveries.filter((d) => d.attempts > 1).length);
    // What makes the history realistic: handled work, open work, retries, failures, regulars.
    expect(r.figures.messages.byStatus.handled).toBeGreaterThan(messages.length * 0.7);
    expect(r.figures.messages.byStatus.new).toBeGreaterThan(0);
    expect(r.figures.deliveries.failed).toBeGreaterThan(0);
    expect(r.figures.callers.repeat).toBeGreaterThan(5);
    expect(r.assistants.map((a) => a.name).sort()).toEqual(['Admin', 'Camille Besson']);
  });

  it('when calls are counted per weekday and hour, then office hours on weekdays hold most of them', async () => {
    const r = await report(data[0]!.client, { period: 'custom', from: FROM, to: TO });
    const cell = (d: number, hours: number[]) => hours.reduce((s, h) => s + r.figures.heatmap[d]![h]!, 0);
    const officeHours = [9, 10, 11, 14, 15, 16, 17];
    const weekdays = [0, 1, 2, 3, 4].reduce((s, d) => s + cell(d, officeHours), 0);
    const nights = [0, 1, 2, 3, 4, 5, 6].reduce((s, d) => s + cell(d, [0, 1, 2, 3, 4, 5]), 0);
    const weekend = [5, 6].reduce((s, d) => s + cell(d, [...Array(24).keys()]), 0);
    expect(weekdays).toBeGreaterThan(r.figures.calls.total * 0.5);
    expect(nights).toBeLessThan(r.figures.calls.total * 0.03);
    expect(weekend).toBeLessThan(r.figures.calls.total * 0.1);
    expect(r.figures.calls.afterHours).toBeGreaterThan(0);
  });

  it('when the rebuild command runs on one client, then it rebuilds the days in one pass and says so', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/reports-rebuild.ts',
        '--client',
        data[0]!.client.id,
        '--from',
        '2026-10-01',
        '--to',
        '2026-11-30',
      ],
      { cwd: ROOT, env: { ...process.env, MONGODB_URI: uri }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2026-10-01 to 2026-11-30 ✓ pass 1\/1/);
    expect(run.stdout).toMatch(/61 day rollups of 1 client rebuilt in \d+\.\d s/);
  }, 60_000);
});

describe('the rebuild command’s arguments', () => {
  it.each([
    [
      ['--all', '--from', '2026-02-30', '--to', '2026-03-01'],
      '--from: no such day in the calendar (got "2026-02-30")',
    ],
    [
      ['--all', '--from', '2026-3-1', '--to', '2026-03-01'],
      '--from: expected a calendar date as YYYY-MM-DD (got "2026-3-1")',
    ],
    [['--from', '2026-01-01', '--to', '2026-01-31'], '--client: give either --client <id> or --all'],
    [['--all', '--to', '2026-01-31'], '--from: missing (YYYY-MM-DD)'],
    [
      ['--all', '--from', '2026-02-01', '--to', '2026-01-31'],
      '--to: the last day comes before the first (got "2026-01-31")',
    ],
    [
      ['--client', 'cabinet', '--from', '2026-01-01', '--to', '2026-01-31'],
      '--client: expected a client id (24 hexadecimal characters)',
    ],
  ])('when given %j, then the error says %s', (argv, error) => {
    expect(parseRebuildArgs(argv)).toEqual({ help: false, error });
  });

  it('when given good arguments, then they are parsed', () => {
    expect(parseRebuildArgs(['--all', '--from', '2026-01-01', '--to', '2026-12-31'])).toEqual({
      help: false,
      args: { all: true, from: '2026-01-01', to: '2026-12-31' },
    });
  });

  it('when the script gets a bad date, then it exits with code 2 and one line', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/reports-rebuild.ts',
        '--all',
        '--from',
        '2026-13-01',
        '--to',
        '2026-12-31',
      ],
      { cwd: ROOT, env: { ...process.env, MONGODB_URI: uri }, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('--from: no such day in the calendar (got "2026-13-01")'),
    ]);
  }, 30_000);
});

/**
 * `npm run bench:store`: the store's own latency on the embedded FerretDB, per operation the app
 * does on messages, at 1k, 10k and 100k Message-shaped documents (~1.2 KB, the model's indexes).
 * Prints median / p95 in ms; never fails on speed.
 *
 *   --binary <path>    also run another FerretDB build (repeatable), e.g. an unpatched one for a
 *                      before/after in the same run: `cd scripts/ferretdb && go build -o
 *                      ../../var/ferretdb-unpatched .` builds upstream v1.24.2 without our patches
 *   --sizes 1000,10000 collection sizes (default 1000,10000,100000)
 *   --samples N        samples per operation and size (default 30; slow operations stop earlier,
 *                      after BUDGET_MS, with at least MIN_SAMPLES)
 *
 * The list query and the count scan the table on FerretDB's SQLite backend either way (only
 * `{_id}` filters are pushed down); they are here for reference.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { connectMongo, disconnectMongo } from '../../src/store/mongo';
import { MessageModel } from '../../src/store/models';
import { bold, dim, green, step } from '../lib/console';
import { ensureFerretDB, ROOT, startFerretDB } from '../lib/services';

const BUDGET_MS = 6000;
const MIN_SAMPLES = 3;
const CLIENTS = Array.from({ length: 20 }, () => new Types.ObjectId());
const STATUSES = ['new', 'in_progress', 'handled', 'handled', 'handled'] as const;
const FILLER = 'Le patient souhaite être rappelé pour déplacer son rendez-vous de contrôle. '.repeat(8);

type Target = { label: string; bin: string };
type Stat = { median: number; p95: number; n: number };
type Results = Map<string, Map<number, Stat>>; // operation -> size -> stat

function parseArgs(argv: string[]): { binaries: string[]; sizes: number[]; samples: number } {
  const binaries: string[] = [];
  let sizes = [1000, 10_000, 100_000];
  let samples = 30;
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--binary') binaries.push(path.resolve(value));
    else if (flag === '--sizes') sizes = value.split(',').map(Number);
    else if (flag === '--samples') samples = Number(value);
    else throw new Error(`unknown option ${flag}`);
    i++;
  }
  return { binaries, sizes, samples };
}

function message(i: number, at: Date) {
  return {
    _id: new Types.ObjectId(),
    key: `bench-${i}`,
    clientId: CLIENTS[i % CLIENTS.length]!,
    callSid: `CAbench${i}`,
    callerName: `Caller ${i}`,
    callerNumber: `+336${String(10_000_000 + i).slice(-8)}`,
    callbackNumber: '',
    reason: i % 7 === 0 ? 'Douleur, demande de rappel' : 'Prendre rendez-vous',
    urgent: i % 20 === 0,
    transcription: FILLER,
    recording: null,
    summary: `Message ${i}: demande de rendez-vous.`,
    status: STATUSES[i % STATUSES.length]!,
    assigneeId: null,
    handledAt: null,
    acknowledgedAt: null,
    notes: [],
    deliveries: [],
    queuedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/** Inserts documents `from`..`to`-1 in batches; one progress line that rewrites itself on a TTY. */
async function fill(from: number, to: number, ids: Types.ObjectId[]): Promise<void> {
  const started = Date.now();
  const batch = 1000;
  let lastLine = Date.now();
  let lastDone = from;
  const progress = (done: number, end = false) => {
    const line = `  filling ${done.toLocaleString('en')} / ${to.toLocaleString('en')} documents (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${dim(line)}${end ? '\n' : ''}`);
    else if ((end && done !== lastDone) || Date.now() - lastLine > 5000) {
      console.log(dim(line));
      lastLine = Date.now();
      lastDone = done;
    }
  };
  for (let start = from; start < to; start += batch) {
    const docs = Array.from({ length: Math.min(batch, to - start) }, (_, j) =>
      message(start + j, new Date(Date.now() - (start + j) * 60_000)),
    );
    await MessageModel.collection.insertMany(docs, { ordered: false });
    for (const d of docs) ids.push(d._id);
    progress(start + docs.length);
  }
  progress(to, true);
}

/** Runs `op` up to `max` times, stopping early once BUDGET_MS is spent (after MIN_SAMPLES). */
async function sample(max: number, op: (i: number) => Promise<unknown>): Promise<Stat> {
  const times: number[] = [];
  const started = Date.now();
  for (let i = 0; i < max; i++) {
    if (times.length >= MIN_SAMPLES && Date.now() - started > BUDGET_MS) break;
    const t = process.hrtime.bigint();
    await op(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), n: times.length };
}

/** SQLite's plan for `find {_id}`, from FerretDB's explain (it runs EXPLAIN QUERY PLAN on the same SQL). */
async function idPlan(id: Types.ObjectId): Promise<string> {
  const res = await mongoose.connection.db!.command({
    explain: { find: MessageModel.collection.collectionName, filter: { _id: id } },
  });
  const plan = (res.queryPlanner as { Plan?: string[] } | undefined)?.Plan ?? [];
  return plan.map((p) => p.replace(/^.*detail=/, '')).join('; ') || JSON.stringify(res.queryPlanner);
}

async function runTarget(target: Target, sizes: number[], samples: number): Promise<Results> {
  const dir = path.join(ROOT, 'var', 'bench', `store-${target.label}`);
  rmSync(dir, { recursive: true, force: true });
  step(`${bold(target.label)} ${dim(target.bin)}`);
  const ferret = await startFerretDB(dir, 'bench_store', undefined, target.bin);
  const results: Results = new Map();
  const record = (op: string, size: number, stat: Stat) => {
    if (!results.has(op)) results.set(op, new Map());
    results.get(op)!.set(size, stat);
  };
  try {
    await connectMongo(ferret.url); // builds the model's indexes, as the app does at start
    const coll = MessageModel.collection;
    const ids: Types.ObjectId[] = [];
    let extra = 0;
    for (const size of sizes) {
      await fill(ids.length, size, ids);
      const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
      const inserted: Types.ObjectId[] = [];
      record(
        'insertOne',
        size,
        await sample(samples, async () => {
          const doc = message(size + extra, new Date());
          doc.key = `bench-extra-${extra++}`;
          await coll.insertOne(doc);
          inserted.push(doc._id);
        }),
      );
      record('findOne {_id}', size, await sample(samples, () => coll.findOne({ _id: pick() })));
      record(
        'updateOne {_id} $set',
        size,
        await sample(samples, () =>
          coll.updateOne({ _id: pick() }, { $set: { status: 'handled', updatedAt: new Date() } }),
        ),
      );
      // Deletes the documents insertOne added, so each size keeps its count.
      record(
        'deleteOne {_id}',
        size,
        await sample(inserted.length, (i) => coll.deleteOne({ _id: inserted[i]! })),
      );
      record(
        'list {clientId, status} createdAt -1, 25',
        size,
        await sample(samples, (i) =>
          coll
            .find({ clientId: CLIENTS[i % CLIENTS.length]!, status: 'new' })
            .sort({ createdAt: -1 })
            .limit(25)
            .toArray(),
        ),
      );
      record(
        'countDocuments {clientId}',
        size,
        await sample(samples, (i) => coll.countDocuments({ clientId: CLIENTS[i % CLIENTS.length]! })),
      );
      console.log(dim(`  ${size.toLocaleString('en')} docs, find {_id} plan: ${await idPlan(pick())}`));
    }
  } finally {
    await disconnectMongo();
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${green('✓')} ${target.label} done`);
  return results;
}

function printTable(targets: Target[], all: Results[], sizes: number[]): void {
  const fmt = (s: Stat | undefined) =>
    s ? `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}${s.n < 20 ? dim(` (n=${s.n})`) : ''}` : '–';
  const head = ['operation (median / p95 ms)', 'docs', ...targets.map((t) => t.label)];
  const rows: string[][] = [];
  for (const op of all[0]!.keys()) {
    for (const size of sizes) {
      rows.push([op, size.toLocaleString('en'), ...all.map((r) => fmt(r.get(op)?.get(size)))]);
    }
  }
  // eslint-disable-next-line no-control-regex
  const visible = (s: string) => s.replace(/\u001b\[\d+m/g, '').length;
  const widths = head.map((h, c) => Math.max(visible(h), ...rows.map((r) => visible(r[c]!))));
  const line = (cells: string[]) =>
    cells.map((cell, c) =>
      c === 0 ? cell.padEnd(widths[c]!) : ' '.repeat(widths[c]! - visible(cell)) + cell,
    );
  console.log(`\n${bold(line(head).join('  '))}`);
  rows.forEach((r, i) => {
    if (i > 0 && i % sizes.length === 0) console.log('');
    console.log(line(r).join('  '));
  });
}

async function main(): Promise<void> {
  const { binaries, sizes, samples } = parseArgs(process.argv.slice(2));
  const targets: Target[] = [
    { label: 'project', bin: await ensureFerretDB() },
    ...binaries.map((bin) => ({ label: path.basename(bin), bin })),
  ];
  step(
    `Store benchmark: ${targets.length} FerretDB build(s), ${sizes.map((s) => s.toLocaleString('en')).join(' / ')} messages`,
  );
  const all: Results[] = [];
  for (const target of targets) all.push(await runTarget(target, sizes, samples));
  printTable(targets, all, sizes);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

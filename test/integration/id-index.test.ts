/**
 * `_id` lookups must use the `_id` index. On MongoDB they always do; on the embedded FerretDB only
 * thanks to scripts/ferretdb/patches.ts (upstream's SQLite query does not match its own index), so
 * this guards against a FerretDB or SQLite bump silently bringing back whole-table scans.
 */
import mongoose, { Types } from 'mongoose';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

/** FerretDB's SQLite plan for `find {_id}` (its explain runs EXPLAIN QUERY PLAN); null on MongoDB. */
async function sqlitePlan(collection: string, id: unknown): Promise<string | null> {
  const res = await mongoose.connection.db!.command({ explain: { find: collection, filter: { _id: id } } });
  const plan = (res.queryPlanner as { Plan?: string[] } | undefined)?.Plan;
  return plan ? plan.join('\n') : null;
}

describe('_id index on the store', () => {
  it.each([
    ['an ObjectId (messages, clients, users)', new Types.ObjectId()],
    ['a string (calls, contacts)', 'CA0123456789abcdef'],
  ])(
    'when a document is looked up, updated and deleted by %s, then the _id index serves it',
    async (_, id) => {
      const coll = mongoose.connection.db!.collection<{ _id: string | Types.ObjectId; n: number }>('idindex');
      await coll.insertMany([
        { _id: id, n: 1 },
        ...Array.from({ length: 50 }, (_, n) => ({ _id: `other-${n}`, n })),
      ]);

      const plan = await sqlitePlan('idindex', id);
      if (plan !== null) expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);

      expect(await coll.findOne({ _id: id })).toEqual({ _id: id, n: 1 });
      expect((await coll.updateOne({ _id: id }, { $set: { n: 2 } })).modifiedCount).toBe(1);
      expect(await coll.findOne({ _id: id })).toEqual({ _id: id, n: 2 });
      expect((await coll.deleteOne({ _id: id })).deletedCount).toBe(1);
      expect(await coll.findOne({ _id: id })).toBeNull();
      await coll.drop();
    },
  );
});

describe('_id $in on the store', () => {
  it('when documents are read by a list of ids, then the _id index serves it and only they come back', async () => {
    const coll = mongoose.connection.db!.collection<{ _id: string; n: number }>('idindexin');
    await coll.insertMany(Array.from({ length: 60 }, (_, n) => ({ _id: `doc-${n}`, n })));
    const wanted = ['doc-3', 'doc-41', 'doc-59', 'missing'];

    const res = await mongoose.connection.db!.command({
      explain: { find: 'idindexin', filter: { _id: { $in: wanted } } },
    });
    const plan = (res.queryPlanner as { Plan?: string[] } | undefined)?.Plan;
    if (plan) {
      expect(plan.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
      expect(res.filterPushdown).toBe(true);
    }

    const found = await coll.find({ _id: { $in: wanted } }).toArray();
    expect(found.map((d) => d.n).sort((a, b) => a - b)).toEqual([3, 41, 59]);
    // Anything but plain ids is not pushed down and still filtered right.
    const mixed = await coll.find({ _id: { $in: ['doc-3', /doc-4\d/] } }).toArray();
    expect(mixed).toHaveLength(11);
    await coll.drop();
  });
});

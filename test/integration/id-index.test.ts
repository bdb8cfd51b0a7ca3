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

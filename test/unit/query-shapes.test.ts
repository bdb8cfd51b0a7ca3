import { Types } from 'mongoose';
import {
  filterText,
  normaliseFilter,
  servedBy,
  type IndexSpec,
  type Shape,
  type SortKey,
} from '../helpers/query-shapes';

const ix = (keys: SortKey[], unique = false): IndexSpec => ({
  name: keys.map(([f, d]) => `${f}_${d}`).join('_'),
  keys,
  unique,
});
const MESSAGE_INDEXES = [
  ix([['_id', 1]], true),
  ix([['key', 1]], true),
  ix([
    ['clientId', 1],
    ['status', 1],
    ['createdAt', -1],
    ['_id', -1],
  ]),
  ix([
    ['clientId', 1],
    ['createdAt', -1],
    ['_id', -1],
  ]),
  ix([
    ['queuedAt', 1],
    ['createdAt', 1],
  ]),
];
const shape = (filter: Record<string, unknown>, sort: SortKey[] = []): Shape => ({
  collection: 'messages',
  op: 'find',
  filter: normaliseFilter(filter),
  sort,
});
const NEWEST: SortKey[] = [
  ['createdAt', -1],
  ['_id', -1],
];
const id = new Types.ObjectId();

describe('query shapes: normalising a filter drops the values and keeps the operators', () => {
  it.each([
    [{ clientId: id, status: 'new' }, '{clientId:eq, status:eq}', []],
    [{ createdAt: { $gte: new Date(), $lt: new Date() } }, '{createdAt:range}', []],
    [{ callerName: /x/i }, '{callerName:regex}', []],
    [{ acknowledgedAt: null, 'deliveries.to': '+33' }, '{acknowledgedAt:eq, deliveries.to:eq}', []],
    [{ clientId: { $in: [id] } }, '{clientId:in}', ['$in with one value on clientId']],
    [
      { $and: [{ clientId: id }, { status: 'new' }] },
      '{clientId:eq, status:eq}',
      ['$and wrapper around plain equalities'],
    ],
    [{ $and: [{ $or: [{ a: /x/ }] }, { $or: [{ b: 1 }] }] }, '{$or[{a:regex}], $or[{b:eq}]}', []],
    [{ recording: { $ne: null } }, '{recording:ne}', []],
  ])('%j → %s', (filter, text, problems) => {
    const found: string[] = [];
    expect(filterText(normaliseFilter(filter, found))).toBe(text);
    expect(found).toEqual(problems);
  });
});

describe('query shapes: the ESR rule picks the index that serves a shape', () => {
  it.each([
    ['by _id alone', shape({ _id: id }), '_id_'],
    ['a unique key, whatever else', shape({ key: 'CA1', status: 'new' }), 'key_1'],
    [
      'equalities in any order, then the sort',
      shape({ status: 'new', clientId: id }, NEWEST),
      'clientId_1_status_1_createdAt_-1__id_-1',
    ],
    [
      'the sort walked backwards',
      shape({ clientId: id }, [
        ['createdAt', 1],
        ['_id', 1],
      ]),
      'clientId_1_createdAt_-1__id_-1',
    ],
    [
      'a range on the sort key',
      shape({ clientId: id, createdAt: { $gte: new Date() } }, NEWEST),
      'clientId_1_createdAt_-1__id_-1',
    ],
    [
      'a range after the equalities',
      shape({ clientId: id, createdAt: { $lt: new Date() } }),
      'clientId_1_createdAt_-1__id_-1',
    ],
    [
      'equality on null, then the sort',
      shape({ queuedAt: null, createdAt: { $lte: new Date() } }, [['createdAt', 1]]),
      'queuedAt_1_createdAt_1',
    ],
    [
      'a regex search after an equality prefix',
      shape({ clientId: id, searchText: /x/ }, NEWEST),
      'clientId_1_createdAt_-1__id_-1',
    ],
  ])('%s', (_label, s, index) => {
    expect(servedBy(s, MESSAGE_INDEXES)).toMatchObject({ served: true, index });
  });

  it.each([
    ['an equality the index does not lead with', shape({ urgent: true }, NEWEST)],
    ['a sort the index does not follow', shape({ clientId: id }, [['updatedAt', -1]])],
    [
      'mixed directions',
      shape({ clientId: id }, [
        ['createdAt', -1],
        ['_id', 1],
      ]),
    ],
    [
      'a tie-breaker missing from the index',
      shape({ queuedAt: null }, [
        ['createdAt', 1],
        ['_id', 1],
      ]),
    ],
    ['a regex with no equality prefix', shape({ $or: [{ callerName: /x/ }] }, NEWEST)],
    ['no filter and no sort', shape({})],
  ])('%s is not served', (_label, s) => {
    expect(servedBy(s, MESSAGE_INDEXES).served).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { sampleDatabase } from '../../common/store/__fixtures__/sampleDatabase.js';
import { Database } from '../../common/store/database.js';
import { RECORD_KEYS, type RecordChange } from '../../common/store/recordChanges.js';
import { asStoredChanges } from './partnershipRows.js';

/** Whether a field of the Database schema holds a list (under its default). */
function isList(schema: unknown): boolean {
  let inner = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (inner?.def?.innerType !== undefined) inner = inner.def.innerType as typeof inner;
  return inner?.def?.type === 'array';
}

describe('what the PostgreSQL rows hold of a partnership', () => {
  it('stores every list of the partnership document as a keyed collection of rows, the audit apart', () => {
    // A list added to the document but not to RECORD_KEYS would be left out of every row
    // written, and of `ptrack copy` to PostgreSQL: add it there, with the field that keys it.
    const lists = Object.entries(Database.shape)
      .filter(([, schema]) => isList(schema))
      .map(([name]) => name)
      .filter((name) => name !== 'audit');
    expect(lists.filter((name) => !(name in RECORD_KEYS))).toEqual([]);
    expect(Object.keys(RECORD_KEYS).sort()).toEqual([...lists].sort());
  });

  it('writes an append to an action’s history as that history’s new items', () => {
    const change: RecordChange = { target: 'actions', key: 'A-1', record: { ref: 'A-1' }, appended: { field: 'history', from: 1, items: [{ note: 'new' }] } };
    expect(asStoredChanges([change], sampleDatabase())).toEqual([change]);
  });

  it('writes an append to any other list as the whole record the commit left, so a new list needs nothing of its own', () => {
    const db = sampleDatabase();
    const meeting = { ...db.meetings[0]!, minutes: ['first', 'second'] };
    const after = { ...db, meetings: [meeting, ...db.meetings.slice(1)] } as Database;
    const appended: RecordChange = { target: 'meetings', key: meeting.id, record: { id: meeting.id }, appended: { field: 'minutes', from: 1, items: ['second'] } };
    const other: RecordChange = { target: 'agencies', key: 'police', record: { ...db.agencies[1]! } };
    expect(asStoredChanges([appended, other], after)).toEqual([{ target: 'meetings', key: meeting.id, record: meeting }, other]);
  });

  it('writes such an append as a removal when a later change of the commit removed the record', () => {
    const db = sampleDatabase();
    const gone = db.meetings[0]!.id;
    const after = { ...db, meetings: db.meetings.slice(1) };
    const changes: RecordChange[] = [
      { target: 'meetings', key: gone, record: { id: gone }, appended: { field: 'minutes', from: 0, items: ['x'] } },
      { target: 'meetings', key: gone, record: null },
    ];
    expect(asStoredChanges(changes, after)).toEqual([{ target: 'meetings', key: gone, record: null }, changes[1]]);
  });
});

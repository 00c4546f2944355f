import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../common/base/result.js';
import { actors, by, NOW, sampleDatabase } from '../../common/store/__fixtures__/sampleDatabase.js';
import { describeStoreContract } from '../../common/store/__fixtures__/storeContract.js';
import { CURRENT_SCHEMA_VERSION, Database } from '../../common/store/database.js';
import { useScratchPartnerships } from './__fixtures__/scratch.js';
import { statementsDuring, type SentStatement } from './__fixtures__/statements.js';
import { openPgStore } from './pgPartnerships.js';
import type { PgStore } from './pgStore.js';

const scratch = useScratchPartnerships();

const freshId = (): string => `p-${randomBytes(5).toString('hex')}`;

/** A new partnership holding `initial`, opened through a pool of its own as a CLI command does. */
async function openFresh(initial: Database = sampleDatabase()) {
  const id = freshId();
  unwrap(await scratch.partnerships.create(id, initial));
  return { id, store: unwrap(await openPgStore(scratch.url, id)) };
}

describeStoreContract(
  'PgStore',
  async (initial) => (await openFresh(initial)).store,
  // Another process's store on the same partnership: a pool of its own.
  async (store) => unwrap(await openPgStore(scratch.url, (store as PgStore).partnership)),
);

const progressNote = (note: string) => ({ type: 'action.update', ref: 'A-1', note }) as const;

describe('PgStore rows', () => {
  it('writes a commit re-applied after another process’s as rows: the latest progress, and both history items in order', async () => {
    const { id, store: first } = await openFresh();
    const second = unwrap(await openPgStore(scratch.url, id));
    try {
      await second.read();
      unwrap(await first.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)));
      // The second store has not read since: its commit finds the head moved, catches up, and applies again.
      const result = unwrap(await second.commit([progressNote('after 40%')], by(actors.owner)));
      expect(result.revision).toBe(2);
      const rows = await scratch.admin.query("SELECT record ->> 'progress' AS progress FROM ptrack.records WHERE partnership_id = $1 AND collection = 'actions' AND key = 'A-1'", [id]);
      expect(rows.rows).toEqual([{ progress: '40' }]);
      const history = await scratch.admin.query("SELECT item ->> 'note' AS note FROM ptrack.record_items WHERE partnership_id = $1 AND key = 'A-1' ORDER BY position", [id]);
      expect(history.rows.map((row) => row.note)).toEqual(['Created', null, 'after 40%']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('reads back, from the rows alone, exactly what the commits left in memory', async () => {
    const { id, store } = await openFresh();
    unwrap(await store.commit([{ type: 'agency.upsert', agency: { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' } }], by(actors.cli)));
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 60, note: 'halfway' }], by(actors.owner)));
    unwrap(await store.commit([{ type: 'partnership.update', partnership: { engagementThreshold: 60 } }], by(actors.cli)));
    const inMemory = await store.read();
    await store.close();
    const reopened = unwrap(await scratch.partnerships.open(id));
    expect(await reopened.read()).toEqual(inMemory);
    await reopened.close();
  });
});

describe('PgStore commits made at once', () => {
  it('answers each of the commits written together as if it were made alone: a refusal refuses only itself, each change takes a revision of its own', async () => {
    const { id, store } = await openFresh();
    const police = { type: 'agency.upsert', agency: { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' } } as const;
    const results = await Promise.all([
      store.commit([progressNote('first')], by(actors.owner)),
      store.commit([progressNote('not mine')], by(actors.bystander)),
      store.commit([{ type: 'action.update', ref: 'A-1', progress: 40 }], by(actors.owner)),
      store.commit([police], by(actors.cli)),
    ]);
    expect(results.map((result) => (result.success ? [result.data.revision, result.data.audit.map((entry) => entry.seq)] : result.error.code))).toEqual([[1, [1]], 'action.not_owner', [2, [2]], [2, []]]);
    const revisions = await scratch.admin.query<{ revision: string }>('SELECT revision FROM ptrack.revisions WHERE partnership_id = $1 ORDER BY revision', [id]);
    expect(revisions.rows.map((row) => Number(row.revision))).toEqual([1, 2]);
    const inMemory = await store.read();
    await store.close();
    const reopened = unwrap(await scratch.partnerships.open(id));
    expect(await reopened.read()).toEqual(inMemory);
    expect(inMemory.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'first', null]);
    await reopened.close();
  });

  it('shows a read the commits asked for before it, even when none of them is awaited', async () => {
    const { store } = await openFresh();
    const before = store.read();
    const committed = store.commit([progressNote('asked for first')], by(actors.owner));
    const after = store.read();
    const notes = async (read: Promise<Database>) => (await read).actions[0]?.history.map((h) => h.note);
    expect(await notes(after)).toEqual(['Created', 'asked for first']);
    expect(await notes(before)).toEqual(['Created']);
    unwrap(await committed);
    await store.close();
  });

  it('writes nothing over rows that a newer version of Partnership Tracker has rewritten since this store read them', async () => {
    const { id, store } = await openFresh();
    await store.read();
    await scratch.admin.query('UPDATE ptrack.partnerships SET schema_version = $2 WHERE id = $1', [id, CURRENT_SCHEMA_VERSION + 1]);
    const result = await store.commit([progressNote('from an older version')], by(actors.owner));
    await store.close();
    expect(result.success ? 'committed' : result.error.code).toBe('store.newer_version');
    const head = await scratch.admin.query('SELECT revision::int AS revision, (SELECT count(*)::int FROM ptrack.record_items WHERE partnership_id = $1) AS items FROM ptrack.partnerships WHERE id = $1', [id]);
    expect(head.rows).toEqual([{ revision: 0, items: 1 }]);
  });
});

/**
 * The sample partnership as if copied in from a file with a long past: `length` more agencies,
 * updates of A-1 and audit entries, the audit all under the one revision it was copied in at.
 */
function withLongPast(length: number): Database {
  const db = sampleDatabase();
  const past = Array.from({ length }, (_, n) => n);
  return Database.parse({
    ...db,
    revision: length,
    agencies: [...db.agencies, ...past.map((n) => ({ id: `agency-${n}`, name: `Agency ${n}`, sector: 'other' }))],
    actions: db.actions.map((action) => ({ ...action, history: [...action.history, ...past.map((n) => ({ at: NOW, byId: 'olu-owner', progress: 0, status: 'not-started', note: `update ${n}` }))] })),
    audit: past.map((n) => ({ seq: n + 1, at: NOW, by: 'system:cli', command: 'agency.upsert', entity: 'agency', entityId: `agency-${n}`, before: null, after: { name: `Agency ${n}` } })),
  });
}

/** The tables of a partnership's records and history, which grow with it. */
const GROWING = new Set(['audit', 'records', 'record_items']);

/** The growing tables a statement would read whole, by its plan (with its parameters, as the store ran it). */
async function wholeTablesRead(statement: SentStatement): Promise<string[]> {
  const explained = await scratch.admin.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
  const read: string[] = [];
  const visit = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && GROWING.has(node['Relation Name'] ?? '')) read.push(node['Relation Name']!);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(explained.rows[0]!['QUERY PLAN'][0]!.Plan);
  return read;
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

describe('PgStore with a long history', () => {
  it('reads and commits through the indexes, never reading a growing table whole, so a change costs the same however long the past', async () => {
    // Two partnerships, as in a database with few: then "partnership_id = $1" alone matches half
    // of every table, and only the rest of a statement's conditions keep it to its rows.
    const { id, store } = await openFresh(withLongPast(3000));
    await (await openFresh(withLongPast(3000))).store.close();
    // What autovacuum does to tables that grew: the planner then knows how the rows are spread.
    await scratch.admin.query('ANALYZE ptrack.audit, ptrack.records, ptrack.record_items, ptrack.revisions');
    const statements = await statementsDuring(async () => {
      unwrap(await store.commit([progressNote('an update appends one history row')], by(actors.owner)));
      unwrap(await store.commit([{ type: 'action.create', action: { ref: 'A-2', planId: 'plan-2025-27', title: 'A new action', due: '2025-12-31' } }], by(actors.cli)));
      unwrap(await store.commit([{ type: 'meeting.remove', meetingId: 'qag-2025-04' }], by(actors.cli)));
      await store.read();
    });
    await store.close();
    const checked = statements.filter((statement) => /ptrack\.(audit|records|record_items|revisions)\b/.test(statement.text));
    expect(checked.length).toBeGreaterThanOrEqual(10);
    const whole = [];
    for (const statement of checked) {
      for (const table of await wholeTablesRead(statement)) whole.push(`${table}: ${statement.text.replace(/\s+/g, ' ').slice(0, 80)}`);
    }
    expect(whole).toEqual([]);
    expect(unwrap(await scratch.partnerships.list()).find((p) => p.id === id)?.revision).toBe(3003);
  }, 60_000);

  it('keeps only a window of changes to catch up from: a store further behind reads the partnership whole, and misses nothing', async () => {
    const id = freshId();
    unwrap(await scratch.partnerships.create(id, sampleDatabase()));
    const writer = unwrap(await openPgStore(scratch.url, id, { internals: { catchUpWindow: 5 } }));
    const farBehind = unwrap(await openPgStore(scratch.url, id));
    const justBehind = unwrap(await openPgStore(scratch.url, id));
    for (let n = 1; n <= 11; n++) {
      unwrap(await writer.commit([progressNote(`note ${n}`)], by(actors.owner)));
      if (n === 8) expect((await justBehind.read()).revision).toBe(8);
    }
    const kept = await scratch.admin.query('SELECT revision FROM ptrack.revisions WHERE partnership_id = $1 ORDER BY revision', [id]);
    // Pruned when the head passed 10: revisions 1–5 went; 6–11 remain.
    expect(kept.rows.map((row: { revision: string }) => Number(row.revision))).toEqual([6, 7, 8, 9, 10, 11]);
    const expected = await writer.read();
    for (const reader of [farBehind, justBehind]) {
      const db = await reader.read();
      expect(db.revision).toBe(11);
      expect(db.actions).toEqual(expected.actions);
      expect(db.audit.map((entry) => entry.seq)).toEqual(expected.audit.map((entry) => entry.seq));
    }
    await Promise.all([writer.close(), farBehind.close(), justBehind.close()]);
  });
});

describe('PgStore refuses what it cannot trust', () => {
  it('refuses at open a record that fails its schema, naming partnership, collection and id, and writes nothing', async () => {
    const { id, store } = await openFresh();
    await store.close();
    await scratch.admin.query(`UPDATE ptrack.records SET record = record || '{"progress": 250}' WHERE partnership_id = $1 AND collection = 'actions' AND key = 'A-1'`, [id]);
    const before = await scratch.admin.query('SELECT count(*)::int AS n, max(revision) AS r FROM ptrack.partnerships p JOIN ptrack.records r ON r.partnership_id = p.id WHERE p.id = $1', [id]);
    const opened = await openPgStore(scratch.url, id);
    expect(opened.success ? 'opened' : opened.error).toMatchObject({ code: 'store.invalid', message: expect.stringMatching(new RegExp(`^partnership "${id}", actions "A-1", progress: `)) });
    const after = await scratch.admin.query('SELECT count(*)::int AS n, max(revision) AS r FROM ptrack.partnerships p JOIN ptrack.records r ON r.partnership_id = p.id WHERE p.id = $1', [id]);
    expect(after.rows).toEqual(before.rows);
  });

  it('says which partnerships there are when none is chosen in a database holding several', async () => {
    const opened = await openPgStore(scratch.url, undefined);
    expect(opened.success ? 'opened' : opened.error.code).toBe('store.ambiguous');
  });

  it('refuses a partnership that is not there, and an id that cannot be one', async () => {
    const missing = await openPgStore(scratch.url, 'no-such-partnership');
    expect(missing.success ? 'opened' : missing.error.code).toBe('store.not_found');
    const bad = await openPgStore(scratch.url, 'Robert; DROP TABLE');
    expect(bad.success ? 'opened' : bad.error.code).toBe('store.invalid_partnership');
  });

  it('refuses to create a partnership under an id already taken, leaving the first untouched', async () => {
    const { id, store } = await openFresh();
    await store.close();
    const again = await scratch.partnerships.create(id, { ...sampleDatabase(), partnership: { ...sampleDatabase().partnership, name: 'Impostor' } });
    expect(again.success ? 'created' : again.error.code).toBe('store.exists');
    const listed = unwrap(await scratch.partnerships.list()).find((p) => p.id === id);
    expect(listed?.name).toBe(sampleDatabase().partnership.name);
  });

  it('never shows a password in a message', async () => {
    const wrong = new URL(scratch.url);
    wrong.password = 'hunter2-secret';
    wrong.pathname = '/no_such_database';
    const opened = await openPgStore(wrong.toString(), 'x');
    expect(opened.success ? 'opened' : opened.error.code).toBe('store.unavailable');
    expect(JSON.stringify(opened)).not.toContain('hunter2');
  });
});

describe('PgStore and an erasure (GDPR)', () => {
  const OWNER = ['olu-owner', 'Olu Owner', 'olu@council.example'];
  /** Every row the database holds for the partnership, in every table of the schema, as text. */
  async function everyRow(id: string): Promise<string> {
    const tables = await scratch.admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'ptrack' AND table_type = 'BASE TABLE'`);
    const rows: string[] = [];
    for (const { table_name: table } of tables.rows as { table_name: string }[]) {
      const columns = await scratch.admin.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'ptrack' AND table_name = $1`, [table]);
      const key = (columns.rows as { column_name: string }[]).some((c) => c.column_name === 'partnership_id') ? 'partnership_id' : table === 'partnerships' ? 'id' : null;
      if (key === null) continue;
      const found = await scratch.admin.query(`SELECT t::text AS row FROM ptrack.${table} t WHERE ${key} = $1`, [id]);
      rows.push(...(found.rows as { row: string }[]).map((r) => r.row));
    }
    return rows.join('\n');
  }

  it('leaves no row naming the person, though the audit and the catch-up history held them', async () => {
    const { id, store } = await openFresh();
    unwrap(await store.commit([progressNote('Checked with Olu Owner (olu@council.example)')], by(actors.owner)));
    expect(await everyRow(id)).toContain('olu@council.example');
    unwrap(await store.commit([{ type: 'person.erase', personId: 'olu-owner' }], by(actors.businessTeam)));
    const rows = (await everyRow(id)).toLowerCase();
    for (const trace of OWNER) expect(rows).not.toContain(trace.toLowerCase());
    expect(rows).toContain('erased person 1');
    await store.close();
  });

  it('still refuses any other change to the audit, and any delete', async () => {
    const { id, store } = await openFresh();
    unwrap(await store.commit([progressNote('kept as written')], by(actors.owner)));
    await store.close();
    const edit = scratch.admin.query(`UPDATE ptrack.audit SET entry = entry || '{"by": "someone-else"}' WHERE partnership_id = $1`, [id]);
    await expect(edit).rejects.toThrow(/append-only: UPDATE refused/);
    const disguised = scratch.admin.query(`UPDATE ptrack.audit SET entry = entry || '{"redacted": true, "command": "agency.upsert"}' WHERE partnership_id = $1`, [id]);
    await expect(disguised).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(scratch.admin.query('DELETE FROM ptrack.audit WHERE partnership_id = $1', [id])).rejects.toThrow(/append-only: DELETE refused/);
  });
});

describe('the chat workspaces a partnership answers in', () => {
  it('records them per partnership, and refuses one that already answers for another, changing nothing', async () => {
    const { id: first, store: one } = await openFresh();
    const { id: second, store: two } = await openFresh();
    await Promise.all([one.close(), two.close()]);
    unwrap(await scratch.partnerships.setChatWorkspaces(first, 'teams', ['tenant-a', 'tenant-b']));
    unwrap(await scratch.partnerships.setChatWorkspaces(second, 'slack', ['T0001']));
    const clash = await scratch.partnerships.setChatWorkspaces(second, 'teams', ['tenant-c', 'tenant-b']);
    expect(clash.success ? 'set' : clash.error.message).toBe(`The Teams tenant tenant-b already answers for partnership "${first}"; a Teams tenant answers for one partnership.`);
    const mine = unwrap(await scratch.partnerships.chatWorkspaces()).filter((w) => w.partnership === first || w.partnership === second);
    expect(mine.map((w) => [w.partnership === first ? 'first' : 'second', w.channel, w.workspaceId]).sort()).toEqual([
      ['first', 'teams', 'tenant-a'],
      ['first', 'teams', 'tenant-b'],
      ['second', 'slack', 'T0001'],
    ]);
    // Setting a list replaces the partnership's previous one.
    unwrap(await scratch.partnerships.setChatWorkspaces(first, 'teams', ['tenant-b']));
    expect(unwrap(await scratch.partnerships.chatWorkspaces()).filter((w) => w.partnership === first).map((w) => w.workspaceId)).toEqual(['tenant-b']);
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../common/base/result.js';
import { actors, by, sampleDatabase } from '../../common/store/__fixtures__/sampleDatabase.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../../common/store/database.js';
import { runPgWorker } from './__fixtures__/pgWorker.js';
import { statementsDuring } from './__fixtures__/statements.js';
import { scratchDatabase, useScratchPartnerships } from './__fixtures__/scratch.js';
import { openPgStore, PgPartnerships } from './pgPartnerships.js';
import { migrateSqlSchema } from './sqlSchema.js';

const scratch = useScratchPartnerships();

const freshId = (): string => `p-${randomBytes(5).toString('hex')}`;

describe('PgStore with several processes', () => {
  it('loses nothing when two processes make 2,000 commits each on one partnership: revisions 1..4,000 with no gap', async () => {
    const id = freshId();
    unwrap(await scratch.partnerships.create(id, sampleDatabase()));
    const [first, second] = await Promise.all([runPgWorker('commits', scratch.url, id, '2000', 'first'), runPgWorker('commits', scratch.url, id, '2000', 'second')]);
    const seen = [first, second].map((out) => out.trim().split('\n').map(Number));
    for (const revisions of seen) {
      expect(revisions).toHaveLength(2000);
      // Each process's commits were acknowledged in order, each at a revision of its own.
      expect(revisions.every((revision, index) => index === 0 || revision > revisions[index - 1]!)).toBe(true);
    }
    expect([...seen[0]!, ...seen[1]!].sort((a, b) => a - b)).toEqual(Array.from({ length: 4000 }, (_, index) => index + 1));

    // Every revision wrote its audit entry; the catch-up history keeps the last 1,000, unbroken.
    const audited = await scratch.admin.query<{ revision: string }>('SELECT revision FROM ptrack.audit WHERE partnership_id = $1 ORDER BY revision', [id]);
    expect(audited.rows.map((row) => Number(row.revision))).toEqual(Array.from({ length: 4000 }, (_, index) => index + 1));
    const stored = await scratch.admin.query<{ revision: string }>('SELECT revision FROM ptrack.revisions WHERE partnership_id = $1 ORDER BY revision', [id]);
    expect(stored.rows.map((row) => Number(row.revision))).toEqual(Array.from({ length: 1000 }, (_, index) => index + 3001));
    const store = unwrap(await scratch.partnerships.open(id));
    const db = unwrap(await store.readWithHistory());
    await store.close();
    expect(db.revision).toBe(4000);
    expect(db.audit.map((entry) => entry.seq)).toEqual(Array.from({ length: 4000 }, (_, index) => index + 1));
    const notes = new Set(db.actions[0]?.history.map((entry) => entry.note));
    for (const label of ['first', 'second']) {
      for (let index = 0; index < 2000; index++) expect(notes.has(`${label} ${index}`)).toBe(true);
    }
    // Each process's notes are in the history in the order it made them.
    const firsts = db.actions[0]!.history.filter((entry) => entry.note?.startsWith('first ')).map((entry) => Number(entry.note!.slice(6)));
    expect(firsts).toEqual(Array.from({ length: 2000 }, (_, index) => index));
  }, 300_000);
});

describe('two partnerships in one database', () => {
  it('never shows one partnership the other’s data, on any path that reads or writes it', async () => {
    const mine = freshId();
    const theirs = freshId();
    const other: Database = { ...sampleDatabase(), partnership: { ...sampleDatabase().partnership, name: 'Theirs' } };
    unwrap(await scratch.partnerships.create(mine, sampleDatabase()));
    unwrap(await scratch.partnerships.create(theirs, other));
    const theirStore = unwrap(await openPgStore(scratch.url, theirs));
    const statements = await statementsDuring(async () => {
      const store = unwrap(await openPgStore(scratch.url, mine)); // open: the whole partnership read
      unwrap(await theirStore.commit([{ type: 'action.update', ref: 'A-1', note: 'theirs only' }], by(actors.owner)));
      unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', note: 'mine only' }], by(actors.owner))); // commit
      unwrap(await theirStore.commit([{ type: 'agency.upsert', agency: { id: 'their-police', name: 'Their police', sector: 'police' } }], by(actors.cli)));
      const db = await store.read(); // catch-up
      expect(db.partnership.name).toBe(sampleDatabase().partnership.name);
      expect(db.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'mine only']);
      expect(db.agencies.map((a) => a.id)).not.toContain('their-police');
      expect(db.audit.map((e) => e.entityId)).toEqual(['A-1']);
      await store.close();
    });
    await theirStore.close();
    // Every statement my store ran on a partnership's rows named mine, first; none named theirs.
    const mineStatements = statements.filter((s) => /ptrack\.(partnerships|records|audit|revisions)/.test(s.text) && !s.values.includes(theirs));
    expect(mineStatements.length).toBeGreaterThan(4);
    for (const statement of mineStatements) {
      expect(statement.values[0], statement.text).toBe(mine);
      expect(statement.text).toMatch(/WHERE (h\.)?(id|partnership_id|r\.partnership_id) = \$1|VALUES \(\$1|SELECT \$1/);
    }
    // …and reopened from the rows, theirs is still theirs alone.
    const reopened = unwrap(await scratch.partnerships.open(theirs));
    const db = await reopened.read();
    await reopened.close();
    expect(db.partnership.name).toBe('Theirs');
    expect(db.actions[0]?.history.map((h) => h.note)).toEqual(['Created', 'theirs only']);
    const listed = unwrap(await scratch.partnerships.list()).filter((p) => p.id === mine || p.id === theirs);
    expect(listed.map((p) => [p.id === mine ? 'mine' : 'theirs', p.name, p.revision]).sort()).toEqual([
      ['mine', sampleDatabase().partnership.name, 1],
      ['theirs', 'Theirs', 2],
    ]);
  });
});

describe('migrations', () => {
  it('lets two instances starting at once on an empty database migrate it once: one migrates, the other waits and finds nothing to do', async () => {
    const empty = await scratchDatabase();
    const [a, b] = await Promise.all([migrateSqlSchema({ connectionString: empty }), migrateSqlSchema({ connectionString: empty })]);
    expect([a, b].sort((x, y) => x.length - y.length)).toEqual([[], ['0001_partnerships', '0002_audit_redaction']]);
    const client = new pg.Client({ connectionString: empty });
    await client.connect();
    try {
      const runs = await client.query('SELECT name FROM ptrack.migrations');
      expect(runs.rows).toEqual([{ name: '0001_partnerships' }, { name: '0002_audit_redaction' }]);
    } finally {
      await client.end();
    }
    // Both can then use it.
    const connected = await Promise.all([PgPartnerships.connect(empty), PgPartnerships.connect(empty)]);
    for (const c of connected) {
      expect(unwrap(await unwrap(c).list())).toEqual([]);
      await unwrap(c).close();
    }
  });

  it('migrates a partnership’s rows of an older document shape when it opens, and writes them back', async () => {
    const id = freshId();
    unwrap(await scratch.partnerships.create(id, sampleDatabase()));
    await scratch.admin.query('UPDATE ptrack.partnerships SET schema_version = $2 WHERE id = $1', [id, CURRENT_SCHEMA_VERSION - 1]);
    const renamed = { [CURRENT_SCHEMA_VERSION - 1]: (data: Record<string, unknown>) => ({ ...data, partnership: { ...(data.partnership as object), name: 'Migrated' } }) };
    const store = unwrap(await scratch.partnerships.open(id, { migrations: renamed }));
    expect((await store.read()).partnership.name).toBe('Migrated');
    await store.close();
    const head = await scratch.admin.query('SELECT schema_version, settings ->> $2 AS name FROM ptrack.partnerships WHERE id = $1', [id, 'name']);
    expect(head.rows).toEqual([{ schema_version: CURRENT_SCHEMA_VERSION, name: 'Migrated' }]);
  });

  it('refuses a partnership whose rows are newer than this program, and changes nothing', async () => {
    const id = freshId();
    unwrap(await scratch.partnerships.create(id, sampleDatabase()));
    await scratch.admin.query('UPDATE ptrack.partnerships SET schema_version = $2 WHERE id = $1', [id, CURRENT_SCHEMA_VERSION + 1]);
    const opened = await scratch.partnerships.open(id);
    expect(opened.success ? 'opened' : opened.error).toMatchObject({ code: 'store.newer_version', message: expect.stringContaining(`partnership "${id}"`) });
    const head = await scratch.admin.query('SELECT schema_version FROM ptrack.partnerships WHERE id = $1', [id]);
    expect(head.rows).toEqual([{ schema_version: CURRENT_SCHEMA_VERSION + 1 }]);
  });
});

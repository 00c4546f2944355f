import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { applyCommands, unwrap, type Database } from '@partnership-tracker/core';
import { advanceHead, openPgStore, PgPartnerships, revisionStatements, revisionWrites } from '@partnership-tracker/core/node';
import pg from 'pg';
import type { Workload } from '../synthetic/partnership.js';
import { changeOf } from './workload.js';

// The PostgreSQL store's measurements, each run in a worker process (worker.ts) against a
// durable throwaway cluster that run.ts starts.

/** Interleaved samples of a PgStore operation and its floor, in milliseconds. */
export interface PgSamples {
  readonly floor: number[];
  readonly store: number[];
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Puts a data file's partnership into the database as `id`, and a copy of its rows as `${id}-copy-1`, on which the floor writes. */
export async function pgLoad(args: { path: string; url: string; id: string }): Promise<{ partnerships: number; server: string }> {
  const db = JSON.parse(await readFile(args.path, 'utf8')) as Database;
  const partnerships = unwrap(await PgPartnerships.connect(args.url));
  unwrap(await partnerships.create(args.id, db));
  await partnerships.close();
  return pgGrow({ url: args.url, id: args.id, from: 1, to: 2, full: 2 });
}

// The partnerships past `full` hold this share of the measured one's rows: 1,000 of 1x would be
// some 70 GB, more than a bench machine holds.
const FILLER_SHARE = 10;

/**
 * Adds partnerships to the database until it holds `to` (it holds `from`), copying the rows of
 * `id` in SQL: whole up to the `full`-th partnership (`${id}-copy-N`), then a tenth of each
 * table's rows (`${id}-filler-N`), in batches, so that a database of a thousand fits on one disk.
 */
export async function pgGrow(args: { url: string; id: string; from: number; to: number; full: number }): Promise<{ partnerships: number; server: string }> {
  const client = new pg.Client({ connectionString: args.url });
  await client.connect();
  try {
    for (let n = args.from + 1; n <= Math.min(args.to, args.full); n++) {
      const copy = `${args.id}-copy-${n - 1}`;
      await client.query('BEGIN');
      await client.query('INSERT INTO ptrack.partnerships (id, schema_version, revision, settings) SELECT $2, schema_version, revision, settings FROM ptrack.partnerships WHERE id = $1', [args.id, copy]);
      await client.query('INSERT INTO ptrack.records SELECT $2, collection, key, added_revision, added_index, record FROM ptrack.records WHERE partnership_id = $1', [args.id, copy]);
      await client.query('INSERT INTO ptrack.record_items SELECT $2, collection, key, field, position, item FROM ptrack.record_items WHERE partnership_id = $1', [args.id, copy]);
      await client.query('INSERT INTO ptrack.audit SELECT $2, seq, revision, entry FROM ptrack.audit WHERE partnership_id = $1', [args.id, copy]);
      await client.query('COMMIT');
    }
    const prefix = `${args.id}-filler-`;
    for (let first = Math.max(args.from, args.full) + 1; first <= args.to; first += 100) {
      const last = Math.min(args.to, first + 99);
      const range = [args.id, prefix, first, last, FILLER_SHARE];
      await client.query('BEGIN');
      await client.query('INSERT INTO ptrack.partnerships (id, schema_version, revision, settings) SELECT $2::text || n, schema_version, revision, settings FROM ptrack.partnerships, generate_series($3::int, $4::int) AS n WHERE id = $1', range.slice(0, 4));
      await client.query(
        'INSERT INTO ptrack.records SELECT $2::text || n, collection, key, added_revision, added_index, record FROM ptrack.records, generate_series($3::int, $4::int) AS n WHERE partnership_id = $1 AND added_index % $5 = 0',
        range,
      );
      await client.query(
        `INSERT INTO ptrack.record_items SELECT $2::text || n, i.collection, i.key, i.field, i.position, i.item
           FROM ptrack.record_items i JOIN ptrack.records r ON r.partnership_id = i.partnership_id AND r.collection = i.collection AND r.key = i.key, generate_series($3::int, $4::int) AS n
          WHERE i.partnership_id = $1 AND r.added_index % $5 = 0`,
        range,
      );
      await client.query('INSERT INTO ptrack.audit SELECT $2::text || n, seq, revision, entry FROM ptrack.audit, generate_series($3::int, $4::int) AS n WHERE partnership_id = $1 AND seq % $5 = 0', range);
      await client.query('COMMIT');
    }
    await client.query('VACUUM ANALYZE');
    const count = await client.query<{ n: number; server: string }>("SELECT count(*)::int AS n, current_setting('server_version') AS server FROM ptrack.partnerships");
    return { partnerships: count.rows[0]!.n, server: `PostgreSQL ${count.rows[0]!.server}` };
  } finally {
    await client.end();
  }
}

/** Changes made through the store and the floor before either is timed. */
const WARM_UP = 5;

/**
 * One owner's action update through PgStore.commit, against its floor: the statements the store
 * sends for the same change (`revisionStatements`: the same SQL, the same rows and sizes), with
 * their values serialised as the store does, sent pipelined on a pooled connection in pipeline
 * mode as the store sends them: `BEGIN`, the conditional head and the revision's rows in one
 * round trip, then `COMMIT`. It writes to another partnership of the same shape, kept by applying
 * the same commands to a copy in memory outside the timed part, so that the floor holds none of
 * the store's own work in memory (applying the commands, folding the changes into row writes).
 * After the run the two partnerships hold the same records and history (postgres.test.ts).
 */
export async function pgCommits(args: { url: string; id: string; floorId: string; workload: Workload; iterations: number }): Promise<PgSamples> {
  const samples: PgSamples = { floor: [], store: [] };
  const store = unwrap(await openPgStore(args.url, args.id));
  const mirrorStore = unwrap(await openPgStore(args.url, args.floorId));
  // The floor's partnership as the commands leave it; its audit only the last entry, which is all
  // that applying a command needs (the next entry's seq follows it), as in the store.
  let mirror = await mirrorStore.read();
  mirror = { ...mirror, audit: mirror.audit.slice(-1) };
  await mirrorStore.close();
  const pool = new pg.Pool({ connectionString: args.url, max: 1, pipeline: true });
  try {
    const head = await pool.query<{ schema_version: number }>('SELECT schema_version FROM ptrack.partnerships WHERE id = $1', [args.floorId]);
    const rowsVersion = head.rows[0]!.schema_version;
    // The first changes of a fresh process compile the store's code and warm the connection's
    // caches, which a bot that has been running does not pay: they are made and not timed, for
    // the floor and the store alike, as the bot turns' warm-up is.
    for (let n = -WARM_UP; n < args.iterations; n++) {
      const { commands, actor } = changeOf('actionUpdate', args.workload, n + WARM_UP);
      const at = new Date().toISOString();
      const outcome = unwrap(applyCommands(mirror, commands, { actor, at }));
      if (outcome.audit.length === 0) throw new Error('a PostgreSQL floor sample changed nothing');
      const writes = revisionWrites(outcome.changes, outcome.db);
      collect();
      const floorStart = performance.now();
      const statements = [
        { text: 'BEGIN', values: [] },
        advanceHead(args.floorId, mirror.revision, rowsVersion, outcome.db.revision, writes.settings),
        ...revisionStatements(args.floorId, outcome.db.revision, writes, outcome.audit, outcome.changes),
      ];
      const client = await pool.connect();
      const answers = await Promise.all(statements.map((statement) => client.query(statement.text, [...statement.values])));
      if (answers[1]!.rowCount !== 1) throw new Error(`the floor's head was not at revision ${mirror.revision}`);
      for (const [index, statement] of statements.entries()) {
        if (statement.expected !== undefined && answers[index]!.rowCount !== statement.expected.rowCount) throw new Error(statement.expected.otherwise);
      }
      await client.query('COMMIT');
      client.release();
      if (n >= 0) samples.floor.push(performance.now() - floorStart);
      mirror = { ...outcome.db, audit: outcome.audit.slice(-1) };
      collect();
      const start = performance.now();
      const result = unwrap(await store.commit(commands, { actor, at }));
      if (n >= 0) samples.store.push(performance.now() - start);
      if (result.audit.length === 0) throw new Error('a PostgreSQL commit sample changed nothing');
    }
  } finally {
    await pool.end();
    await store.close();
  }
  return samples;
}

/**
 * Opening a partnership cold (a new connection, every row read and parsed, the schema checked)
 * against its floor: a new connection and the same rows' queries, which pg parses with JSON.parse.
 */
export async function pgOpen(args: { url: string; id: string; iterations: number }): Promise<PgSamples> {
  const samples: PgSamples = { floor: [], store: [] };
  for (let n = 0; n < args.iterations; n++) {
    collect();
    const floorStart = performance.now();
    const client = new pg.Client({ connectionString: args.url });
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query('SELECT schema_version, revision, settings FROM ptrack.partnerships WHERE id = $1', [args.id]);
    await client.query('SELECT collection, key, record FROM ptrack.records WHERE partnership_id = $1 ORDER BY added_revision, added_index', [args.id]);
    await client.query('SELECT collection, key, field, item FROM ptrack.record_items WHERE partnership_id = $1 ORDER BY collection, key, field, position', [args.id]);
    await client.query('SELECT entry FROM ptrack.audit WHERE partnership_id = $1 ORDER BY seq', [args.id]);
    await client.query('COMMIT');
    await client.end();
    samples.floor.push(performance.now() - floorStart);
    collect();
    const start = performance.now();
    const store = unwrap(await openPgStore(args.url, args.id));
    await store.read();
    samples.store.push(performance.now() - start);
    await store.close();
  }
  return samples;
}

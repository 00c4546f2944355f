import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { unwrap, type Database } from '@partnership-tracker/core';
import { openPgStore, PgPartnerships } from '@partnership-tracker/core/node';
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
 * One owner's action update through PgStore.commit, against its floor: the same statements
 * (head, history item, record, audit entry, revision's changes) with values ready-made, as one
 * bare pg transaction on another partnership of the same shape.
 */
export async function pgCommits(args: { url: string; id: string; floorId: string; workload: Workload; iterations: number }): Promise<PgSamples> {
  const samples: PgSamples = { floor: [], store: [] };
  const store = unwrap(await openPgStore(args.url, args.id));
  const client = new pg.Client({ connectionString: args.url });
  await client.connect();
  try {
    const ref = args.workload.owner.openActionRefs[0]!;
    const row = await client.query<{ record: Record<string, unknown>; items: number; revision: string; seq: string }>(
      `SELECT r.record, (SELECT count(*)::int FROM ptrack.record_items i WHERE i.partnership_id = $1 AND i.collection = 'actions' AND i.key = $2) AS items,
              (SELECT revision FROM ptrack.partnerships WHERE id = $1) AS revision,
              (SELECT coalesce(max(seq), 0) FROM ptrack.audit WHERE partnership_id = $1) AS seq
         FROM ptrack.records r WHERE r.partnership_id = $1 AND r.collection = 'actions' AND r.key = $2`,
      [args.floorId, ref],
    );
    let { items, revision, seq } = { items: row.rows[0]!.items, revision: Number(row.rows[0]!.revision), seq: Number(row.rows[0]!.seq) };
    const record = row.rows[0]!.record;
    // The first changes of a fresh process compile the store's code and warm the connection's
    // caches, which a bot that has been running does not pay: they are made and not timed, for
    // the floor and the store alike, as the bot turns' warm-up is.
    for (let n = -WARM_UP; n < args.iterations; n++) {
      const { commands, actor } = changeOf('actionUpdate', args.workload, n + WARM_UP);
      const at = new Date().toISOString();
      const item = { at, byId: actor.kind === 'person' ? actor.personId : 'system', progress: 10 + (n % 80), status: 'on-track', note: `Benchmark update ${n}: met the ICB lead and agreed next steps.`, requestId: null };
      const entry = { seq: seq + 1, at, actor, command: 'action.update', entity: 'action', entityId: ref, before: { progress: 10 }, after: { progress: item.progress, historyAppended: [item] } };
      const changes = [{ target: 'actions', key: ref, record: { ...record, progress: item.progress }, appended: { field: 'history', from: items, items: [item] } }];
      collect();
      const floorStart = performance.now();
      await client.query('BEGIN');
      await client.query('UPDATE ptrack.partnerships SET revision = revision + 1, settings = coalesce($3::jsonb, settings) WHERE id = $1 AND revision = $2', [args.floorId, revision, null]);
      await client.query(`INSERT INTO ptrack.record_items (partnership_id, collection, key, field, position, item) VALUES ($1, 'actions', $2, 'history', $3, $4::jsonb)`, [args.floorId, ref, items, JSON.stringify(item)]);
      await client.query(`UPDATE ptrack.records SET record = $3::jsonb WHERE partnership_id = $1 AND collection = 'actions' AND key = $2`, [args.floorId, ref, JSON.stringify(changes[0]!.record)]);
      await client.query('INSERT INTO ptrack.audit (partnership_id, seq, revision, entry) VALUES ($1, $2, $3, $4::jsonb)', [args.floorId, seq + 1, revision + 1, JSON.stringify(entry)]);
      await client.query('INSERT INTO ptrack.revisions (partnership_id, revision, changes) VALUES ($1, $2, $3::jsonb)', [args.floorId, revision + 1, JSON.stringify(changes)]);
      await client.query('COMMIT');
      if (n >= 0) samples.floor.push(performance.now() - floorStart);
      items++;
      revision++;
      seq++;
      collect();
      const start = performance.now();
      const result = unwrap(await store.commit(commands, { actor, at }));
      if (n >= 0) samples.store.push(performance.now() - start);
      if (result.audit.length === 0) throw new Error('a PostgreSQL commit sample changed nothing');
    }
  } finally {
    await client.end();
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

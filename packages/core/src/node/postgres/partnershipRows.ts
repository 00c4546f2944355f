import type pg from 'pg';
import type { AuditEntry } from '../../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../../common/base/result.js';
import { formatPath } from '../../common/base/validation.js';
import { Database } from '../../common/store/database.js';
import { migrate, migrations as defaultMigrations, type Migration } from '../../common/store/migrations.js';
import { RECORD_KEYS, type RecordChange, type RecordCollection } from '../../common/store/recordChanges.js';
import { rowWrites, type RecordPut, type RowWrites } from './rowWrites.js';

// The SQL of one partnership's rows. Every statement names the partnership: no statement here can
// read or write another partnership's rows.

/** Something that runs queries: a pool, or a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** A partnership's head row. */
export interface Head {
  readonly schemaVersion: number;
  readonly revision: number;
  readonly settings: unknown;
}

/** A partnership as loaded: its database at the current schema version, and the version its rows have. */
export interface LoadedPartnership {
  readonly db: Database;
  /** The schema version of the rows in the database (older than the db's when it was migrated on load). */
  readonly rowsVersion: number;
}

const json = (value: unknown): string => JSON.stringify(value);

/**
 * The append-only list of each collection that has one: its items are rows of their own
 * (ptrack.record_items), so that an update adds a row instead of rewriting the whole list.
 */
const ITEM_LISTS: Readonly<Partial<Record<RecordCollection, string>>> = { actions: 'history' };

/** The head row, or null when there is no such partnership. */
export async function readHead(client: Queryable, partnership: string, lock = false): Promise<Head | null> {
  const result = await client.query<{ schema_version: number; revision: string; settings: unknown }>(
    `SELECT schema_version, revision, settings FROM ptrack.partnerships WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [partnership],
  );
  const row = result.rows[0];
  return row === undefined ? null : { schemaVersion: row.schema_version, revision: Number(row.revision), settings: row.settings };
}

/** A partnership's whole audit, in order. */
export async function readAudit(client: Queryable, partnership: string): Promise<AuditEntry[]> {
  const audit = await client.query<{ entry: AuditEntry }>('SELECT entry FROM ptrack.audit WHERE partnership_id = $1 ORDER BY seq', [partnership]);
  return audit.rows.map((row) => row.entry);
}

/**
 * Reads a whole partnership in one snapshot (the caller's REPEATABLE READ transaction) and
 * parses it with the current schema, migrating older rows in memory first. A record that fails
 * its schema is refused with the partnership, collection and key named.
 */
export async function loadPartnership(
  client: Queryable,
  partnership: string,
  steps: Readonly<Record<number, Migration>> = defaultMigrations,
): Promise<Result<LoadedPartnership>> {
  const head = await readHead(client, partnership);
  if (head === null) return fail('store.not_found', `There is no partnership "${partnership}" in this database.`, { partnership });
  const records = await client.query<{ collection: string; key: string; record: Record<string, unknown> }>(
    'SELECT collection, key, record FROM ptrack.records WHERE partnership_id = $1 ORDER BY added_revision, added_index',
    [partnership],
  );
  const items = await client.query<{ collection: string; key: string; field: string; item: unknown }>(
    'SELECT collection, key, field, item FROM ptrack.record_items WHERE partnership_id = $1 ORDER BY collection, key, field, position',
    [partnership],
  );
  const lists = new Map<string, unknown[]>();
  for (const { collection, key, field, item } of items.rows) {
    const id = `${collection}\u0000${key}\u0000${field}`;
    let list = lists.get(id);
    if (list === undefined) lists.set(id, (list = []));
    list.push(item);
  }
  const document: Record<string, unknown> = { version: head.schemaVersion, revision: head.revision, partnership: head.settings, audit: await readAudit(client, partnership) };
  for (const collection of Object.keys(RECORD_KEYS)) document[collection] = [];
  for (const { collection, key, record } of records.rows) {
    const list = document[collection];
    if (!(collection in RECORD_KEYS) || !Array.isArray(list)) {
      return fail('store.corrupt', `partnership "${partnership}": a record of unknown collection "${collection}" (${key})`, { partnership, collection, key });
    }
    const field = RECORD_KEYS[collection as RecordCollection];
    if (record === null || typeof record !== 'object' || record[field] !== key) {
      return fail('store.corrupt', `partnership "${partnership}", ${collection} "${key}": the record's ${field} is ${JSON.stringify(record?.[field])}`, { partnership, collection, key });
    }
    const listField = ITEM_LISTS[collection as RecordCollection];
    list.push(listField === undefined ? record : { ...record, [listField]: lists.get(`${collection}\u0000${key}\u0000${listField}`) ?? [] });
  }
  const migrated = migrate(document, steps);
  if (!migrated.success) return fail(migrated.error.code, `partnership "${partnership}": ${migrated.error.message}`, { partnership });
  const parsed = Database.safeParse(migrated.data.data);
  if (!parsed.success) return fail('store.invalid', describeInvalid(partnership, migrated.data.data, parsed.error.issues[0]), { partnership });
  return ok({ db: parsed.data, rowsVersion: head.schemaVersion });
}

/** Names the record that failed its schema: partnership, collection and key, then the field. */
function describeInvalid(partnership: string, document: Record<string, unknown>, issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (issue === undefined) return `partnership "${partnership}": invalid`;
  const [collection, index, ...rest] = issue.path;
  if (typeof collection === 'string' && collection in RECORD_KEYS && typeof index === 'number') {
    const record = (document[collection] as Array<Record<string, unknown>>)[index];
    const key = record?.[RECORD_KEYS[collection as RecordCollection]];
    const field = formatPath(rest);
    return `partnership "${partnership}", ${collection} "${String(key)}"${field === '' ? '' : `, ${field}`}: ${issue.message}`;
  }
  return `partnership "${partnership}", ${formatPath(issue.path) || '(root)'}: ${issue.message}`;
}

/** One revision another process committed: the records it left and its audit entries. */
export interface CommittedRevision {
  readonly revision: number;
  readonly changes: readonly RecordChange[];
  readonly audit: readonly AuditEntry[];
}

/**
 * What changed since `revision`, in one statement (one snapshot, one round trip). Null: no such partnership.
 *
 * The audit entries are found by `revision > $2`, a range on the index (partnership_id, revision)
 * whose size is what changed since, never by equality with each revision found: a partnership
 * copied in holds its whole earlier audit under one revision, and for an equality the planner
 * then expected half the table and scanned all of it on every read and commit (185 ms a commit
 * at 10×; docs/performance.md).
 */
export async function readSince(client: Queryable, partnership: string, revision: number): Promise<{ head: Head; revisions: CommittedRevision[] } | null> {
  const result = await client.query<{ schema_version: number; head: string; revision: string | null; changes: RecordChange[] | null; audit: AuditEntry[] | null }>(
    `SELECT h.schema_version, h.revision AS head, r.revision, r.changes, a.audit
       FROM ptrack.partnerships h
       LEFT JOIN ptrack.revisions r ON r.partnership_id = h.id AND r.revision > $2
       LEFT JOIN (SELECT revision, jsonb_agg(entry ORDER BY seq) AS audit FROM ptrack.audit
                   WHERE partnership_id = $1 AND revision > $2 GROUP BY revision) a ON a.revision = r.revision
      WHERE h.id = $1
      ORDER BY r.revision`,
    [partnership, revision],
  );
  const first = result.rows[0];
  if (first === undefined) return null;
  const head: Head = { schemaVersion: first.schema_version, revision: Number(first.head), settings: undefined };
  const revisions = result.rows
    .filter((row) => row.revision !== null)
    .map((row) => ({ revision: Number(row.revision), changes: row.changes ?? [], audit: row.audit ?? [] }));
  return { head, revisions };
}

/**
 * One parameterised statement of a commit, built before any is sent, so that a commit's
 * statements go to the server together (pipelined) rather than one round trip each.
 */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
  /** How many rows it must change, and what another count means: the database does not hold what the commit was applied to. */
  readonly expected?: { readonly rowCount: number; readonly otherwise: string };
}

/**
 * Moves the head from `revision` to `to` if it is still at `revision`, its rows still of
 * `schemaVersion`, with the new settings if they changed. It changes no row when another process
 * committed first, or rewrote the rows for a newer version. The row stays locked until the
 * transaction ends, so that the revisions of a partnership commit in order.
 */
export function advanceHead(partnership: string, revision: number, schemaVersion: number, to: number, settings: Record<string, unknown> | null): Statement {
  return {
    text: 'UPDATE ptrack.partnerships SET revision = $4, settings = coalesce($5::jsonb, settings) WHERE id = $1 AND revision = $2 AND schema_version = $3',
    values: [partnership, revision, schemaVersion, to, settings === null ? null : json(settings)],
  };
}

/** Runs statements one after another, each awaited: for writes that need not be fast (creating, migrating). */
export async function runInOrder(client: Queryable, statements: readonly Statement[]): Promise<void> {
  for (const statement of statements) {
    const result = await client.query(statement.text, [...statement.values]);
    if (statement.expected !== undefined && result.rowCount !== statement.expected.rowCount) throw new Error(statement.expected.otherwise);
  }
}

/**
 * A commit's record changes as the rows can hold them. An append to a list that is not kept as
 * items of its own (`ITEM_LISTS`) is written as the whole record the commit left, or as its
 * removal when a later change of the commit removed it: so a collection or list added to the
 * partnership document is stored whole, whatever shape its changes take.
 */
export function asStoredChanges(changes: readonly RecordChange[], db: Database): RecordChange[] {
  return changes.map((change) => {
    if (change.appended === undefined || change.target === 'partnership' || ITEM_LISTS[change.target] === change.appended.field) return change;
    const field = RECORD_KEYS[change.target];
    const records = db[change.target] as unknown as ReadonlyArray<Record<string, unknown>>;
    return { target: change.target, key: change.key, record: records.find((record) => record[field] === change.key) ?? null };
  });
}

/**
 * A commit's row writes: deletes first, then whole records, then appends to append-only lists.
 * Rows are matched to the commit's keys through `unnest` of arrays, whose length the planner
 * knows, so that it looks each key up in the index; for `jsonb_to_recordset` it assumes 100 rows
 * and, with few partnerships in the database, scanned a whole table instead.
 */
export function rowStatements(partnership: string, revision: number, writes: RowWrites): Statement[] {
  const statements: Statement[] = [];
  if (writes.deletes.length > 0) {
    statements.push({
      text: `DELETE FROM ptrack.records r USING unnest($2::text[], $3::text[]) AS x(collection, key)
        WHERE r.partnership_id = $1 AND r.collection = x.collection AND r.key = x.key`,
      values: [partnership, writes.deletes.map((d) => d.collection), writes.deletes.map((d) => d.key)],
    });
  }
  statements.push(...putStatements(partnership, revision, writes.puts));
  if (writes.appends.length > 0) {
    // A list's items are numbered from 0: an append that does not follow on from the last item
    // the database holds collides with an existing row and fails the transaction.
    statements.push({
      text: `INSERT INTO ptrack.record_items (partnership_id, collection, key, field, position, item)
       SELECT $1, x.collection, x.key, x.field, x."from" + i.n - 1, i.item
         FROM jsonb_to_recordset($2::jsonb) AS x(collection text, key text, field text, "from" integer, items jsonb),
              jsonb_array_elements(x.items) WITH ORDINALITY AS i(item, n)`,
      values: [partnership, json(writes.appends)],
    });
    statements.push({
      text: `UPDATE ptrack.records r SET record = x.record
         FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS x(collection, key, record)
        WHERE r.partnership_id = $1 AND r.collection = x.collection AND r.key = x.key`,
      values: [partnership, writes.appends.map((a) => a.collection), writes.appends.map((a) => a.key), writes.appends.map((a) => json(a.record))],
      expected: { rowCount: writes.appends.length, otherwise: `partnership "${partnership}": revision ${revision} appends to a record the database does not hold` },
    });
  }
  return statements;
}

// Bounded so that no one parameter grows without limit when a whole partnership is copied in.
const CHUNK = 2000;

/**
 * Inserts records (at `revision`, in the order given) or replaces them in place, with the
 * items of their append-only lists.
 */
export function putStatements(partnership: string, revision: number, puts: readonly RecordPut[]): Statement[] {
  const statements: Statement[] = [];
  for (let start = 0; start < puts.length; start += CHUNK) {
    const rows: RecordPut[] = [];
    const listed: Array<{ collection: string; key: string; field: string; items: unknown[] }> = [];
    for (const put of puts.slice(start, start + CHUNK)) {
      const field = ITEM_LISTS[put.collection as RecordCollection];
      if (field === undefined) {
        rows.push(put);
        continue;
      }
      const { [field]: items, ...rest } = put.record;
      rows.push({ ...put, record: rest });
      listed.push({ collection: put.collection, key: put.key, field, items: (items as unknown[] | undefined) ?? [] });
    }
    statements.push({
      text: `INSERT INTO ptrack.records (partnership_id, collection, key, added_revision, added_index, record)
       SELECT $1, x.collection, x.key, $2, x.index, x.record
         FROM jsonb_to_recordset($3::jsonb) AS x(collection text, key text, index integer, record jsonb)
       ON CONFLICT (partnership_id, collection, key) DO UPDATE SET record = EXCLUDED.record`,
      values: [partnership, revision, json(rows)],
    });
    if (listed.length === 0) continue;
    // The lists' items are many rows under few keys: the planner is given the keys themselves
    // (`= ANY`), so that it estimates by each key's own count rather than by the average.
    statements.push({
      text: `DELETE FROM ptrack.record_items r USING unnest($2::text[], $3::text[], $4::text[]) AS x(collection, key, field)
        WHERE r.partnership_id = $1 AND r.collection = ANY($2::text[]) AND r.key = ANY($3::text[])
          AND r.collection = x.collection AND r.key = x.key AND r.field = x.field`,
      values: [partnership, listed.map((l) => l.collection), listed.map((l) => l.key), listed.map((l) => l.field)],
    });
    statements.push({
      text: `INSERT INTO ptrack.record_items (partnership_id, collection, key, field, position, item)
       SELECT $1, x.collection, x.key, x.field, i.n - 1, i.item
         FROM jsonb_to_recordset($2::jsonb) AS x(collection text, key text, field text, items jsonb),
              jsonb_array_elements(x.items) WITH ORDINALITY AS i(item, n)`,
      values: [partnership, json(listed)],
    });
  }
  return statements;
}

/**
 * The rows one revision's record changes write (`db` is the partnership after them): the work in
 * memory of deciding what to write, before any statement is built.
 */
export function revisionWrites(changes: readonly RecordChange[], db: Database): RowWrites {
  return rowWrites(asStoredChanges(changes, db));
}

/**
 * Every statement of one revision, in the order a commit sends them after the head: its rows,
 * its audit entries, its changes for other processes. The bench's floor sends these very
 * statements in a bare transaction, so that the two measure the same writes.
 */
export function revisionStatements(partnership: string, revision: number, writes: RowWrites, audit: readonly AuditEntry[], changes: readonly RecordChange[] | null): Statement[] {
  return [...rowStatements(partnership, revision, writes), ...historyStatements(partnership, revision, audit, changes)];
}

/** Appends audit entries and, with `changes`, the revision's record changes for other processes to catch up with. */
export function historyStatements(partnership: string, revision: number, audit: readonly AuditEntry[], changes: readonly RecordChange[] | null): Statement[] {
  const statements: Statement[] = [];
  for (let start = 0; start < audit.length; start += CHUNK) {
    statements.push({
      text: `INSERT INTO ptrack.audit (partnership_id, seq, revision, entry)
       SELECT $1, (e ->> 'seq')::bigint, $2, e FROM jsonb_array_elements($3::jsonb) AS e`,
      values: [partnership, revision, json(audit.slice(start, start + CHUNK))],
    });
  }
  if (changes !== null) {
    statements.push({ text: 'INSERT INTO ptrack.revisions (partnership_id, revision, changes) VALUES ($1, $2, $3::jsonb)', values: [partnership, revision, json(changes)] });
  }
  return statements;
}

/** Drops the catch-up history up to and including `through`: a process that far behind reads the partnership whole. */
export function pruneCatchUp(partnership: string, through: number): Statement {
  return { text: 'DELETE FROM ptrack.revisions WHERE partnership_id = $1 AND revision <= $2', values: [partnership, through] };
}

/** Every record of a database as puts, in the database's order, for writing it whole. */
export function recordsOf(db: Database): Result<RecordPut[]> {
  const puts: RecordPut[] = [];
  for (const [collection, field] of Object.entries(RECORD_KEYS)) {
    const seen = new Set<string>();
    for (const record of db[collection as RecordCollection] as unknown as Array<Record<string, unknown>>) {
      const key = record[field] as string;
      if (seen.has(key)) return fail('store.invalid', `${collection}: "${key}" appears twice`, { collection, key });
      seen.add(key);
      puts.push({ collection, key, index: puts.length, record });
    }
  }
  return ok(puts);
}

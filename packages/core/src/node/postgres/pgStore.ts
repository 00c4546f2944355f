import type pg from 'pg';
import type { AuditEntry } from '../../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../../common/base/result.js';
import { applyCommands, type ChangeContext } from '../../common/store/applyCommands.js';
import type { CommandInput } from '../../common/store/commands.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../../common/store/database.js';
import type { Migration } from '../../common/store/migrations.js';
import { applyRecordChanges } from '../../common/store/recordChanges.js';
import { SerialQueue } from '../../common/store/serialQueue.js';
import { redactedEntries, withAuditTail } from '../../common/store/heldAudit.js';
import { redactionStatements } from './redaction.js';
import type { CommitResult, Store } from '../../common/store/store.js';
import { advanceHead, historyStatements, pruneCatchUp, loadPartnership, putStatements, readAudit, readHead, readSince, recordsOf, revisionStatements, revisionWrites, runInOrder, type LoadedPartnership, type Statement } from './partnershipRows.js';

/** Hooks for tests (a migration chain); not exported from the package entry. */
export interface PgStoreInternals {
  readonly migrations?: Readonly<Record<number, Migration>>;
  /** How many revisions' changes are kept for other processes to catch up from (`CATCH_UP_WINDOW`). */
  readonly catchUpWindow?: number;
}

/** How a PgStore reaches its database, and what to call it in messages (never with a password). */
export interface PgConnection {
  readonly pool: pg.Pool;
  readonly address: string;
}

// Optimistic commits retry on conflict; after this many, a commit locks the head first, so that
// one busy writer cannot starve another.
const OPTIMISTIC_ATTEMPTS = 3;

// The most commits written in one transaction: enough for every conversation of a busy bot
// waiting at once, few enough that the head's lock is held for a few milliseconds.
const MOST_IN_ONE_TRANSACTION = 50;

// Each revision's changes are kept so that another process can catch up by reading only what it
// missed; one further behind than this reads the partnership whole, as when it opens. Without a
// limit the table would grow by every change ever made. Pruned each time the head passes a
// multiple of the window, so a commit rarely pays for it.
const CATCH_UP_WINDOW = 1000;

/** The transaction isolation under which a partnership is read whole: one snapshot for all its rows. */
const SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** A commit waiting for the store's turn. */
interface PendingCommit {
  readonly commands: readonly CommandInput[];
  readonly context: ChangeContext;
  readonly resolve: (result: Result<CommitResult>) => void;
}

/** A group of commits applied in memory in order, each one that changes something at a revision of its own. */
interface AppliedGroup {
  /** The database they were applied to. */
  readonly base: Database;
  /** The database after the last, its audit only the tail `applyCommands` keeps. */
  readonly db: Database;
  /** Set when a commit erases a person and the whole audit must be read to redact it: nothing else is. */
  readonly needsHistory?: true;
  /** Each commit's answer, in order; a changing one's revision is final once the transaction commits. */
  readonly results: Result<CommitResult>[];
  /** What each changing commit writes. */
  readonly revisions: {
    readonly revision: number;
    readonly audit: readonly AuditEntry[];
    /** The audit entries before it that its erasures rewrote, as they now read. */
    readonly redacted: readonly AuditEntry[];
    readonly statements: Statement[];
    readonly settings: Record<string, unknown> | null;
  }[];
}

/**
 * One partnership in a PostgreSQL database. It keeps the partnership in memory, like the file
 * store (of the audit, the last entry: the history stays in the database), and catches up with
 * other processes' commits before every read: one query gives the records of every revision
 * since its own. A commit applies the commands in memory, then writes
 * only the rows they changed, on condition that the head is still at the revision it was applied
 * to; when another process got there first, it catches up and applies them again. The commits
 * that queue while one is written go to the database together: one transaction (one flush to
 * disk), each commit still a revision of its own.
 */
export class PgStore implements Store {
  private db: Database;
  private rowsVersion: number;
  private readonly queue = new SerialQueue();
  private closed = false;
  // The read and the group of commits queued and not yet started, which later calls join. A
  // commit joins its group even ahead of reads queued since (they then see it too); a read joins
  // only a read queued after the last commit, so that it always sees the commits asked for before it.
  private openRead: Promise<Database> | undefined;
  private openGroup: PendingCommit[] | undefined;

  /** Use `openPgStore` or `PgPartnerships.open`. */
  constructor(
    private readonly connection: PgConnection,
    /** The partnership's id (its slug) in the database. */
    readonly partnership: string,
    loaded: LoadedPartnership,
    private readonly onClose: () => Promise<void>,
    private readonly internals: PgStoreInternals = {},
  ) {
    this.db = withAuditTail(loaded.db);
    this.rowsVersion = loaded.rowsVersion;
  }

  read(): Promise<Database> {
    if (this.closed) return Promise.resolve(this.db);
    // Reads waiting for the same turn share one catch-up, which is sent after each of them was asked for.
    if (this.openRead !== undefined) return this.openRead;
    const read = this.queue.run(async () => {
      if (this.openRead === read) this.openRead = undefined;
      const caught = await this.catchUp(this.connection.pool);
      if (!caught.success) throw new Error(`${caught.error.code}: ${caught.error.message}`);
      return this.db;
    });
    this.openRead = read;
    return read;
  }

  /** Reads the partnership whole, in one snapshot, after the commits asked for before. */
  readWithHistory(): Promise<Result<Database>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return this.queue.run(async () => {
      try {
        const loaded = await loadSnapshot(this.connection, this.partnership, this.internals);
        return loaded.success ? ok(loaded.data.db) : loaded;
      } catch (error) {
        return this.unavailable(error, 'nothing was read');
      }
    });
  }

  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return new Promise((resolve) => {
      if (this.openGroup !== undefined) {
        this.openGroup.push({ commands, context, resolve });
        if (this.openGroup.length === MOST_IN_ONE_TRANSACTION) this.openGroup = undefined;
        return;
      }
      this.openRead = undefined;
      const group: PendingCommit[] = [{ commands, context, resolve }];
      this.openGroup = group;
      void this.queue.run(() => this.commitPending(group));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return this.queue.drain();
    this.closed = true;
    await this.queue.drain();
    await this.onClose();
  }

  /** Writes a group of commits, together, and answers each. */
  private async commitPending(group: PendingCommit[]): Promise<void> {
    if (this.openGroup === group) this.openGroup = undefined;
    let results: Result<CommitResult>[];
    try {
      results = await this.commitGroup(group);
    } catch (error) {
      results = [];
      if (group.length === 1) results.push(this.unavailable(error, 'nothing was written'));
      // One commit's failure must not be the others': each is tried again alone.
      else for (const one of group) results.push(await this.commitGroup([one]).then((r) => r[0]!, (e: unknown) => this.unavailable(e, 'nothing was written')));
    }
    group.forEach((commit, index) => commit.resolve(results[index]!));
  }

  private async commitGroup(group: readonly PendingCommit[]): Promise<Result<CommitResult>[]> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connection.pool.connect();
      let broken: unknown;
      try {
        const locking = attempt > OPTIMISTIC_ATTEMPTS;
        if (locking) {
          await client.query('BEGIN');
          await readHead(client, this.partnership, true);
        }
        // The first attempt applies the commands to the data as this process last saw it, saving
        // the round trip of a catch-up: if another process has committed since, the head's
        // condition fails and the commit is applied again, caught up. A refusal, or a commit that
        // changes nothing, is only answered from the latest data.
        if (attempt > 1) {
          const caught = await this.catchUp(client);
          if (!caught.success) return await this.abandon(client, locking, group.map(() => caught));
        }
        let applied = this.apply(group);
        if (attempt === 1 && applied.results.some((result) => !result.success || result.data.audit.length === 0)) {
          const caught = await this.catchUp(client);
          if (!caught.success) return await this.abandon(client, locking, group.map(() => caught));
          if (this.db !== applied.base) applied = this.apply(group);
        }
        // Only an erasure reads the history. Another process's commit meanwhile fails the head's
        // condition below, and the group is applied again.
        if (applied.needsHistory) applied = this.apply(group, await readAudit(client, this.partnership));
        if (applied.revisions.length === 0) return await this.abandon(client, locking, applied.results);
        const last = applied.revisions.at(-1)!;
        const settings = applied.revisions.reduce<Record<string, unknown> | null>((latest, revision) => revision.settings ?? latest, null);
        const head = advanceHead(this.partnership, applied.base.revision, this.rowsVersion, last.revision, settings);
        // Sent together and answered in order: the head's condition, then every revision's rows.
        // When the head has moved, the rows written after it are rolled back with it.
        const statements = [...(locking ? [] : [{ text: 'BEGIN', values: [] }]), head, ...applied.revisions.flatMap((revision) => revision.statements)];
        const window = this.internals.catchUpWindow ?? CATCH_UP_WINDOW;
        if (Math.floor(last.revision / window) > Math.floor(applied.base.revision / window)) statements.push(pruneCatchUp(this.partnership, last.revision - window));
        const answers = await Promise.allSettled(statements.map((statement) => client.query(statement.text, [...statement.values])));
        const moved = answers[statements.indexOf(head)]!;
        if (moved.status === 'fulfilled' && moved.value.rowCount === 0) {
          await client.query('ROLLBACK');
          continue;
        }
        for (const [index, answer] of answers.entries()) {
          if (answer.status === 'rejected') throw answer.reason;
          const expected = statements[index]!.expected;
          if (expected !== undefined && answer.value.rowCount !== expected.rowCount) throw new Error(expected.otherwise);
        }
        try {
          await client.query('COMMIT');
        } catch (error) {
          broken = error;
          // The server may have committed before the connection failed: the next read finds out.
          const uncertain = fail('store.write_uncertain', `The connection to ${this.connection.address} failed while committing (${(error as Error).message}); the change may or may not have been saved. Check before repeating it.`);
          return applied.results.map((result) => (result.success && result.data.audit.length > 0 ? uncertain : result));
        }
        // An erasure redacts only entries before its own, so the last entry is as applied.
        this.db = withAuditTail(applied.db);
        return applied.results;
      } catch (error) {
        broken = error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    }
  }

  /**
   * Applies each commit in memory on the one before, as if each were committed alone. An erasure
   * needs the whole audit as it stood before the group (`history`, read from the database).
   */
  private apply(group: readonly PendingCommit[], history?: readonly AuditEntry[]): AppliedGroup {
    const base = this.db;
    let db = base;
    const results: Result<CommitResult>[] = [];
    const revisions: AppliedGroup['revisions'][number][] = [];
    for (const { commands, context } of group) {
      const outcome = applyCommands(db, commands, context);
      if (!outcome.success) {
        results.push(outcome);
        continue;
      }
      const { audit, changes, erasures } = outcome.data;
      if (audit.length === 0) {
        results.push(ok({ revision: db.revision, audit: [] }));
        continue;
      }
      if (erasures.length > 0 && history === undefined) return { base, db, results, revisions, needsHistory: true };
      db = withAuditTail(outcome.data.db);
      const writes = revisionWrites(changes, db);
      // An erasure's own changes name the keys the person was filed under, so they are not kept.
      const statements = revisionStatements(this.partnership, db.revision, writes, audit, erasures.length === 0 ? changes : null);
      const redacted = erasures.length === 0 ? [] : redactedEntries([...historyUpTo(history!, base), ...revisions.flatMap((earlier) => earlier.audit)], erasures);
      if (erasures.length > 0) statements.push(...redactionStatements(this.partnership, db.revision, redacted));
      revisions.push({ revision: db.revision, audit, redacted, statements, settings: writes.settings });
      results.push(ok({ revision: db.revision, audit }));
    }
    return { base, db, results, revisions };
  }

  /** Ends a commit that writes nothing, releasing the head's lock if it was taken. */
  private async abandon<T>(client: pg.PoolClient, inTransaction: boolean, result: T): Promise<T> {
    if (inTransaction) await client.query('ROLLBACK');
    return result;
  }

  /**
   * Brings the partnership up to the database's latest revision: the records of each revision
   * since ours, applied in order, or the whole partnership again when that cannot be done (its
   * rows were migrated, or revisions are missing).
   */
  private async catchUp(client: pg.Pool | pg.PoolClient): Promise<Result<void>> {
    const since = await readSince(client, this.partnership, this.db.revision);
    if (since === null) return fail('store.not_found', `The partnership "${this.partnership}" is no longer in ${this.connection.address}.`, { partnership: this.partnership });
    if (since.head.schemaVersion !== this.rowsVersion || since.head.revision < this.db.revision) return this.reload();
    let db = this.db;
    for (const committed of since.revisions) {
      if (committed.revision !== db.revision + 1) return this.reload();
      const applied = applyRecordChanges(db, committed.changes, { validate: true });
      if (!applied.success) return fail('store.corrupt', `partnership "${this.partnership}", revision ${committed.revision}: ${applied.error.message}`, { partnership: this.partnership });
      db = { ...applied.data, revision: committed.revision, audit: committed.audit.length > 0 ? committed.audit.slice(-1) : db.audit };
    }
    if (db.revision < since.head.revision) return this.reload();
    if (db !== this.db) this.db = db;
    return ok(undefined);
  }

  private async reload(): Promise<Result<void>> {
    const loaded = await loadSnapshot(this.connection, this.partnership, this.internals);
    if (!loaded.success) return loaded;
    this.db = withAuditTail(loaded.data.db);
    this.rowsVersion = loaded.data.rowsVersion;
    return ok(undefined);
  }

  private unavailable(error: unknown, consequence: string): Result<never> {
    return fail('store.unavailable', `PostgreSQL at ${this.connection.address} failed: ${(error as Error).message}; ${consequence}.`);
  }
}

/** The entries of `history` up to `db`'s last: a history read after it may have more. */
function historyUpTo(history: readonly AuditEntry[], db: Database): readonly AuditEntry[] {
  const last = db.audit.at(-1)?.seq ?? 0;
  return history.filter((entry) => entry.seq <= last);
}

/** Reads a partnership whole in one snapshot and, when its rows are of an older schema version, rewrites them migrated. */
export async function loadSnapshot(connection: PgConnection, partnership: string, internals: PgStoreInternals = {}): Promise<Result<LoadedPartnership>> {
  const client = await connection.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(SNAPSHOT);
    const loaded = await loadPartnership(client, partnership, internals.migrations);
    await client.query('COMMIT');
    if (!loaded.success || loaded.data.rowsVersion >= CURRENT_SCHEMA_VERSION) return loaded;
    return await writeMigrated(client, partnership, loaded.data);
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Writes a partnership migrated in memory back as rows of the current schema version, unless
 * another process changed it since it was read (then that process's rows are read again).
 */
async function writeMigrated(client: pg.PoolClient, partnership: string, loaded: LoadedPartnership): Promise<Result<LoadedPartnership>> {
  await client.query('BEGIN');
  try {
    const head = await readHead(client, partnership, true);
    if (head === null || head.revision !== loaded.db.revision || head.schemaVersion !== loaded.rowsVersion) {
      await client.query('ROLLBACK');
      return fail('store.conflict', `partnership "${partnership}" changed while it was being migrated; open it again.`, { partnership });
    }
    const puts = recordsOf(loaded.db);
    if (!puts.success) {
      await client.query('ROLLBACK');
      return fail(puts.error.code, `partnership "${partnership}", ${puts.error.message}`, { partnership });
    }
    await client.query('DELETE FROM ptrack.records WHERE partnership_id = $1', [partnership]);
    await runInOrder(client, putStatements(partnership, loaded.db.revision, puts.data));
    await client.query('UPDATE ptrack.partnerships SET schema_version = $2, settings = $3::jsonb WHERE id = $1', [partnership, CURRENT_SCHEMA_VERSION, JSON.stringify(loaded.db.partnership)]);
    await client.query('COMMIT');
    return ok({ db: loaded.db, rowsVersion: CURRENT_SCHEMA_VERSION });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Adds a partnership holding `db` to the database; `store.exists` when the id is taken. */
export async function insertPartnership(connection: PgConnection, partnership: string, db: Database): Promise<Result<void>> {
  const puts = recordsOf(db);
  if (!puts.success) return puts;
  const client = await connection.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const inserted = await client.query('INSERT INTO ptrack.partnerships (id, schema_version, revision, settings) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING', [
      partnership,
      db.version,
      db.revision,
      JSON.stringify(db.partnership),
    ]);
    if (inserted.rowCount !== 1) {
      await client.query('ROLLBACK');
      return fail('store.exists', `${connection.address} already holds a partnership "${partnership}"; refusing to overwrite it.`, { partnership });
    }
    await runInOrder(client, [...putStatements(partnership, 0, puts.data), ...historyStatements(partnership, db.revision, db.audit, null)]);
    await client.query('COMMIT');
    return ok(undefined);
  } catch (error) {
    broken = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}

import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import lockfile from 'proper-lockfile';
import { fail, ok, type Result } from '../common/base/result.js';
import { parseWith } from '../common/base/validation.js';
import { applyCommands, type ChangeContext } from '../common/store/applyCommands.js';
import type { CommandInput } from '../common/store/commands.js';
import { Database } from '../common/store/database.js';
import { migrate, migrations as defaultMigrations, type Migration } from '../common/store/migrations.js';
import { SerialQueue } from '../common/store/serialQueue.js';
import type { CommitResult, Store } from '../common/store/store.js';
import { errorCode, removeOrphanedTempFiles, sameStamp, writeFileDurably, type FileStamp, type WriteFaults } from './durableWrite.js';
import { findJsonSyntaxProblem } from './jsonLocation.js';

/** How patiently a file store waits for another process's lock. */
export interface FileStoreOptions {
  /** A lock not refreshed for this long belongs to a crashed process and is taken over (minimum 2000). */
  lockStaleMs?: number;
  /** How many times to retry a held lock, about 100 ms apart once backed off, before `store.locked`. */
  lockRetries?: number;
}

/** Hooks for tests of migrations and crashes; not exported from the package entry. */
export interface FileStoreInternals {
  readonly migrations?: Readonly<Record<number, Migration>>;
  readonly faults?: WriteFaults;
}

const DEFAULT_LOCK_STALE_MS = 10_000;
// Enough retries to outlast a stale lock, so a crashed process's lock is taken over, not reported.
const DEFAULT_LOCK_RETRIES = 150;

/** A database read from the data file, with the version of the file it came from. */
interface Loaded {
  readonly db: Database;
  readonly stamp: FileStamp;
  /** The schema version the file had before migration. */
  readonly migratedFrom: number;
}

/** The JSON text of a database as written to disk: 2-space indentation and a final newline, for diffs. */
export function serializeDatabase(db: Database): string {
  return `${JSON.stringify(db, null, 2)}\n`;
}

/**
 * Reads a data file's text into a valid, current-version database, or says what is wrong and
 * where: the file name, then the line and column of bad JSON or the path of an invalid record.
 */
export function parseDataFile(
  text: string,
  fileName: string,
  steps: Readonly<Record<number, Migration>> = defaultMigrations,
): Result<{ db: Database; migratedFrom: number }> {
  // Editors on Windows may add a byte-order mark; JSON.parse rejects it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    if (problem === undefined) {
      return fail('store.corrupt', `${fileName}: not valid JSON: ${(error as Error).message}`, { file: fileName });
    }
    return fail('store.corrupt', `${fileName}: not valid JSON at line ${problem.line} column ${problem.column}: ${problem.reason}`, {
      file: fileName,
      line: problem.line,
      column: problem.column,
    });
  }
  const migrated = migrate(json, steps);
  if (!migrated.success) return fail(migrated.error.code, `${fileName}: ${migrated.error.message}`, { file: fileName });
  const valid = parseWith(Database, migrated.data.data, 'store.invalid');
  if (!valid.success) return fail('store.invalid', `${fileName}: ${valid.error.message}`, { file: fileName, ...valid.error.details });
  return ok({ db: valid.data, migratedFrom: migrated.data.from });
}

/**
 * The data file as a lowdb adapter: reads validate and migrate, writes are atomic and fsynced.
 * `stamp` remembers which version of the file the caller's data matches.
 */
export class DatabaseFile implements Adapter<Database> {
  /** The version of the file that the holder's data was read from or written as. */
  stamp: FileStamp | undefined;

  constructor(
    /** Absolute path of the data file. */
    readonly path: string,
    /** The path as the user gave it, for messages. */
    readonly displayName: string,
    private readonly internals: FileStoreInternals = {},
  ) {}

  /** Reads, migrates and validates the file, reporting any problem as a value. */
  async load(): Promise<Result<Loaded>> {
    let text: string;
    let stamp: FileStamp;
    try {
      // Stat and read through one handle, so the stamp is the stamp of the text read even if
      // another process renames a new version into place meanwhile.
      const handle = await open(this.path, 'r');
      try {
        const stats = await handle.stat();
        stamp = { inode: stats.ino, size: stats.size, modifiedMs: stats.mtimeMs };
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      return this.ioFailure(error, 'read');
    }
    const parsed = parseDataFile(text, this.displayName, this.internals.migrations);
    if (!parsed.success) return parsed;
    return ok({ ...parsed.data, stamp });
  }

  /** The stamp of the file on disk now, or a failure when it cannot be found. */
  async currentStamp(): Promise<Result<FileStamp>> {
    try {
      const stats = await stat(this.path);
      return ok({ inode: stats.ino, size: stats.size, modifiedMs: stats.mtimeMs });
    } catch (error) {
      return this.ioFailure(error, 'read');
    }
  }

  /** For lowdb's `Low.read()`: the database, throwing the message of a corrupt or invalid file. */
  async read(): Promise<Database> {
    const loaded = await this.load();
    if (!loaded.success) throw new Error(loaded.error.message);
    this.stamp = loaded.data.stamp;
    return loaded.data.db;
  }

  /** For lowdb's `Low.write()`: replaces the file atomically and durably. */
  async write(db: Database): Promise<void> {
    this.stamp = await writeFileDurably(this.path, serializeDatabase(db), { faults: this.internals.faults });
  }

  /** Turns a file-system error into a domain failure naming the file. */
  ioFailure(error: unknown, doing: 'read' | 'write'): Result<never> {
    const code = errorCode(error);
    if (code === 'ENOENT' && doing === 'read') return fail('store.not_found', `${this.displayName}: no such file.`, { file: this.displayName });
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`store.${doing}_failed`, `${this.displayName}: could not ${doing} the file: ${reason}`, { file: this.displayName, errno: code });
  }
}

/**
 * The embedded store: one partnership's data in one JSON file, shared safely by every process
 * that opens it (the bot and any number of CLI runs). Each commit takes a lock on the file,
 * re-reads it if another process changed it, applies the commands and writes atomically.
 */
export class FileStore implements Store {
  /** Absolute path of the data file. */
  readonly path: string;
  private readonly low: Low<Database>;
  private readonly queue = new SerialQueue();
  private closed = false;
  /** Bumped whenever `low.data` is replaced, so a slow reload cannot overwrite newer data. */
  private generation = 0;
  /** A file version known to be broken, so `read()` does not re-parse it every time. */
  private brokenStamp: FileStamp | undefined;
  private orphansRemoved = false;
  private readonly lockStaleMs: number;
  private readonly lockRetries: number;

  /** Use `openFileStore`, which reads and validates the file first. */
  constructor(
    private readonly file: DatabaseFile,
    loaded: Loaded,
    options: FileStoreOptions = {},
  ) {
    this.path = file.path;
    this.low = new Low(file, loaded.db);
    file.stamp = loaded.stamp;
    this.lockStaleMs = options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS;
    this.lockRetries = options.lockRetries ?? DEFAULT_LOCK_RETRIES;
  }

  /**
   * The latest committed data, including other processes' commits: a stat per call, a reload
   * when the file changed. If another process left the file unreadable, the last good data is
   * returned and commits report the problem.
   */
  async read(): Promise<Database> {
    if (this.closed) return this.low.data;
    const current = await this.file.currentStamp();
    if (!current.success || sameStamp(current.data, this.file.stamp) || sameStamp(current.data, this.brokenStamp)) {
      return this.low.data;
    }
    const generation = this.generation;
    const loaded = await this.file.load();
    if (!loaded.success) {
      this.brokenStamp = current.data;
      return this.low.data;
    }
    if (generation === this.generation) this.install(loaded.data);
    return this.low.data;
  }

  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return this.queue.run(() => this.commitUnderLock(commands, context));
  }

  /** Refuses new commits, waits for queued ones to finish (and release their locks). */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
  }

  private install(loaded: Loaded): void {
    this.low.data = loaded.db;
    this.file.stamp = loaded.stamp;
    this.generation++;
  }

  private async commitUnderLock(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    const lock = await this.lock();
    if (!lock.success) return lock;
    try {
      if (!this.orphansRemoved) {
        this.orphansRemoved = true;
        await removeOrphanedTempFiles(this.path);
      }
      const fresh = await this.refresh();
      if (!fresh.success) return fresh;
      const previous = this.low.data;
      const outcome = applyCommands(previous, commands, context);
      if (!outcome.success) return outcome;
      const { db, audit } = outcome.data;
      if (db === previous) return ok({ revision: db.revision, audit });
      if (lock.data.lost()) {
        return fail('store.lock_lost', `${this.file.displayName}: lost the lock while committing (the process stalled); nothing was written. Try again.`);
      }
      try {
        // Through the adapter rather than Low.write(), so readers see the new data only once it is durable.
        await this.low.adapter.write(db);
      } catch (error) {
        // The rename may or may not have happened: reread the file next time rather than guess.
        this.file.stamp = undefined;
        return this.file.ioFailure(error, 'write');
      }
      this.low.data = db;
      this.generation++;
      return ok({ revision: db.revision, audit });
    } finally {
      await lock.data.release();
    }
  }

  /** Brings `low.data` up to date with the file if another process changed it. */
  private async refresh(): Promise<Result<true>> {
    const current = await this.file.currentStamp();
    if (!current.success) return current;
    if (sameStamp(current.data, this.file.stamp)) return ok(true);
    const loaded = await this.file.load();
    if (!loaded.success) return loaded;
    this.install(loaded.data);
    return ok(true);
  }

  private async lock(): Promise<Result<{ release: () => Promise<void>; lost: () => boolean }>> {
    let compromised = false;
    try {
      const release = await lockfile.lock(this.path, {
        stale: this.lockStaleMs,
        retries: { retries: this.lockRetries, factor: 1.5, minTimeout: 5, maxTimeout: 100, randomize: true },
        // The default throws from a timer, which would crash the bot; note it and refuse to write instead.
        onCompromised: () => {
          compromised = true;
        },
      });
      return ok({
        release: () => release().catch(() => undefined),
        lost: () => compromised,
      });
    } catch (error) {
      if (errorCode(error) === 'ELOCKED') {
        return fail(
          'store.locked',
          `${this.file.displayName} is being changed by another process (the bot or another ptrack run) and stayed locked; try again.`,
          { file: this.file.displayName },
        );
      }
      return this.file.ioFailure(error, 'read');
    }
  }
}

/**
 * Opens an existing data file as a store, migrating it in memory if it has an older schema
 * version. A corrupt, invalid or newer file is refused with a message naming the file and the
 * failing place, and left untouched.
 */
export async function openFileStore(path: string, options?: FileStoreOptions): Promise<Result<FileStore>> {
  return openFileStoreWith(path, options, {});
}

/** `openFileStore` with test hooks (a migration chain, crash injection). */
export async function openFileStoreWith(
  path: string,
  options: FileStoreOptions = {},
  internals: FileStoreInternals = {},
): Promise<Result<FileStore>> {
  const file = new DatabaseFile(resolve(path), path, internals);
  const loaded = await file.load();
  if (!loaded.success) return loaded;
  return ok(new FileStore(file, loaded.data, options));
}

/**
 * Writes a new data file holding `db`, durably. Refuses (`store.exists`) to replace an existing
 * file unless `force` is set; a forced replacement takes the file's lock so that it cannot
 * interleave with a running bot's commit.
 */
export async function createDataFile(path: string, db: Database, options: { force?: boolean } = {}): Promise<Result<void>> {
  const valid = parseWith(Database, db, 'store.invalid');
  if (!valid.success) return fail('store.invalid', `${path}: ${valid.error.message}`, { file: path, ...valid.error.details });
  const file = new DatabaseFile(resolve(path), path);
  const text = serializeDatabase(valid.data);
  try {
    await mkdir(dirname(file.path), { recursive: true });
    try {
      await writeFileDurably(file.path, text, { exclusive: true });
      return ok(undefined);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      if (!options.force) return fail('store.exists', `${path} already exists; refusing to overwrite it.`, { file: path });
    }
    const release = await lockfile.lock(file.path, { stale: DEFAULT_LOCK_STALE_MS, retries: { retries: DEFAULT_LOCK_RETRIES, factor: 1.5, minTimeout: 5, maxTimeout: 100 } });
    try {
      await writeFileDurably(file.path, text);
    } finally {
      await release().catch(() => undefined);
    }
    return ok(undefined);
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') return fail('store.locked', `${path} stayed locked by another process; try again.`, { file: path });
    return file.ioFailure(error, 'write');
  }
}

import { fstatSync, ftruncateSync, statSync, writeSync } from 'node:fs';
import { mkdir, open, realpath, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import lockfile from 'proper-lockfile';
import type { AuditEntry } from '../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../common/base/result.js';
import { parseWith } from '../common/base/validation.js';
import { applyCommands, type ChangeContext } from '../common/store/applyCommands.js';
import { Command, type CommandInput } from '../common/store/commands.js';
import { CURRENT_SCHEMA_VERSION, Database } from '../common/store/database.js';
import type { Migration } from '../common/store/migrations.js';
import { SerialQueue } from '../common/store/serialQueue.js';
import { appendAudit, withAuditTail } from '../common/store/sharedAudit.js';
import type { CommitResult, Store } from '../common/store/store.js';
import { logLine, parseLogChunk, replayLog } from './changeLog.js';
import { runCompaction, type CompactionJob, type CompactionOutcome } from './compaction.js';
import { errorCode, installFile, prepareFile, removeOrphanedTempFiles, sameStamp, syncDirectory, writeFileDurably, type FileStamp, type WriteFaults } from './durableWrite.js';
import { logPathOf } from './companionFiles.js';
import { inPlaceFs } from './inPlaceFs.js';
import { parseDataFile, serializeDatabase } from './snapshotFile.js';

export { parseDataFile, serializeDatabase } from './snapshotFile.js';

/** How patiently a file store waits for another process's lock. */
export interface FileStoreOptions {
  /** A lock not refreshed for this long belongs to a crashed process and is taken over (minimum 2000). */
  lockStaleMs?: number;
  /** How many times to retry a held lock, about 100 ms apart once backed off, before `store.locked`. */
  lockRetries?: number;
}

/**
 * When a commit rewrites the whole data file (the snapshot) instead of appending its change to
 * the change log beside it. Appending costs the same at any size; rewriting costs in proportion
 * to the file, and replaying the log costs in proportion to its length at every open.
 */
export interface CompactionPolicy {
  /** A snapshot smaller than this is simply rewritten: as cheap as an append, and it stays one readable file. */
  readonly rewriteBelowBytes: number;
  /** Rewrite the snapshot once the log holds this many changes, to bound the replay at open. */
  readonly maxLogEntries: number;
  /** …or once the log is this fraction of the snapshot's size. */
  readonly maxLogFraction: number;
  /**
   * Write the new snapshot in a background process while commits go on appending, and install it in
   * a moment under the lock, rather than have one commit (and everyone queued behind it) wait.
   */
  readonly background: boolean;
  /**
   * With `background`, a commit still compacts itself once the log reaches this multiple of
   * the limits: a compaction that keeps failing must not let the log grow without bound.
   */
  readonly forceFactor: number;
}

/** The default compaction policy; see docs/performance.md for the measurements behind it. */
export const DEFAULT_COMPACTION: CompactionPolicy = {
  rewriteBelowBytes: 2 * 1024 * 1024,
  maxLogEntries: 1000,
  maxLogFraction: 0.25,
  background: true,
  forceFactor: 4,
};

/** Hooks for tests of migrations, crashes and compaction; not exported from the package entry. */
export interface FileStoreInternals {
  readonly migrations?: Readonly<Record<number, Migration>>;
  readonly faults?: WriteFaults;
  readonly compaction?: Partial<CompactionPolicy>;
}

const DEFAULT_LOCK_STALE_MS = 10_000;
// Enough retries to outlast a stale lock, so a crashed process's lock is taken over, not reported.
const DEFAULT_LOCK_RETRIES = 150;

/** How much of the change log a holder has applied. */
export interface LogPosition {
  /** The log file as it was when last read or written. */
  readonly file: FileStamp;
  /** Bytes of complete lines applied, from the start of the log. */
  readonly completeBytes: number;
  /** Lines applied. */
  readonly entries: number;
}

/** Which version of the data file and how much of its change log the holder's data reflects. */
export interface FilesStamp {
  readonly snapshot: FileStamp;
  /** null when there is no log. */
  readonly log: LogPosition | null;
}

/** The files on disk now: the snapshot's stamp and the log's, if there is a log. */
interface CurrentFiles {
  readonly snapshot: FileStamp;
  readonly log: FileStamp | null;
}

/** A commit waiting for the lock, and how to tell its caller the outcome. */
interface PendingCommit {
  readonly commands: readonly CommandInput[];
  readonly context: ChangeContext;
  readonly resolve: (result: Result<CommitResult>) => void;
}

/** A database read from the data file and its log, with the version of the files it came from. */
interface Loaded {
  readonly db: Database;
  readonly stamp: FilesStamp;
  /** The schema version the data file had before migration. */
  readonly migratedFrom: number;
}

function sameFiles(current: CurrentFiles | undefined, stamp: FilesStamp | CurrentFiles | undefined): boolean {
  if (current === undefined || stamp === undefined || !sameStamp(current.snapshot, stamp.snapshot)) return false;
  const log = stamp.log === null ? null : 'file' in stamp.log ? stamp.log.file : stamp.log;
  return current.log === null ? log === null : sameStamp(current.log, log ?? undefined);
}

const stampOf = (stats: { ino: number; size: number; mtimeMs: number }): FileStamp => ({ inode: stats.ino, size: stats.size, modifiedMs: stats.mtimeMs });

/** Up to `length` bytes of an open file from `start`: fewer if the file ends first. */
async function readAt(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(bytes, read, length - read, start + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return bytes.subarray(0, read);
}

/**
 * The data file as a lowdb adapter, with its change log: the snapshot `<file>` holds the
 * database as of its revision, and `<file>.log` the changes committed since, one JSON line each.
 * Reads validate, migrate and replay; the snapshot is replaced atomically and durably, the log
 * appended to with fsync.
 */
export class DatabaseFile implements Adapter<Database> {
  /** Absolute path of the change log beside the data file. */
  readonly logPath: string;
  /**
   * The log kept open for appending between commits, and which file it is: opening, statting
   * and closing it on every commit were three of a commit's eleven trips to the thread pool.
   */
  private appender: { readonly handle: FileHandle; readonly inode: number } | undefined;

  constructor(
    /** Absolute path of the data file. */
    readonly path: string,
    /** The path as the user gave it, for messages. */
    readonly displayName: string,
    readonly internals: FileStoreInternals = {},
  ) {
    this.logPath = logPathOf(path);
  }

  /** The log's name for messages. */
  get logName(): string {
    return `${this.displayName}.log`;
  }

  /** Reads, migrates and validates the snapshot and replays the log, reporting any problem as a value. */
  async load(): Promise<Result<Loaded>> {
    return this.catchUp(undefined);
  }

  /**
   * Brings a holder's data up to date with the files: when the snapshot is the one it holds,
   * replays only the log's new lines; else reads everything again.
   */
  async catchUp(held: { db: Database; stamp: FilesStamp | undefined; migratedFrom: number } | undefined): Promise<Result<Loaded>> {
    // The log is opened before the snapshot is looked at. A compaction writes the snapshot before
    // it removes the log, and a new log is only started after that, so the log held open here
    // either belongs to the snapshot read next or is one the snapshot already contains.
    let log: FileHandle | null;
    try {
      log = await open(this.logPath, 'r');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return this.ioFailure(error, 'read');
      log = null;
    }
    try {
      const logFile = log === null ? null : stampOf(await log.stat());
      let base: { db: Database; snapshot: FileStamp; migratedFrom: number; from: LogPosition | null } | undefined;
      if (held?.stamp !== undefined) {
        const snapshot = stampOf(await stat(this.path));
        const from = held.stamp.log;
        const continues = logFile !== null && (from === null || (logFile.inode === from.file.inode && logFile.size >= from.completeBytes));
        if (sameStamp(snapshot, held.stamp.snapshot) && (continues || (logFile === null && from === null))) {
          base = { db: held.db, snapshot, migratedFrom: held.migratedFrom, from };
        }
      }
      if (base === undefined) {
        const read = await this.readSnapshot();
        if (!read.success) return read;
        base = { ...read.data, from: null };
      }
      if (log === null || logFile === null) return ok({ db: base.db, stamp: { snapshot: base.snapshot, log: null }, migratedFrom: base.migratedFrom });
      const replayed = await this.replayFrom(log, logFile, base.db, base.from);
      if (!replayed.success) return replayed;
      return ok({ db: replayed.data.db, stamp: { snapshot: base.snapshot, log: replayed.data.log }, migratedFrom: base.migratedFrom });
    } catch (error) {
      return this.ioFailure(error, 'read');
    } finally {
      await log?.close();
    }
  }

  private async readSnapshot(): Promise<Result<{ db: Database; snapshot: FileStamp; migratedFrom: number }>> {
    let text: string;
    let snapshot: FileStamp;
    try {
      // Stat and read through one handle, so the stamp is the stamp of the text read even if
      // another process renames a new version into place meanwhile.
      const handle = await open(this.path, 'r');
      try {
        snapshot = stampOf(await handle.stat());
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      return this.ioFailure(error, 'read');
    }
    const parsed = parseDataFile(text, this.displayName, this.internals.migrations);
    if (!parsed.success) return parsed;
    return ok({ db: parsed.data.db, snapshot, migratedFrom: parsed.data.migratedFrom });
  }

  /** Replays the complete lines of an open log after `from` on top of `db`. */
  private async replayFrom(log: FileHandle, file: FileStamp, db: Database, from: LogPosition | null): Promise<Result<{ db: Database; log: LogPosition }>> {
    const start = from?.completeBytes ?? 0;
    const bytes = await readAt(log, start, file.size - start);
    const chunk = parseLogChunk(bytes, (from?.entries ?? 0) + 1, this.logName);
    if (!chunk.success) return chunk;
    const replayed = replayLog(db, chunk.data.entries, this.logName);
    if (!replayed.success) return replayed;
    return ok({
      db: replayed.data,
      log: { file, completeBytes: start + chunk.data.completeBytes, entries: (from?.entries ?? 0) + chunk.data.entries.length },
    });
  }

  /** The stamps of the snapshot and the log on disk now, or a failure when the snapshot cannot be found. */
  currentFiles(): Result<CurrentFiles> {
    // Every read() pays for these two stats, every bot turn included. Done in place they take
    // a few microseconds; through the thread pool, 40–60 µs each, and milliseconds when the
    // machine is busy (measured in docs/performance.md). A stat of a local file does not wait
    // for the disk: the inode is cached while the process holds the data.
    try {
      const snapshot = statSync(this.path);
      const log = statSync(this.logPath, { throwIfNoEntry: false });
      return ok({ snapshot: stampOf(snapshot), log: log === undefined ? null : stampOf(log) });
    } catch (error) {
      return this.ioFailure(error, 'read');
    }
  }

  /** For lowdb's `Low.read()`: the database, throwing the message of a corrupt or invalid file. */
  async read(): Promise<Database> {
    const loaded = await this.load();
    if (!loaded.success) throw new Error(loaded.error.message);
    return loaded.data.db;
  }

  /** For lowdb's `Low.write()`: compacts, replacing the snapshot atomically and durably. */
  async write(db: Database): Promise<void> {
    await this.compact(db);
  }

  /**
   * Writes the whole database as the new snapshot, then removes the log it now contains. A crash
   * between the two leaves a log whose entries the snapshot already holds; replay skips them.
   */
  async compact(db: Database): Promise<FilesStamp> {
    const snapshot = await writeFileDurably(this.path, serializeDatabase(db), { faults: this.internals.faults });
    // An unlinked file stays on disk while a handle holds it.
    await this.closeAppender();
    await unlink(this.logPath).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
    return { snapshot, log: null };
  }

  /**
   * Appends `entries` changes (complete lines) to the log and fsyncs it; they are durable when
   * this resolves. `position` is where the log stands now, as statted under the lock: bytes after
   * its complete lines (a torn append left by a crash) are cut off first. Call under the lock.
   */
  async append(lines: string, entries: number, position: LogPosition | null): Promise<LogPosition> {
    const handle = await this.appenderFor(position);
    const completeBytes = position?.completeBytes ?? 0;
    try {
      // The truncate, write and stat only touch the page cache, so they are done in place (see
      // currentFiles); the fsync, which waits for the disk, goes to the thread pool.
      if ((position?.file.size ?? 0) !== completeBytes) ftruncateSync(handle.fd, completeBytes);
      const bytes = Buffer.from(lines, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(handle.fd, bytes, written);
      await this.internals.faults?.midAppend?.(this.logPath);
      await handle.sync();
      const after = stampOf(fstatSync(handle.fd));
      // A new file's name must be durable too, or a power cut could lose the whole log.
      if (completeBytes === 0) await syncDirectory(dirname(this.logPath));
      return { file: after, completeBytes: completeBytes + bytes.length, entries: (position?.entries ?? 0) + entries };
    } catch (error) {
      // Leave no half-written line behind a failed commit (best effort: the next commit cuts it
      // anyway), and open the log afresh next time rather than trust this handle.
      await handle.truncate(completeBytes).catch(() => undefined);
      await this.closeAppender();
      throw error;
    }
  }

  /**
   * The held log handle if it is the log `position` describes; else the log opened (created
   * when there is none) for appending. Another process's compaction removes the log and a later
   * commit starts a new file, which the inode tells apart: the held file cannot have its inode
   * reused while it is open.
   */
  private async appenderFor(position: LogPosition | null): Promise<FileHandle> {
    if (this.appender !== undefined && position !== null && this.appender.inode === position.file.inode) return this.appender.handle;
    await this.closeAppender();
    const handle = await open(this.logPath, 'a', 0o644);
    try {
      const opened = await handle.stat();
      // Under the lock nothing else changes the log, so a different file here means a stale position.
      if (position !== null && opened.ino !== position.file.inode) throw new Error(`${this.logName} changed while the lock was held`);
      this.appender = { handle, inode: opened.ino };
      return handle;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** The log's bytes from `start` to `end`. */
  async readLog(start: number, end: number): Promise<Buffer> {
    const handle = await open(this.logPath, 'r');
    try {
      const bytes = await readAt(handle, start, end - start);
      if (bytes.length < end - start) throw new Error(`${this.logName} is shorter than expected`);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  /** Closes the held log handle, if any. */
  async closeAppender(): Promise<void> {
    const held = this.appender;
    this.appender = undefined;
    await held?.handle.close().catch(() => undefined);
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
 * The embedded store: one partnership's data in one JSON file (and its change log), shared
 * safely by every process that opens it (the bot and any number of CLI runs). Each commit takes
 * a lock on the file, catches up with what other processes committed, applies the commands and
 * appends them to the log with fsync, so a change costs the same however long the history; every
 * so often (see `CompactionPolicy`) the commit rewrites the whole file instead, atomically.
 */
export class FileStore implements Store {
  /** Absolute path of the data file. */
  readonly path: string;
  private readonly low: Low<Database>;
  private readonly queue = new SerialQueue();
  private closed = false;
  /** Which versions of the files `low.data` reflects; undefined after a failed write, forcing a full reread. */
  private stamp: FilesStamp | undefined;
  private migratedFrom: number;
  /** Bumped whenever `low.data` is replaced, so a slow reload cannot overwrite newer data. */
  private generation = 0;
  /** A version of the files known to be broken, so `read()` does not re-parse it every time. */
  private brokenStamp: CurrentFiles | undefined;
  private orphansRemoved = false;
  private readonly lockStaleMs: number;
  private readonly lockRetries: number;
  private readonly compaction: CompactionPolicy;
  /** Commits waiting for the lock; whoever gets it next commits them all, with one fsync. */
  private readonly waiting: PendingCommit[] = [];
  /**
   * True while this process holds the lock: the files can then differ from `stamp` only by this
   * process's own write in flight (a log line written but not yet fsynced, a compaction being
   * installed), which `read()` must not mistake for another process's change and reload.
   */
  private holdingLock = false;
  /** The compaction being prepared in the background, if any. */
  private compacting: Promise<void> | undefined;
  /** Set when a background compaction failed: commits compact themselves again, and report why. */
  private backgroundFailed = false;

  /** Use `openFileStore`, which reads and validates the file first. */
  constructor(
    private readonly file: DatabaseFile,
    loaded: Loaded,
    options: FileStoreOptions = {},
    compaction: Partial<CompactionPolicy> = {},
  ) {
    this.path = file.path;
    this.low = new Low(file, loaded.db);
    this.stamp = loaded.stamp;
    this.migratedFrom = loaded.migratedFrom;
    this.lockStaleMs = options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS;
    this.lockRetries = options.lockRetries ?? DEFAULT_LOCK_RETRIES;
    this.compaction = { ...DEFAULT_COMPACTION, ...compaction };
  }

  /**
   * The latest committed data, including other processes' commits: two stats per call, and when
   * the files changed, a replay of the log's new lines (or a reload if the snapshot changed). If
   * another process left the files unreadable, the last good data is returned and commits report
   * the problem.
   */
  async read(): Promise<Database> {
    if (this.closed || this.holdingLock) return this.low.data;
    const current = this.file.currentFiles();
    if (!current.success || sameFiles(current.data, this.stamp) || sameFiles(current.data, this.brokenStamp)) {
      return this.low.data;
    }
    const generation = this.generation;
    const loaded = await this.file.catchUp(this.held());
    if (!loaded.success) {
      this.brokenStamp = current.data;
      return this.low.data;
    }
    if (generation === this.generation) this.install(loaded.data);
    return this.low.data;
  }

  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return new Promise((resolve) => {
      this.waiting.push({ commands, context, resolve });
      void this.queue.run(() => this.commitWaiting());
    });
  }

  /**
   * Refuses new commits, waits for queued ones and any compaction under way to finish (so that a
   * CLI run whose commit started one leaves the file compacted), and releases the files.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.compacting;
    await this.queue.drain();
    await this.file.closeAppender();
  }

  private held(): { db: Database; stamp: FilesStamp | undefined; migratedFrom: number } {
    return { db: this.low.data, stamp: this.stamp, migratedFrom: this.migratedFrom };
  }

  private install(loaded: Loaded): void {
    this.low.data = loaded.db;
    this.stamp = loaded.stamp;
    this.migratedFrom = loaded.migratedFrom;
    this.generation++;
  }

  /** Whether this write rewrites the snapshot rather than appending `entries` lines of `lineBytes` to the log. */
  private shouldCompact(stamp: FilesStamp, entries: number, lineBytes: number): boolean {
    // A migrated file is written back in the current version before any log is added to it.
    if (this.migratedFrom < CURRENT_SCHEMA_VERSION) return true;
    if (stamp.snapshot.size < this.compaction.rewriteBelowBytes) return true;
    const factor = this.compaction.background && !this.backgroundFailed ? this.compaction.forceFactor : 1;
    return this.logOverLimit(stamp.snapshot, (stamp.log?.entries ?? 0) + entries, (stamp.log?.completeBytes ?? 0) + lineBytes, factor);
  }

  private logOverLimit(snapshot: FileStamp, entries: number, bytes: number, factor: number): boolean {
    const { maxLogEntries, maxLogFraction } = this.compaction;
    return entries > maxLogEntries * factor || bytes > snapshot.size * maxLogFraction * factor;
  }

  /** Starts preparing a compaction in a background process, unless one is under way. */
  private compactInBackground(): void {
    if (this.compacting !== undefined) return;
    // Started once the commit that crossed the limit has answered its callers: starting a process
    // takes milliseconds of this thread, which they need not wait for. Set now, so close() waits.
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => runCompaction({ path: this.path, displayName: this.file.displayName, owner: process.pid }))
      .then(async (outcome) => {
        if (outcome.kind === 'failed') this.backgroundFailed = true;
        if (outcome.kind !== 'written') return;
        await this.file.internals.faults?.beforeCompactionInstall?.();
        await this.queue.run(() => this.installCompaction(outcome));
      })
      .catch(() => {
        this.backgroundFailed = true;
      })
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /**
   * Puts a snapshot prepared in the background in place, under the lock: if the files are still
   * those it was built from (plus changes appended since), renames it over the data file and
   * replaces the log with the changes appended since, or removes it. A crash between the two
   * leaves a log whose first entries the snapshot holds; replay skips them. Anything else (another
   * process compacted meanwhile) discards it.
   */
  private async installCompaction(outcome: Extract<CompactionOutcome, { kind: 'written' }>): Promise<void> {
    const from = outcome.base;
    const discard = () => unlink(outcome.temp).catch(() => undefined);
    const lock = await this.lock();
    if (!lock.success) return discard();
    try {
      const fresh = await this.refresh();
      const now = fresh.success ? fresh.data : undefined;
      const log = now?.log;
      if (now === undefined || !log || !from.log || !sameStamp(now.snapshot, from.snapshot) || log.file.inode !== from.log.file.inode || log.completeBytes < from.log.completeBytes) {
        return await discard();
      }
      const tail = await this.file.readLog(from.log.completeBytes, log.completeBytes);
      // A stalled process whose lock was taken over must not replace what the new holder wrote.
      if (lock.data.lost()) return await discard();
      const snapshot = await installFile({ temp: outcome.temp, stamp: outcome.stamp }, this.path);
      // From here the files are changed: if the log's replacement fails, reread them next time.
      this.stamp = undefined;
      await this.file.closeAppender();
      let rest: LogPosition | null = null;
      if (tail.length === 0) {
        await unlink(this.file.logPath);
      } else {
        const file = await installFile(await prepareFile(this.file.logPath, tail), this.file.logPath);
        rest = { file, completeBytes: tail.length, entries: log.entries - from.log.entries };
      }
      this.stamp = { snapshot, log: rest };
      this.backgroundFailed = false;
    } catch {
      // Nothing is lost: the data is in memory and on disk as snapshot plus log; a later commit
      // compacts again.
      this.backgroundFailed = true;
      await discard();
    } finally {
      await lock.data.release();
    }
  }

  /**
   * Group commit: takes every commit waiting so far and, under one lock, applies each in turn on
   * the result of the one before (each still all-or-nothing, with its own revision), then makes
   * them durable with one append and one fsync. Twenty people updating at once wait for one or
   * two fsyncs instead of twenty. Each caller hears of its own commit only once it is durable.
   */
  private async commitWaiting(): Promise<void> {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    const lock = await this.lock();
    if (!lock.success) {
      for (const pending of batch) pending.resolve(lock);
      return;
    }
    try {
      const results = await this.commitUnderLock(batch, lock.data.lost);
      // Each change is durable (or refused) now: answer before giving the lock back.
      batch.forEach((pending, index) => pending.resolve(results[index]!));
    } catch (error) {
      this.stamp = undefined;
      const failure = this.file.ioFailure(error, 'write');
      for (const pending of batch) pending.resolve(failure);
    } finally {
      await lock.data.release();
    }
  }

  private async commitUnderLock(batch: readonly PendingCommit[], lost: () => boolean): Promise<Array<Result<CommitResult>>> {
    if (!this.orphansRemoved) {
      this.orphansRemoved = true;
      await removeOrphanedTempFiles(this.path);
    }
    const fresh = await this.refresh();
    if (!fresh.success) return batch.map(() => fresh);
    const stamp = fresh.data;
    const results: Array<Result<CommitResult>> = [];
    const lines: string[] = [];
    const changed: number[] = [];
    // Applied on the audit's last entry alone, so that no commit copies the whole history; the
    // new entries are collected and appended to the base audit once they are durable.
    const base = this.low.data;
    const entries: AuditEntry[] = [];
    let db = withAuditTail(base);
    for (const [index, { commands, context }] of batch.entries()) {
      const outcome = applyCommands(db, commands, context);
      if (!outcome.success || outcome.data.db === db) {
        results.push(outcome.success ? ok({ revision: db.revision, audit: outcome.data.audit }) : outcome);
        continue;
      }
      db = withAuditTail(outcome.data.db);
      appendAudit(entries, outcome.data.audit);
      results.push(ok({ revision: db.revision, audit: outcome.data.audit }));
      changed.push(index);
      // Commands as parsed (defaults filled in), so a replay does not depend on today's defaults.
      lines.push(logLine({ revision: db.revision, at: context.at, actor: context.actor, commands: commands.map((command) => Command.parse(command)) }));
    }
    if (lines.length === 0) return results;
    const refuse = (failure: Result<never>) => {
      for (const index of changed) results[index] = failure;
      return results;
    };
    if (lost()) {
      return refuse(fail('store.lock_lost', `${this.file.displayName}: lost the lock while committing (the process stalled); nothing was written. Try again.`));
    }
    let written: FilesStamp;
    try {
      const text = lines.join('');
      if (this.shouldCompact(stamp, lines.length, Buffer.byteLength(text))) {
        // Rewriting costs the whole file anyway; one copy of the audit is nothing beside it.
        written = await this.file.compact({ ...db, audit: base.audit.concat(entries) });
        this.migratedFrom = CURRENT_SCHEMA_VERSION;
        this.backgroundFailed = false;
      } else {
        written = { snapshot: stamp.snapshot, log: await this.file.append(text, lines.length, stamp.log) };
      }
    } catch (error) {
      // The rename or append may or may not have happened: reread the files next time rather than guess.
      this.stamp = undefined;
      return refuse(this.file.ioFailure(error, 'write'));
    }
    // Readers see the new data only once it is durable. Snapshots already handed out share the
    // base audit and see its new entries too (see Store.read); nothing else of theirs changes.
    appendAudit(base.audit, entries);
    this.low.data = { ...db, audit: base.audit };
    this.stamp = written;
    this.generation++;
    if (this.compaction.background && written.log !== null && this.logOverLimit(written.snapshot, written.log.entries, written.log.completeBytes, 1)) {
      this.compactInBackground();
    }
    return results;
  }

  /** Brings `low.data` up to date with the files if another process changed them; returns their stamp. */
  private async refresh(): Promise<Result<FilesStamp>> {
    const current = this.file.currentFiles();
    if (!current.success) return current;
    if (this.stamp !== undefined && sameFiles(current.data, this.stamp)) return ok(this.stamp);
    const loaded = await this.file.catchUp(this.held());
    if (!loaded.success) return loaded;
    this.install(loaded.data);
    return ok(loaded.data.stamp);
  }

  private async lock(): Promise<Result<{ release: () => Promise<void>; lost: () => boolean }>> {
    let compromised = false;
    // The default throws from a timer, which would crash the bot; note it and refuse to write instead.
    const onCompromised = () => {
      compromised = true;
    };
    // openFileStore resolved the path's symlinks already; every process locks the same real path.
    const options = { realpath: false, stale: this.lockStaleMs, onCompromised };
    try {
      try {
        // A free lock is taken in place, in microseconds (see inPlaceFs).
        await lockfile.lock(this.path, { ...options, fs: inPlaceFs, retries: 0 });
      } catch (error) {
        if (errorCode(error) !== 'ELOCKED') throw error;
        // Held by another process: wait for it without blocking, backing off.
        await lockfile.lock(this.path, { ...options, retries: { retries: this.lockRetries, factor: 1.5, minTimeout: 5, maxTimeout: 100, randomize: true } });
      }
      this.holdingLock = true;
      return ok({
        // Through the thread pool: the removal, a journalled directory change, need not hold up
        // the callers already answered.
        release: () => {
          this.holdingLock = false;
          return lockfile.unlock(this.path, { realpath: false }).catch(() => undefined);
        },
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
 * A compaction's work, done by the compaction process (compactionWorker.ts): reads the data file
 * and its log as they stand, as any process opening them would, and writes the result to a temp
 * file beside the data file, named for the store that asked and will install it.
 */
export async function prepareCompaction(job: CompactionJob): Promise<CompactionOutcome> {
  const loaded = await new DatabaseFile(job.path, job.displayName).load();
  if (!loaded.success) return { kind: 'failed', message: loaded.error.message };
  // No log: another process compacted already. A migrated file is written back by a commit.
  if (loaded.data.stamp.log === null || loaded.data.migratedFrom < CURRENT_SCHEMA_VERSION) return { kind: 'stale' };
  const prepared = await prepareFile(job.path, serializeDatabase(loaded.data.db), undefined, job.owner);
  return { kind: 'written', temp: prepared.temp, stamp: prepared.stamp, base: loaded.data.stamp };
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
  let real: string;
  try {
    // The real path, once: so that a data file reached through a symlink is locked under the
    // same name by every process, and a rewrite replaces the file rather than the link.
    real = await realpath(resolve(path));
  } catch (error) {
    return new DatabaseFile(resolve(path), path).ioFailure(error, 'read');
  }
  const file = new DatabaseFile(real, path, internals);
  const loaded = await file.load();
  if (!loaded.success) return loaded;
  return ok(new FileStore(file, loaded.data, options, internals.compaction));
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
      // A change log left without its data file belongs to nothing; it must not replay onto this one.
      await removeLog(file);
      return ok(undefined);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      if (!options.force) return fail('store.exists', `${path} already exists; refusing to overwrite it.`, { file: path });
    }
    const release = await lockfile.lock(file.path, { stale: DEFAULT_LOCK_STALE_MS, retries: { retries: DEFAULT_LOCK_RETRIES, factor: 1.5, minTimeout: 5, maxTimeout: 100 } });
    try {
      await writeFileDurably(file.path, text);
      await removeLog(file);
    } finally {
      await release().catch(() => undefined);
    }
    return ok(undefined);
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') return fail('store.locked', `${path} stayed locked by another process; try again.`, { file: path });
    return file.ioFailure(error, 'write');
  }
}

async function removeLog(file: DatabaseFile): Promise<void> {
  await unlink(file.logPath).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
}

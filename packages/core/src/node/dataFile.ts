import { closeSync, fstatSync, ftruncateSync, openSync, read, readFile, readSync, statSync, writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { Adapter } from 'lowdb';
import { fail, ok, type Result } from '../common/base/result.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../common/store/database.js';
import type { Migration } from '../common/store/migrations.js';
import type { CompactionPolicy } from './compaction.js';
import { hasLegacyLines, parseLogChunk, replayLog, type LogLine } from './changeLog.js';
import { lockPathOf, logPathOf } from './companionFiles.js';
import { errorCode, fileModeFor, prepareFile, sameStamp, syncDirectory, type FileStamp, type WriteFaults } from './durableWrite.js';
import { FileLock } from './fileLock.js';
import { readDataJson, serializeDatabase, toDatabase } from './snapshotFile.js';

/** Hooks for tests of migrations, crashes and compaction; not exported from the package entry. */
export interface FileStoreInternals {
  readonly migrations?: Readonly<Record<number, Migration>>;
  readonly faults?: WriteFaults;
  readonly compaction?: Partial<CompactionPolicy>;
}

/**
 * How long a commit (or an open) waits by default for another process that is changing the file
 * before it gives up with `store.locked`: long enough to outlast another process's large commit or
 * compaction install, short enough that a person is told, rather than left waiting, when a process
 * hangs on to the file.
 */
export const DEFAULT_LOCK_WAIT_MS = 15_000;

/** How much of the change log a holder has applied. */
export interface LogPosition {
  /** The log file as it was when last read or written. */
  readonly file: FileStamp;
  /** Bytes of complete lines applied, from the start of the log. */
  readonly completeBytes: number;
  /** Lines applied. */
  readonly entries: number;
  /** Whether the log holds lines in the first versions' format, which this version never appends to. */
  readonly legacy: boolean;
  /** Whether its first lines are changes the snapshot already holds (see `load`). */
  readonly stale?: boolean;
}

/** Which version of the data file and how much of its change log the holder's data reflects. */
export interface FilesStamp {
  readonly snapshot: FileStamp;
  /** null when there is no log. */
  readonly log: LogPosition | null;
}

/** The files on disk now: the snapshot's stamp and the log's, if there is a log. */
export interface CurrentFiles {
  readonly snapshot: FileStamp;
  readonly log: FileStamp | null;
}

/** A database read from the data file and its log, with the version of the files it came from. */
export interface Loaded {
  readonly db: Database;
  readonly stamp: FilesStamp;
  /** The schema version the data file had before migration. */
  readonly migratedFrom: number;
}

/** What a store holds: its data and the files it came from (undefined: reread them). */
export interface HeldData {
  readonly db: Database;
  readonly stamp: FilesStamp | undefined;
  readonly migratedFrom: number;
}

/**
 * How a catch-up may look at the files: this process holds the lock already (a writer), or takes
 * it shared for the moment it looks, waiting at most `waitMs` for a writer to finish.
 */
export type FileAccess = { readonly kind: 'held' } | { readonly kind: 'shared'; readonly waitMs: number };

/** The store found the files changed under it: its lock is no longer its own. Nothing was written. */
export class LockLostError extends Error {}

/** A write failed after it may have reached the files: whether the change was saved is unknown. */
export class UncertainWriteError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** True when the files on disk are the version `stamp` describes. */
export function sameFiles(current: CurrentFiles | undefined, stamp: FilesStamp | CurrentFiles | undefined): boolean {
  if (current === undefined || stamp === undefined || !sameStamp(current.snapshot, stamp.snapshot)) return false;
  const log = stamp.log === null ? null : 'file' in stamp.log ? stamp.log.file : stamp.log;
  return current.log === null ? log === null : sameStamp(current.log, log ?? undefined);
}

/** The stamp of a file from its stats. */
export const stampOf = (stats: { ino: number; size: number; mtimeMs: number }): FileStamp => ({ inode: stats.ino, size: stats.size, modifiedMs: stats.mtimeMs });

const readFrom = promisify(read);
const readWhole = promisify(readFile);

/** Up to `length` bytes of an open file from `start`: fewer if the file ends first. */
async function readAt(fd: number, start: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await readFrom(fd, bytes, done, length - done, start + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return bytes.subarray(0, done);
}

/**
 * The files a catch-up reads, opened while no writer was part way through a change. Descriptors,
 * opened and stated in place: the shared lock is held meanwhile, and a compaction process at low
 * priority that went back to its event loop between steps could keep the bot's commits waiting for
 * as long as the kernel left it off the cores (docs/performance.md).
 */
interface OpenedFiles {
  readonly log: number | null;
  readonly logFile: FileStamp | null;
  /** The held data still stands for the snapshot on disk: only the log's new lines are needed. */
  readonly continues: boolean;
  readonly snapshot: number | null;
  readonly snapshotFile: FileStamp;
}

/** Closes a descriptor a catch-up opened, if it did. */
function closeOpened(fd: number | null): void {
  if (fd !== null) closeSync(fd);
}

/**
 * One partnership's data on disk: the snapshot `<file>` holds the database as of its revision,
 * `<file>.log` the changes committed since, one JSON line each, and `<file>.lock` the lock that
 * one writer at a time holds. Reads validate, migrate and replay; the snapshot is replaced
 * atomically and durably, the log appended to with fsync; every step that changes a file first
 * checks that the files are still the ones this writer read under its lock (fencing), and gives
 * up (`LockLostError`) rather than write over what another writer wrote.
 */
export class DatabaseFile implements Adapter<Database> {
  /** Absolute path of the change log beside the data file. */
  readonly logPath: string;
  /** The data file's lock. */
  readonly lock: FileLock;
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
    /** How long to wait for a writer of another process to finish. */
    readonly lockWaitMs: number = DEFAULT_LOCK_WAIT_MS,
  ) {
    this.logPath = logPathOf(path);
    this.lock = new FileLock(lockPathOf(path), fileModeFor(path));
  }

  /** The log's name for messages. */
  get logName(): string {
    return `${this.displayName}.log`;
  }

  /** Reads, migrates and validates the snapshot and replays the log, once no writer is part way through a change. */
  async load(): Promise<Result<Loaded>> {
    return this.catchUp(undefined, { kind: 'shared', waitMs: this.lockWaitMs });
  }

  /** For lowdb's `Low.read()`: the database, throwing the message of a corrupt or invalid file. */
  async read(): Promise<Database> {
    const loaded = await this.load();
    if (!loaded.success) throw new Error(loaded.error.message);
    return loaded.data.db;
  }

  /** For lowdb's `Low.write()`: rewrites the data file whole, under its lock. */
  async write(db: Database): Promise<void> {
    const lock = await this.lock.acquire({ waitMs: this.lockWaitMs, displayName: this.displayName });
    if (!lock.success) throw new Error(lock.error.message);
    try {
      await this.compact(db, () => lock.data.stillHeld());
    } finally {
      lock.data.release();
    }
  }

  /**
   * Brings a holder's data up to date with the files: when the snapshot is the one it holds,
   * replays only the log's new lines; else reads everything again. It looks at the files under
   * the lock, so everything it reads is durable: a writer releases its lock only once its change
   * is on disk.
   */
  async catchUp(held: HeldData | undefined, access: FileAccess): Promise<Result<Loaded>> {
    const look = () => this.openFiles(held);
    let opened: Result<OpenedFiles>;
    try {
      opened = access.kind === 'held' ? await look() : await this.lock.shared({ waitMs: access.waitMs, displayName: this.displayName }, look).then((r) => (r.success ? r.data : r));
    } catch (error) {
      return this.ioFailure(error, 'read');
    }
    if (!opened.success) return opened;
    const files = opened.data;
    try {
      if (files.continues && held?.stamp !== undefined) {
        const from = held.stamp.log;
        if (files.log === null || files.logFile === null) return ok({ db: held.db, stamp: { snapshot: files.snapshotFile, log: null }, migratedFrom: held.migratedFrom });
        const start = from?.completeBytes ?? 0;
        const chunk = parseLogChunk(await readAt(files.log, start, files.logFile.size - start), (from?.entries ?? 0) + 1, this.logName);
        if (!chunk.success) return chunk;
        const replayed = replayLog(held.db, chunk.data.entries, this.logName);
        if (!replayed.success) return replayed;
        const log = { file: files.logFile, completeBytes: start + chunk.data.completeBytes, entries: (from?.entries ?? 0) + chunk.data.entries.length, legacy: (from?.legacy ?? false) || hasLegacyLines(chunk.data.entries), stale: from?.stale ?? false };
        return ok({ db: replayed.data, stamp: { snapshot: files.snapshotFile, log }, migratedFrom: held.migratedFrom });
      }
      const text = await readWhole(files.snapshot!, 'utf8');
      const bytes = files.log === null || files.logFile === null ? null : await readAt(files.log, 0, files.logFile.size);
      return this.fromFiles(text, bytes, files);
    } catch (error) {
      return this.ioFailure(error, 'read');
    } finally {
      closeOpened(files.log);
      closeOpened(files.snapshot);
    }
  }

  private async openFiles(held: HeldData | undefined): Promise<Result<OpenedFiles>> {
    let log: number | null = null;
    let snapshot: number | null = null;
    try {
      try {
        log = openSync(this.logPath, 'r');
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      const logFile = log === null ? null : stampOf(fstatSync(log));
      if (held?.stamp !== undefined) {
        const current = stampOf(statSync(this.path));
        const from = held.stamp.log;
        // The same log, grown by other writers' lines after those the holder applied.
        const logContinues = logFile !== null && (from === null || (logFile.inode === from.file.inode && logFile.size >= from.completeBytes));
        if (sameStamp(current, held.stamp.snapshot) && (logContinues || (logFile === null && from === null))) {
          return ok({ log, logFile, continues: true, snapshot: null, snapshotFile: current });
        }
      }
      // Stat and read through one descriptor, so the stamp is the stamp of the text read even if a
      // writer renames a new version into place meanwhile.
      snapshot = openSync(this.path, 'r');
      return ok({ log, logFile, continues: false, snapshot, snapshotFile: stampOf(fstatSync(snapshot)) });
    } catch (error) {
      closeOpened(log);
      closeOpened(snapshot);
      return this.ioFailure(error, 'read');
    }
  }

  /**
   * The database from the snapshot's text and the log's bytes. A data file of the current schema
   * version is validated, then the log's changes applied, each record validated. An older one has
   * the log's changes (written at its version) applied as they are, then is migrated and validated
   * whole; a log of the first versions' commands is replayed after migration, through today's code.
   */
  private fromFiles(text: string, logBytes: Buffer | null, files: OpenedFiles): Result<Loaded> {
    const json = readDataJson(text, this.displayName);
    if (!json.success) return json;
    let entries: readonly LogLine[] = [];
    let completeBytes = 0;
    if (logBytes !== null) {
      const chunk = parseLogChunk(logBytes, 1, this.logName);
      if (!chunk.success) return chunk;
      entries = chunk.data.entries;
      completeBytes = chunk.data.completeBytes;
    }
    const legacy = hasLegacyLines(entries);
    if (legacy && entries.some((entry) => !entry.legacy)) {
      const first = entries.find((entry) => !entry.legacy)!;
      return fail('store.corrupt', `${this.logName}: line ${first.line} is in a newer format than the lines before it; the log was written by two versions at once.`, { file: this.logName, line: first.line });
    }
    let loaded: { db: Database; migratedFrom: number };
    if (json.data.version !== CURRENT_SCHEMA_VERSION && !legacy && entries.length > 0) {
      const raw = { ...json.data, revision: json.data.revision ?? 0, audit: json.data.audit ?? [] } as unknown as Database;
      const replayed = replayLog(raw, entries, this.logName, { validate: false });
      if (!replayed.success) return replayed;
      const migrated = toDatabase(replayed.data as unknown as Record<string, unknown>, this.displayName, this.internals.migrations);
      if (!migrated.success) return migrated;
      loaded = migrated.data;
    } else {
      const migrated = toDatabase(json.data, this.displayName, this.internals.migrations);
      if (!migrated.success) return migrated;
      const replayed = replayLog(migrated.data.db, entries, this.logName);
      if (!replayed.success) return replayed;
      loaded = { db: replayed.data, migratedFrom: migrated.data.migratedFrom };
    }
    // Lines the snapshot already holds are left by a compaction that stopped before removing the
    // log; after an erasure they still hold what it erased, so the next commit compacts them away.
    const stale = entries.length > 0 && entries[0]!.entry.revision <= Number(json.data.revision ?? 0);
    const log = files.log === null || files.logFile === null ? null : { file: files.logFile, completeBytes, entries: entries.length, legacy, stale };
    return ok({ db: loaded.db, stamp: { snapshot: files.snapshotFile, log }, migratedFrom: loaded.migratedFrom });
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

  /**
   * Writes the whole database as the new snapshot, then removes the log it now contains. A crash
   * between the two leaves a log whose entries the snapshot already holds; replay skips them.
   * `stillMine` is asked immediately before the rename: if the files are no longer the ones this
   * writer read under its lock, nothing is put in place (`LockLostError`). A failure after the
   * rename is an `UncertainWriteError`: the new snapshot may be in place.
   */
  async compact(db: Database, stillMine: () => boolean): Promise<FilesStamp> {
    const prepared = await prepareFile(this.path, serializeDatabase(db), this.internals.faults);
    if (!stillMine()) {
      await unlink(prepared.temp).catch(() => undefined);
      throw new LockLostError('the files changed under the lock');
    }
    try {
      await rename(prepared.temp, this.path);
    } catch (error) {
      // The rename did not happen: nothing changed.
      await unlink(prepared.temp).catch(() => undefined);
      throw error;
    }
    try {
      await this.internals.faults?.afterRename?.(this.path);
      // The rename itself must survive a power cut.
      await syncDirectory(dirname(this.path));
      // An unlinked file stays on disk while a handle holds it.
      await this.closeAppender();
      await unlink(this.logPath).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    } catch (error) {
      throw new UncertainWriteError(error);
    }
    return { snapshot: prepared.stamp, log: null };
  }

  /**
   * Appends `entries` changes (complete lines) to the log and fsyncs it; they are durable when
   * this resolves. `position` is where the log stood when this writer took the lock (null: no
   * log). Before writing, the log must still be exactly that file at that size and `stillMine`
   * must hold, or nothing is written (`LockLostError`). Bytes after its complete lines are the
   * torn append of a writer that died (a living one would still hold the lock): they are cut off
   * first. If the line cannot be made durable it is cut off again, or, when even that is not
   * sure, the failure is an `UncertainWriteError`.
   */
  async append(lines: string, entries: number, position: LogPosition | null, stillMine: () => boolean): Promise<LogPosition> {
    await this.internals.faults?.beforeAppend?.(this.logPath);
    const handle = await this.appenderFor(position);
    const completeBytes = position?.completeBytes ?? 0;
    const now = stampOf(fstatSync(handle.fd));
    const expected = position?.file ?? { inode: now.inode, size: 0, modifiedMs: now.modifiedMs };
    if (!stillMine() || now.inode !== expected.inode || now.size !== expected.size) {
      await this.closeAppender();
      throw new LockLostError('the change log changed under the lock');
    }
    // The truncate, write and stat only touch the page cache, so they are done in place (see
    // currentFiles); the fsync, which waits for the disk, goes to the thread pool.
    if (expected.size !== completeBytes) ftruncateSync(handle.fd, completeBytes);
    const bytes = Buffer.from(lines, 'utf8');
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(handle.fd, bytes, written);
      await this.internals.faults?.midAppend?.(this.logPath);
      await handle.sync();
    } catch (error) {
      await this.withdrawAppend(handle, completeBytes, stillMine, error);
    }
    const after = stampOf(fstatSync(handle.fd));
    if (after.size !== completeBytes + bytes.length || !stillMine()) {
      // Another writer wrote too: the line is on disk, but so is something this one did not write.
      await this.closeAppender();
      throw new UncertainWriteError(new Error(`${this.logName} changed while the change was being written`));
    }
    try {
      // A new file's name must be durable too, or a power cut could lose the whole log.
      if (completeBytes === 0) await syncDirectory(dirname(this.logPath));
    } catch (error) {
      throw new UncertainWriteError(error);
    }
    return { file: after, completeBytes: completeBytes + bytes.length, entries: (position?.entries ?? 0) + entries, legacy: position?.legacy ?? false };
  }

  /** After a failed append: cuts this writer's bytes off again so that nothing was written, if it still may. */
  private async withdrawAppend(handle: FileHandle, completeBytes: number, stillMine: () => boolean, error: unknown): Promise<never> {
    try {
      if (!stillMine()) throw new UncertainWriteError(error);
      try {
        await handle.truncate(completeBytes);
        await handle.sync();
      } catch {
        throw new UncertainWriteError(error);
      }
      throw error;
    } finally {
      // The handle is not trusted again: the log is opened afresh next time.
      await this.closeAppender();
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
    const mode = fileModeFor(this.path);
    const handle = await open(this.logPath, 'a', mode);
    try {
      const opened = fstatSync(handle.fd);
      // A log this writer creates gets the data file's permissions, whatever the umask.
      if (opened.size === 0 && (opened.mode & 0o777) !== mode) await handle.chmod(mode);
      this.appender = { handle, inode: opened.ino };
      return handle;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * The log's bytes from `start` to `end`, read in place: the store reads them under its lock, to
   * install a compaction, from a log it has just written, so from the page cache.
   */
  readLog(start: number, end: number): Buffer {
    const fd = openSync(this.logPath, 'r');
    try {
      const bytes = Buffer.allocUnsafe(end - start);
      let read = 0;
      while (read < bytes.length) {
        const got = readSync(fd, bytes, read, bytes.length - read, start + read);
        if (got === 0) throw new Error(`${this.logName} is shorter than expected`);
        read += got;
      }
      return bytes;
    } finally {
      closeSync(fd);
    }
  }

  /** Closes the held log handle, if any. */
  async closeAppender(): Promise<void> {
    const held = this.appender;
    this.appender = undefined;
    await held?.handle.close().catch(() => undefined);
  }

  /** Releases the log handle and the lock's descriptors. */
  async close(): Promise<void> {
    await this.closeAppender();
    this.lock.close();
  }

  /** Turns a file-system error into a domain failure naming the file. */
  ioFailure(error: unknown, doing: 'read' | 'write'): Result<never> {
    const code = errorCode(error);
    if (code === 'ENOENT' && doing === 'read') return fail('store.not_found', `${this.displayName}: no such file.`, { file: this.displayName });
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`store.${doing}_failed`, `${this.displayName}: could not ${doing} the file: ${reason}`, { file: this.displayName, errno: code });
  }
}

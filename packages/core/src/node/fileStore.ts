import { realpath, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import type { AuditEntry } from '../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../common/base/result.js';
import { applyCommands, type ChangeContext } from '../common/store/applyCommands.js';
import type { CommandInput } from '../common/store/commands.js';
import { CURRENT_SCHEMA_VERSION, type Database } from '../common/store/database.js';
import type { RecordChange } from '../common/store/recordChanges.js';
import { SerialQueue } from '../common/store/serialQueue.js';
import { appendAudit, putRedacted, redactedEntries, withAuditTail } from '../common/store/heldAudit.js';
import type { Erasure } from '../common/people/erasure.js';
import type { CommitResult, Store } from '../common/store/store.js';
import { changeLine } from './changeLog.js';
import { CompactionProcess, DEFAULT_COMPACTION, type CompactionOutcome, type CompactionPolicy } from './compaction.js';
import { DatabaseFile, DEFAULT_LOCK_WAIT_MS, LockLostError, sameFiles, UncertainWriteError, type CurrentFiles, type FilesStamp, type FileStoreInternals, type HeldData, type Loaded, type LogPosition } from './dataFile.js';
import { installFile, keepAside, prepareFile, removeOrphanedTempFiles, sameStamp } from './durableWrite.js';
import type { HeldLock } from './fileLock.js';

export { DEFAULT_COMPACTION, type CompactionPolicy } from './compaction.js';
export type { FileStoreInternals } from './dataFile.js';

/** How patiently a file store waits for another process's lock. */
export interface FileStoreOptions {
  /**
   * How long a commit (or an open) waits for another process that is changing the file, before
   * it gives up with `store.locked`. A lock is never taken from a process that is still running,
   * however long it takes; a process that ends gives its lock back at once.
   */
  lockWaitMs?: number;
}


/** A commit waiting for the lock, and how to tell its caller the outcome. */
interface PendingCommit {
  readonly commands: readonly CommandInput[];
  readonly context: ChangeContext;
  readonly resolve: (result: Result<CommitResult>) => void;
}

/**
 * The embedded store: one partnership's data in one JSON file (and its change log), shared
 * safely by every process that opens it (the bot and any number of CLI runs). Each commit takes
 * the file's lock, catches up with what other processes committed, applies the commands and
 * appends the records they left to the log with fsync, so a change costs the same however long
 * the history; every so often (see `CompactionPolicy`) the whole file is rewritten instead,
 * atomically. Readers see another process's change only once it is durable.
 */
export class FileStore implements Store {
  /** Absolute path of the data file. */
  readonly path: string;
  /**
   * The data as `read` hands it out: the audit's last entry only (see `Store.read`). Never
   * `low.write()`: it would write that tail as the whole history. Writes go through `commitWaiting`.
   */
  private readonly low: Low<Database>;
  /**
   * The whole audit, kept only while the snapshot is smaller than `rewriteBelowBytes`: every
   * commit then rewrites the file whole, and reading the audit back for it would cost more than
   * holding it. A larger file's history stays on disk, out of this process's heap.
   */
  private history: AuditEntry[] | undefined;
  private readonly queue = new SerialQueue();
  private closed = false;
  /** Which versions of the files `low.data` reflects; undefined after an uncertain write, forcing a full reread. */
  private stamp: FilesStamp | undefined;
  private migratedFrom: number;
  /** Bumped whenever `low.data` is replaced, so a slow reload cannot overwrite newer data. */
  private generation = 0;
  /** A version of the files known to be broken, so `read()` does not re-parse it every time. */
  private brokenStamp: CurrentFiles | undefined;
  private orphansRemoved = false;
  private readonly lockWaitMs: number;
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
  /**
   * The log this store's last installed compaction left: the changes committed while it was being
   * prepared. Under steady load they alone can pass the limits, and counting them again started
   * the next compaction the moment one was installed, so the compaction process never rested.
   */
  private carriedOver: LogPosition | undefined;
  /** A compaction that is due, waiting for a moment with no commits (see `CompactionPolicy.quietMs`). */
  private quietTimer: NodeJS.Timeout | undefined;
  /** Where this store's background compactions are prepared, kept between them. */
  private readonly compactor = new CompactionProcess();

  /** Use `openFileStore`, which reads and validates the file first. */
  constructor(
    private readonly file: DatabaseFile,
    loaded: Loaded,
    options: FileStoreOptions = {},
    compaction: Partial<CompactionPolicy> = {},
  ) {
    this.path = file.path;
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.compaction = { ...DEFAULT_COMPACTION, ...compaction };
    this.low = new Low(file, withAuditTail(loaded.db));
    this.stamp = loaded.stamp;
    this.migratedFrom = loaded.migratedFrom;
    this.keepHistory(loaded.db.audit, loaded.stamp.snapshot.size);
  }

  /**
   * The latest committed data, including other processes' commits: two stats per call, and when
   * the files changed, a replay of the log's new lines (or a reload if the snapshot changed). A
   * change another process is still writing is not shown until it is durable. If another process
   * left the files unreadable, the last good data is returned and commits report the problem.
   */
  async read(): Promise<Database> {
    if (this.closed || this.holdingLock) return this.low.data;
    const current = this.file.currentFiles();
    if (!current.success || sameFiles(current.data, this.stamp) || sameFiles(current.data, this.brokenStamp)) {
      return this.low.data;
    }
    const generation = this.generation;
    // A writer holding the lock is part way through a change: what it has written is not yet
    // durable, so the data as last committed is what there is to read.
    const loaded = await this.file.catchUp(this.held(), { kind: 'shared', waitMs: 0 });
    if (!loaded.success) {
      if (loaded.error.code !== 'store.locked') this.brokenStamp = current.data;
      return this.low.data;
    }
    if (generation === this.generation) this.install(loaded.data);
    return this.low.data;
  }

  /** Reads the files whole, as opening them does, once no writer is part way through a change. */
  async readWithHistory(): Promise<Result<Database>> {
    if (this.closed) return fail('store.closed', 'The store has been closed.');
    const loaded = await this.file.load();
    return loaded.success ? ok(loaded.data.db) : loaded;
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
    if (this.quietTimer !== undefined) this.compactInBackground();
    await this.compacting;
    this.compactor.close();
    await this.queue.drain();
    await this.file.close();
  }

  /** How many compaction processes this store has started, each a pause of this thread: kept low by keeping one between compactions. */
  get compactionProcessesStarted(): number {
    return this.compactor.started;
  }

  private held(): HeldData {
    const db = this.history === undefined ? this.low.data : { ...this.low.data, audit: this.history };
    return { db, stamp: this.stamp, migratedFrom: this.migratedFrom };
  }

  private install(loaded: Loaded): void {
    this.low.data = withAuditTail(loaded.db);
    this.stamp = loaded.stamp;
    this.migratedFrom = loaded.migratedFrom;
    this.keepHistory(loaded.db.audit, loaded.stamp.snapshot.size);
    this.generation++;
  }

  /**
   * Keeps `audit` as the whole history if the snapshot is small enough to be rewritten by every
   * commit. It is whole then: only a large snapshot's data is held with a tail, a log replayed on
   * it keeps the same snapshot, and a snapshot replaced is read whole.
   */
  private keepHistory(audit: AuditEntry[], snapshotBytes: number): void {
    this.history = snapshotBytes < this.compaction.rewriteBelowBytes ? audit : undefined;
  }

  /**
   * The whole audit, for a commit that rewrites the file: the one held, or read back from the
   * files (under the lock, unchanged since `base` was read from them).
   */
  private async wholeAudit(base: Database): Promise<Result<AuditEntry[]>> {
    if (this.history !== undefined) return ok(this.history);
    const loaded = await this.file.catchUp(undefined, { kind: 'held' });
    if (!loaded.success) return loaded;
    if (loaded.data.db.revision !== base.revision) {
      return fail('store.corrupt', `${this.file.displayName}: reading its history back gave revision ${loaded.data.db.revision}, not ${base.revision}; nothing was written.`, { file: this.file.displayName });
    }
    return ok(loaded.data.db.audit);
  }

  /** Whether this write rewrites the snapshot rather than appending `entries` lines of `lineBytes` to the log. */
  private shouldCompact(stamp: FilesStamp, entries: number, lineBytes: number): boolean {
    // A migrated file is written back in the current version before any log is added to it, and
    // a log of the first versions' format is never appended to.
    if (this.migratedFrom < CURRENT_SCHEMA_VERSION || stamp.log?.legacy || stamp.log?.stale) return true;
    if (stamp.snapshot.size < this.compaction.rewriteBelowBytes) return true;
    const factor = this.compaction.background && !this.backgroundFailed ? this.compaction.forceFactor : 1;
    return this.logOverLimit(stamp.snapshot.size, (stamp.log?.entries ?? 0) + entries, (stamp.log?.completeBytes ?? 0) + lineBytes, factor);
  }

  /**
   * Whether a background compaction is due: the log has grown past the limits, not counting the
   * changes this store's last compaction carried over while the log is still the one it left.
   * The log then holds at most the limits plus what one compaction carries over.
   */
  private logGrownPastLimit(snapshotBytes: number, log: LogPosition, factor: number): boolean {
    const carried = this.carriedOver !== undefined && this.carriedOver.file.inode === log.file.inode && log.completeBytes >= this.carriedOver.completeBytes ? this.carriedOver : { entries: 0, completeBytes: 0 };
    return this.logOverLimit(snapshotBytes, log.entries - carried.entries, log.completeBytes - carried.completeBytes, factor);
  }

  /**
   * After a commit that left the log past its limits: the background compaction is started once
   * commits pause for `quietMs` (each commit meanwhile puts it off again), or at once when the
   * log has reached `busyFactor` times the limits or the store is closing.
   */
  private compactWhenQuiet(snapshotBytes: number, log: LogPosition): void {
    if (this.compacting !== undefined) return;
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    if (this.closed || this.compaction.quietMs <= 0 || this.logGrownPastLimit(snapshotBytes, log, this.compaction.busyFactor)) {
      this.compactInBackground();
      return;
    }
    // Not keeping a process alive: close() starts what is waiting, and a process that ends
    // without closing leaves the log for the next writer's compaction.
    this.quietTimer = setTimeout(() => this.compactInBackground(), this.compaction.quietMs).unref();
  }

  private logOverLimit(snapshotBytes: number, entries: number, bytes: number, factor: number): boolean {
    const { maxLogEntries, maxLogFraction } = this.compaction;
    return entries > maxLogEntries * factor || bytes > snapshotBytes * maxLogFraction * factor;
  }

  /**
   * The fence of a write under the lock: the lock is still this holding's and the snapshot is
   * still the one read under it. Asked immediately before each step that changes a file.
   */
  private fence(lock: HeldLock, snapshot: FilesStamp['snapshot']): () => boolean {
    return () => {
      if (!lock.stillHeld()) return false;
      const current = this.file.currentFiles();
      return current.success && sameStamp(current.data.snapshot, snapshot);
    };
  }

  /** Starts preparing a compaction in a background process, unless one is under way. */
  private compactInBackground(): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    if (this.compacting !== undefined) return;
    // Started once the commit that crossed the limit has answered its callers: starting a process
    // (the first time, or after an idle one was let go) takes milliseconds of this thread, which
    // they need not wait for. Set now, so close() waits.
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compactor.run({ path: this.path, displayName: this.file.displayName, owner: process.pid, lockWaitMs: this.lockWaitMs }))
      .then(async (outcome) => {
        if (outcome.kind === 'failed') this.backgroundFailed = true;
        if (outcome.kind !== 'written') return;
        await this.file.internals.faults?.beforeCompactionInstall?.();
        const setAside = await this.queue.run(() => this.installCompaction(outcome));
        // The old snapshot and log are freed here, with the lock given back (see keepAside).
        await Promise.all(setAside.map((aside) => unlink(aside).catch(() => undefined)));
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
   * process compacted meanwhile, or the files changed under the lock) discards it.
   */
  private async installCompaction(outcome: Extract<CompactionOutcome, { kind: 'written' }>): Promise<string[]> {
    const from = outcome.base;
    const setAside: string[] = [];
    const discard = () => unlink(outcome.temp).then(() => setAside, () => setAside);
    const lock = await this.lock();
    if (!lock.success) return discard();
    try {
      const fresh = await this.refresh();
      const now = fresh.success ? fresh.data : undefined;
      const log = now?.log;
      if (now === undefined || !log || !from.log || !sameStamp(now.snapshot, from.snapshot) || log.file.inode !== from.log.file.inode || log.completeBytes < from.log.completeBytes) {
        return await discard();
      }
      const tail = this.file.readLog(from.log.completeBytes, log.completeBytes);
      await this.file.internals.faults?.beforeCompactionRename?.();
      // The last look before the rename: the files must be exactly those read under this lock.
      const current = this.file.currentFiles();
      if (!lock.data.stillHeld() || !current.success || !sameFiles(current.data, now)) return await discard();
      // Replacing the old snapshot and log then drops a name each and frees nothing while every
      // commit waits for this lock; they are freed once it is given back.
      for (const path of [this.path, this.file.logPath]) {
        const aside = keepAside(path);
        if (aside !== undefined) setAside.push(aside);
      }
      const snapshot = await installFile({ temp: outcome.temp, stamp: outcome.stamp }, this.path);
      // From here the files are changed: if the log's replacement fails, reread them next time.
      this.stamp = undefined;
      await this.file.closeAppender();
      let rest: LogPosition | null = null;
      if (tail.length === 0) {
        await unlink(this.file.logPath);
      } else {
        const file = await installFile(await prepareFile(this.file.logPath, tail), this.file.logPath);
        rest = { file, completeBytes: tail.length, entries: log.entries - from.log.entries, legacy: false };
      }
      this.stamp = { snapshot, log: rest };
      this.carriedOver = rest ?? undefined;
      this.backgroundFailed = false;
      return setAside;
    } catch {
      // Nothing is lost: the data is in memory and on disk as snapshot plus log; a later commit
      // compacts again.
      this.backgroundFailed = true;
      return await discard();
    } finally {
      this.release(lock.data);
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
      const results = await this.commitUnderLock(batch, lock.data);
      // Each change is durable (or refused) now: answer before giving the lock back.
      batch.forEach((pending, index) => pending.resolve(results[index]!));
    } catch (error) {
      this.stamp = undefined;
      const failure = this.file.ioFailure(error, 'write');
      for (const pending of batch) pending.resolve(failure);
    } finally {
      this.release(lock.data);
    }
  }

  private async commitUnderLock(batch: readonly PendingCommit[], lock: HeldLock): Promise<Array<Result<CommitResult>>> {
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
    // Applied on the audit's last entry alone (all the held data has), so that no commit copies
    // the whole history; the new entries are collected for a rewrite of the whole file.
    const base = this.low.data;
    const entries: AuditEntry[] = [];
    const erasures: Erasure[] = [];
    let db = base;
    for (const [index, { commands, context }] of batch.entries()) {
      const outcome = applyCommands(db, commands, context);
      if (!outcome.success || outcome.data.db === db) {
        results.push(outcome.success ? ok({ revision: db.revision, audit: outcome.data.audit }) : outcome);
        continue;
      }
      db = withAuditTail(outcome.data.db);
      appendAudit(entries, outcome.data.audit);
      erasures.push(...outcome.data.erasures);
      results.push(ok({ revision: db.revision, audit: outcome.data.audit }));
      changed.push(index);
      lines.push(changeLine(db, context, outcome.data.changes as RecordChange[], outcome.data.audit));
    }
    if (lines.length === 0) return results;
    const refuse = (failure: Result<never>) => {
      for (const index of changed) results[index] = failure;
      return results;
    };
    const stillMine = this.fence(lock, stamp.snapshot);
    let written: FilesStamp;
    let whole: AuditEntry[] | undefined;
    try {
      const text = lines.join('');
      // An erasure rewrites the whole file, its audit redacted, and removes the log: the log's
      // lines and the snapshot before would keep what it erased.
      if (erasures.length > 0 || this.shouldCompact(stamp, lines.length, Buffer.byteLength(text))) {
        const history = await this.wholeAudit(base);
        if (!history.success) return refuse(history);
        // Rewriting costs the whole file anyway; one copy of the audit is nothing beside it.
        const audit = history.data.concat(entries);
        putRedacted(audit, redactedEntries(audit, erasures));
        written = await this.file.compact({ ...db, audit }, stillMine);
        whole = audit;
        this.carriedOver = undefined;
        this.migratedFrom = CURRENT_SCHEMA_VERSION;
        this.backgroundFailed = false;
      } else {
        written = { snapshot: stamp.snapshot, log: await this.file.append(text, lines.length, stamp.log, stillMine) };
      }
    } catch (error) {
      this.stamp = undefined;
      return refuse(this.writeFailure(error));
    }
    // Readers see the new data only once it is durable.
    if (whole !== undefined) {
      // An erasure may have redacted the last entry too.
      this.low.data = withAuditTail({ ...db, audit: whole });
      this.keepHistory(whole, written.snapshot.size);
    } else {
      this.low.data = db;
      if (this.history !== undefined) appendAudit(this.history, entries);
    }
    this.stamp = written;
    this.generation++;
    if (this.compaction.background && written.log !== null && this.logGrownPastLimit(written.snapshot.size, written.log, 1)) this.compactWhenQuiet(written.snapshot.size, written.log);
    return results;
  }

  /** What a caller is told of a write that did not complete: whether anything was written, and what to do. */
  private writeFailure(error: unknown): Result<never> {
    const name = this.file.displayName;
    if (error instanceof LockLostError) {
      return fail('store.lock_lost', `${name}: another process changed the file while this one held its lock (it was stalled, or the lock file was removed); nothing was written. Try again.`, { file: name });
    }
    if (error instanceof UncertainWriteError) {
      const reason = error.reason instanceof Error ? error.reason.message : String(error.reason);
      return fail('store.write_uncertain', `${name}: the change was written but the disk did not confirm it (${reason}); check whether it is there before trying again.`, { file: name });
    }
    return this.file.ioFailure(error, 'write');
  }

  /** Brings `low.data` up to date with the files if another process changed them; returns their stamp. Under the lock. */
  private async refresh(): Promise<Result<FilesStamp>> {
    const current = this.file.currentFiles();
    if (!current.success) return current;
    if (this.stamp !== undefined && sameFiles(current.data, this.stamp)) return ok(this.stamp);
    const loaded = await this.file.catchUp(this.held(), { kind: 'held' });
    if (!loaded.success) return loaded;
    this.install(loaded.data);
    return ok(loaded.data.stamp);
  }

  private async lock(): Promise<Result<HeldLock>> {
    const lock = await this.file.lock.acquire({ waitMs: this.lockWaitMs, displayName: this.file.displayName });
    if (lock.success) this.holdingLock = true;
    return lock;
  }

  private release(lock: HeldLock): void {
    this.holdingLock = false;
    lock.release();
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
export async function openFileStoreWith(path: string, options: FileStoreOptions = {}, internals: FileStoreInternals = {}): Promise<Result<FileStore>> {
  let real: string;
  try {
    // The real path, once: so that a data file reached through a symlink is locked under the
    // same name by every process, and a rewrite replaces the file rather than the link.
    real = await realpath(resolve(path));
  } catch (error) {
    return new DatabaseFile(resolve(path), path).ioFailure(error, 'read');
  }
  const file = new DatabaseFile(real, path, internals, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  const loaded = await file.load();
  if (!loaded.success) {
    await file.close();
    return loaded;
  }
  return ok(new FileStore(file, loaded.data, options, internals.compaction));
}

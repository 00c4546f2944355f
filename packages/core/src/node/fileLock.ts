import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, ftruncateSync, openSync, readSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import fsx from 'fs-native-extensions';
import { fail, ok, type Result } from '../common/base/result.js';
import { errorCode } from './durableWrite.js';

/** Who holds (or last held) a data file's lock, as written in the lock file for people to read. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When it took the lock, ISO 8601. */
  readonly since: string;
  /** Unique to one holding: what a holder checks to know the lock is still its own. */
  readonly token: string;
}

/** A lock this process holds. */
export interface HeldLock {
  /**
   * Whether the lock is still this holding's: the lock file at the path is the one locked and
   * still names this holding. False once someone removed or replaced the file, or another
   * process took the lock over a network file system whose lease this process outlived.
   */
  stillHeld(): boolean;
  /** Gives the lock back. */
  release(): void;
}

/** How long to wait for a lock another process holds, and how to name the data file in messages. */
export interface LockOptions {
  readonly waitMs: number;
  readonly displayName: string;
}

/** No lock file exists, and this reader may not create one. */
const NO_LOCK = -2;

// proper-lockfile, which earlier versions used, kept its lock as a directory of this name and
// refreshed its time every few seconds while it was held.
const LEGACY_LOCK_STALE_MS = 15_000;

/**
 * The lock of one data file: an advisory lock the operating system holds on the lock file for as
 * long as this process keeps it, and gives back the moment the process ends, however it ends.
 * A holder that stalls (stopped, swapped out, asleep) keeps it, so no other process can take it
 * from a writer that will wake up and write; a holder that dies frees it at once. On Linux it is
 * an open-file-description lock (`F_OFD_SETLK`), on macOS `flock`, on Windows `LockFileEx`,
 * through fs-native-extensions. The lock file is never removed: a process waiting on a removed
 * file would lock a name nobody else uses.
 *
 * Writers take it exclusively; a reader catching up with other processes' changes takes it shared
 * for the moment it looks at the files, so that it never reads a change before the writer has
 * made it durable. Two descriptors, because a lock is a descriptor's: this process's reads and
 * writes exclude each other as another process's would.
 */
export class FileLock {
  private writer: number | undefined;
  private reader: number | undefined;
  private closed = false;
  /** How many of this process's readers are looking at the files under the shared lock. */
  private readers = 0;
  /** A blocked wait for the lock on a descriptor, and whether someone took the lock it was granted. */
  private readonly waits = new Map<number, { readonly granted: Promise<boolean>; claimed: boolean }>();

  constructor(
    /** The lock file. */
    readonly path: string,
    /** The permissions the lock file is created with. */
    private readonly mode: number,
  ) {}

  /** Takes the lock exclusively, waiting up to `waitMs` for another holder; `store.locked` after that. */
  async acquire(options: LockOptions): Promise<Result<HeldLock>> {
    const taken = await this.take(false, options);
    if (!taken.success) return taken;
    const fd = taken.data;
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(9).toString('base64url') };
    const text = Buffer.from(`${JSON.stringify(holder)}\n`);
    try {
      writeSync(fd, text, 0, text.length, 0);
      ftruncateSync(fd, text.length);
    } catch (error) {
      this.unlock(fd);
      return this.failure(error, options.displayName);
    }
    const inode = fstatSync(fd).ino;
    let held = true;
    return ok({
      stillHeld: () => held && this.stillNames(fd, inode, holder.token),
      release: () => {
        if (!held) return;
        held = false;
        if (this.writer === fd) this.unlock(fd);
      },
    });
  }

  /**
   * Runs `look` while holding the lock shared, so that no writer is part way through a change:
   * waits up to `waitMs` for a writer to finish, then `store.locked`. Keep `look` short (open
   * and stat files); read what they hold afterwards.
   */
  async shared<T>(options: LockOptions, look: () => Promise<T>): Promise<Result<T>> {
    const taken = await this.take(true, options);
    if (!taken.success) return taken;
    // A reader who may not create the lock file (a read-only folder or user) reads without it.
    if (taken.data === NO_LOCK) return ok(await look());
    // Readers of this process share the one descriptor's lock: it is given back by the last.
    this.readers++;
    try {
      return ok(await look());
    } finally {
      this.readers--;
      if (this.readers === 0 && this.reader === taken.data) this.unlock(taken.data);
    }
  }

  /** Who holds or last held the lock, from the lock file, if it says. */
  holder(): LockHolder | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.path, 'r');
      const bytes = Buffer.alloc(512);
      const read = readSync(fd, bytes, 0, bytes.length, 0);
      const parsed = JSON.parse(bytes.toString('utf8', 0, read)) as Partial<LockHolder>;
      if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.since !== 'string') return undefined;
      return parsed as LockHolder;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Releases the descriptors (and with them any lock still held). */
  close(): void {
    this.closed = true;
    for (const fd of [this.writer, this.reader]) {
      if (fd !== undefined) closeSync(fd);
    }
    this.writer = undefined;
    this.reader = undefined;
  }

  private async take(shared: boolean, options: LockOptions): Promise<Result<number>> {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      if (this.closed) return fail('store.closed', 'The store has been closed.');
      let fd: number;
      try {
        fd = this.descriptor(shared);
      } catch (error) {
        if (errorCode(error) !== 'EISDIR') return this.failure(error, options.displayName);
        if (this.removeStaleLegacyLock()) continue;
        // An earlier version holds its lock directory: look again in a moment.
        if (Date.now() >= deadline) return this.lockedFailure(options);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
        continue;
      }
      if (fd === NO_LOCK) return ok(NO_LOCK);
      const granted = fsx.tryLock(fd, { shared }) || (await this.wait(fd, shared, deadline));
      if (!granted) return this.lockedFailure(options);
      // The lock guards the name only while the name is this file: if someone removed or
      // replaced it meanwhile, lock the new one instead.
      if (this.isAtPath(fd)) return ok(fd);
      this.unlock(fd);
      this.forget(fd);
    }
  }

  /**
   * Waits until `deadline` for the lock on `fd`. The kernel wakes a blocked waiter the moment the
   * holder lets go, where polling would have to be lucky to look in the gap between one writer's
   * commits: under a stream of commits a poller can wait for ever. The blocked call cannot be
   * cancelled, so one per descriptor is kept: a later wait takes it up, and a grant nobody is
   * waiting for any more is given straight back.
   */
  private async wait(fd: number, shared: boolean, deadline: number): Promise<boolean> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    let waiting = this.waits.get(fd);
    if (waiting === undefined) {
      waiting = { granted: fsx.waitForLock(fd, { shared }).then(() => true, () => false), claimed: false };
      this.waits.set(fd, waiting);
      const pending = waiting;
      void pending.granted.then((granted) =>
        // After every waiter's own reaction to the grant (microtasks) has had its chance to claim it.
        setImmediate(() => {
          if (this.waits.get(fd) === pending) this.waits.delete(fd);
          if (granted && !pending.claimed && (this.writer === fd || this.reader === fd)) this.unlock(fd);
        }),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const timedOutAlready = () => expired;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve((expired = true) && false), remaining)));
    const current = waiting;
    const granted = await Promise.race([current.granted.then((ok) => ok && !timedOutAlready() && (current.claimed = true)), timedOut]);
    clearTimeout(timer);
    return granted;
  }

  /** The descriptor for shared or exclusive locking, opened (and the file created) on first use. */
  private descriptor(shared: boolean): number {
    const open = shared ? this.reader : this.writer;
    if (open !== undefined) return open;
    let fd: number;
    if (shared) {
      try {
        fd = openSync(this.path, 'r');
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        try {
          fd = this.create();
        } catch (creating) {
          if (['EACCES', 'EPERM', 'EROFS'].includes(errorCode(creating) ?? '')) return NO_LOCK;
          throw creating;
        }
      }
    } else {
      fd = this.create();
    }
    // An earlier version's lock directory: opened read-only, it would take a lock that means nothing.
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error(`${this.path} is a directory`), { code: 'EISDIR' });
    }
    if (shared) this.reader = fd;
    else this.writer = fd;
    return fd;
  }

  /** Opens the lock file for reading and writing (not appending: the holder writes at its start), creating it if need be. */
  private create(): number {
    try {
      const fd = openSync(this.path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, this.mode);
      fchmodSync(fd, this.mode);
      return fd;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      return openSync(this.path, constants.O_RDWR);
    }
  }

  /** Gives back the lock held through `fd` (a closed descriptor holds none). */
  private unlock(fd: number): void {
    try {
      fsx.unlock(fd);
    } catch {
      // Closed meanwhile: closing gave the lock back.
    }
  }

  private forget(fd: number): void {
    if (this.writer === fd) this.writer = undefined;
    if (this.reader === fd) this.reader = undefined;
    closeSync(fd);
  }

  private isAtPath(fd: number): boolean {
    try {
      return statSync(this.path).ino === fstatSync(fd).ino;
    } catch {
      return false;
    }
  }

  private stillNames(fd: number, inode: number, token: string): boolean {
    if (this.writer !== fd) return false;
    try {
      if (statSync(this.path).ino !== inode) return false;
      const bytes = Buffer.alloc(512);
      const read = readSync(fd, bytes, 0, bytes.length, 0);
      return (JSON.parse(bytes.toString('utf8', 0, read)) as Partial<LockHolder>).token === token;
    } catch {
      return false;
    }
  }

  /** A lock directory an earlier version left behind when it crashed: removed once stale. */
  private removeStaleLegacyLock(): boolean {
    try {
      if (Date.now() - statSync(this.path).mtimeMs < LEGACY_LOCK_STALE_MS) return false;
      rmdirSync(this.path);
      return true;
    } catch {
      return false;
    }
  }

  private lockedFailure(options: LockOptions): Result<never> {
    let who: string;
    try {
      who = statSync(this.path).isDirectory() ? 'an older version of Partnership Tracker' : describeHolder(this.holder());
    } catch {
      who = describeHolder(undefined);
    }
    return fail('store.locked', `${options.displayName} is being changed by ${who} and stayed locked; try again.`, { file: options.displayName });
  }

  private failure(error: unknown, displayName: string): Result<never> {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('store.lock_failed', `${displayName}: could not use its lock file ${this.path}: ${reason}`, { file: displayName, errno: errorCode(error) });
  }
}

function describeHolder(holder: LockHolder | undefined): string {
  if (holder === undefined) return 'another process (the bot or another ptrack run)';
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `another process (the bot or another ptrack run: process ${holder.pid}${where}, since ${holder.since})`;
}

import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, fsync, linkSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { access, link, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { tempPrefixOf } from './companionFiles.js';

/** The permissions of a new data file: its owner alone may read and write it. */
export const NEW_FILE_MODE = 0o600;

/**
 * The permissions for a new version of `path`, or for a file the store keeps beside it: those of
 * the file it replaces, as far as its owner and group go (an administrator may share a data file
 * with a group), never any for others; 0600 for a new file. A partnership's data names people and
 * their work: no other user of the machine should read it.
 */
export function fileModeFor(path: string): number {
  try {
    return (statSync(path).mode & 0o060) | NEW_FILE_MODE;
  } catch {
    return NEW_FILE_MODE;
  }
}

/** Identity of one version of a file: a rename gives a new inode, an edit a new mtime or size. */
export interface FileStamp {
  readonly inode: number;
  readonly size: number;
  readonly modifiedMs: number;
}

/** True when two stamps describe the same version of a file. */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.inode === b.inode && a.size === b.size && a.modifiedMs === b.modifiedMs;
}

/** Failure injection for crash tests; production code passes none. */
export interface WriteFaults {
  /** Called when half of the new content is in the temp file and nothing is synced or renamed. */
  readonly midWrite?: (tempPath: string) => Promise<void>;
  /** Called under the lock when a commit is about to append its lines to the change log. */
  readonly beforeAppend?: (logPath: string) => Promise<void>;
  /** Called when a rewritten data file has been renamed into place, before the folder is synced. */
  readonly afterRename?: (path: string) => Promise<void>;
  /** Called when a commit's lines are written to the change log but not synced. */
  readonly midAppend?: (logPath: string) => Promise<void>;
  /** Called when a compaction prepared in the background is ready, before it waits for the lock to install it. */
  readonly beforeCompactionInstall?: () => Promise<void>;
  /** Called under the lock when a compaction is about to be put in place, before its last check of the files. */
  readonly beforeCompactionRename?: () => Promise<void>;
}

/** How to install the new file. */
export interface DurableWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file. */
  readonly exclusive?: boolean;
  readonly faults?: WriteFaults;
}

const TEMP_SUFFIX = '.tmp';


/** New content for a file, written and fsynced to a temp file beside it, not yet in place. */
export interface PreparedFile {
  readonly temp: string;
  /** The stamp the file will have once installed (a rename keeps inode, size and mtime). */
  readonly stamp: FileStamp;
}

/** A new temp file's name beside `path`, carrying the id of the process that will install or remove it. */
function tempNameFor(path: string, owner: number): string {
  return join(dirname(path), `${tempPrefixOf(path)}${owner}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

const fsyncOf = promisify(fsync);

/** Writes all of `bytes[from, to)` at the file's position. */
function writeAll(fd: number, bytes: Buffer, from: number, to: number): void {
  for (let at = from; at < to; ) at += writeSync(fd, bytes, at, to - at);
}

/**
 * Writes `content` to a new temp file in `path`'s directory and fsyncs it. The temp file's
 * name carries the id of the process that will install it (`owner`: this one, or the store that
 * asked a compaction process for it), so a cleanup can tell a live writer's file from an orphan.
 *
 * Opening, writing and stating touch only the page cache, so they are done in place, as a
 * commit's append is; only the fsync, which waits for the disk, goes to the thread pool. A store
 * installing a compaction holds its lock meanwhile, and each await cost every commit a turn of a
 * busy bot's event loop (docs/performance.md).
 */
export async function prepareFile(path: string, content: string | Buffer, faults?: WriteFaults, owner = process.pid, mode = fileModeFor(path)): Promise<PreparedFile> {
  const temp = tempNameFor(path, owner);
  const fd = openSync(temp, 'wx', mode);
  try {
    // Exactly these permissions, whatever the process's umask.
    fchmodSync(fd, mode);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // Half now and half after the hook, so that crash tests can stop a write part way.
    const half = Math.floor(bytes.length / 2);
    writeAll(fd, bytes, 0, half);
    await faults?.midWrite?.(temp);
    writeAll(fd, bytes, half, bytes.length);
    await fsyncOf(fd);
    const stat = fstatSync(fd);
    closeSync(fd);
    return { temp, stamp: { inode: stat.ino, size: stat.size, modifiedMs: stat.mtimeMs } };
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Gives an existing file a second name beside it, a temp name carrying this process's id, so
 * that replacing or removing it then only drops a name: the kernel frees a file's pages and blocks
 * when its last name goes, which took 13–18 ms for a 32 MB data file on ext4 while the store held
 * its lock (docs/performance.md). Remove the returned name once the lock is given back; a crash
 * before that leaves an orphan the next writer removes. Undefined when there is no such file or
 * the file system has no hard links: replacing it then frees it in place, as before.
 */
export function keepAside(path: string): string | undefined {
  const aside = tempNameFor(path, process.pid);
  try {
    linkSync(path, aside);
    return aside;
  } catch {
    return undefined;
  }
}

/**
 * Puts a prepared file in place (atomically replacing `path`, or failing with EEXIST when
 * `exclusive`), then fsyncs the directory so the rename itself survives a power cut. The temp
 * file is removed if it cannot be installed.
 */
export async function installFile(prepared: PreparedFile, path: string, options: { exclusive?: boolean } = {}): Promise<FileStamp> {
  try {
    if (options.exclusive) {
      await installExclusively(prepared.temp, path);
    } else {
      // In place, as prepareFile's writes: a rename is a change to the directory in memory.
      renameSync(prepared.temp, path);
    }
  } catch (error) {
    await unlink(prepared.temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
  return prepared.stamp;
}

/**
 * Replaces a file's content so that a crash at any moment leaves either the old or the new
 * file, never a mixture: write a temp file in the same directory, fsync it, rename it over the
 * target, fsync the directory. Returns the stamp of the new file.
 */
export async function writeFileDurably(path: string, text: string, options: DurableWriteOptions = {}): Promise<FileStamp> {
  return installFile(await prepareFile(path, text, options.faults), path, { exclusive: options.exclusive });
}

/** Moves `temp` to `path` unless `path` exists (EEXIST). */
async function installExclusively(temp: string, path: string): Promise<void> {
  try {
    // link() fails if the target exists, atomically; rename() would silently replace it.
    await link(temp, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    // Some network and FAT file systems have no hard links: check, then rename.
    const exists = await access(path).then(() => true, () => false);
    if (exists) throw Object.assign(new Error(`EEXIST: file already exists, ${path}`), { code: 'EEXIST' });
    await rename(temp, path);
    return;
  }
  await unlink(temp);
}

/** The `code` of a Node system error (ENOENT, EEXIST, …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Makes a directory's entries (a rename, a new file) durable. */
export async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is already durable enough there.
  if (process.platform === 'win32') return;
  const fd = openSync(directory, 'r');
  try {
    await fsyncOf(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether the process with this id is running (on this machine). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Deletes temp files left beside `path` (the data file's, and its change log's) by writers that
 * crashed: those whose process, named in the file name, is no longer running. A running
 * process's temp file may be a compaction written in the background, outside the lock.
 * Call while holding the file's lock. Returns how many were removed.
 */
export async function removeOrphanedTempFiles(path: string): Promise<number> {
  const prefix = tempPrefixOf(path);
  let removed = 0;
  for (const name of await readdir(dirname(path))) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && isRunning(Number(pid))) continue;
    await unlink(join(dirname(path), name)).catch(() => undefined);
    removed++;
  }
  return removed;
}

import { randomBytes } from 'node:crypto';
import { access, link, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
  /** Called when a commit's lines are written to the change log but not synced. */
  readonly midAppend?: (logPath: string) => Promise<void>;
}

/** How to install the new file. */
export interface DurableWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file. */
  readonly exclusive?: boolean;
  readonly faults?: WriteFaults;
}

const TEMP_SUFFIX = '.tmp';

/** The prefix of the temp files written beside `path`, so orphans can be recognised. */
function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/**
 * Replaces a file's content so that a crash at any moment leaves either the old or the new
 * file, never a mixture: write a temp file in the same directory, fsync it, rename it over the
 * target, fsync the directory so the rename itself survives a power cut.
 * Returns the stamp of the new file.
 */
export async function writeFileDurably(path: string, text: string, options: DurableWriteOptions = {}): Promise<FileStamp> {
  const temp = join(dirname(path), `${tempPrefix(path)}${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', 0o644);
  let installed = false;
  try {
    const bytes = Buffer.from(text, 'utf8');
    const half = Math.floor(bytes.length / 2);
    await handle.write(bytes, 0, half);
    await options.faults?.midWrite?.(temp);
    await handle.write(bytes, half, bytes.length - half);
    await handle.sync();
    const stat = await handle.stat();
    await handle.close();
    if (options.exclusive) {
      await installExclusively(temp, path);
    } else {
      await rename(temp, path);
    }
    installed = true;
    await syncDirectory(dirname(path));
    return { inode: stat.ino, size: stat.size, modifiedMs: stat.mtimeMs };
  } finally {
    if (!installed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
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
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes temp files left beside `path` by writers that crashed. Call only while holding the
 * file's lock: every writer writes its temp file under the lock, so any temp file seen then is
 * an orphan. Returns how many were removed.
 */
export async function removeOrphanedTempFiles(path: string): Promise<number> {
  const prefix = tempPrefix(path);
  let removed = 0;
  for (const name of await readdir(dirname(path))) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) {
      await unlink(join(dirname(path), name)).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}

import { mkdir, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fail, ok, type Result } from '../common/base/result.js';
import { parseWith } from '../common/base/validation.js';
import { Database } from '../common/store/database.js';
import { DatabaseFile } from './dataFile.js';
import { errorCode, writeFileDurably } from './durableWrite.js';
import { serializeDatabase } from './snapshotFile.js';

/**
 * Writes a new data file holding `db`, durably, readable by its owner alone. Refuses
 * (`store.exists`) to replace an existing file unless `force` is set; a forced replacement takes
 * the file's lock so that it cannot interleave with a running bot's commit.
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
    const lock = await file.lock.acquire({ waitMs: file.lockWaitMs, displayName: path });
    if (!lock.success) return lock;
    try {
      await writeFileDurably(file.path, text);
      await removeLog(file);
    } finally {
      lock.data.release();
    }
    return ok(undefined);
  } catch (error) {
    return file.ioFailure(error, 'write');
  } finally {
    await file.close();
  }
}

async function removeLog(file: DatabaseFile): Promise<void> {
  await unlink(file.logPath).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
}

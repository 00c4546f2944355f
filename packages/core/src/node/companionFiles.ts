import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The change log beside a data file. */
export function logPathOf(dataPath: string): string {
  return `${dataPath}.log`;
}

/** The lock file beside a data file, held by whichever process is writing. */
export function lockPathOf(dataPath: string): string {
  return `${dataPath}.lock`;
}

/** The prefix of the temp files written beside a data file (`.partnership.json.<pid>.<random>.tmp`). */
export function tempPrefixOf(dataPath: string): string {
  return `.${basename(dataPath)}.`;
}

/** A path with its folder's symlinks resolved, for a file that may not exist yet. */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Whether `candidate` is the data file or one of the files the store keeps beside it (its change
 * log, its lock, a temp file being written): writing anything else over one of them would destroy
 * the partnership's data behind the store's back. Symlinks are followed on both sides.
 */
export function isDataFileOrCompanion(dataPath: string, candidate: string): boolean {
  const data = realPathOf(dataPath);
  const target = realPathOf(candidate);
  if (target === data || target === logPathOf(data) || target === lockPathOf(data)) return true;
  const name = basename(target);
  return dirname(target) === dirname(data) && name.startsWith(tempPrefixOf(data)) && name.endsWith('.tmp');
}

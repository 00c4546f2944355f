import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '@partnership-tracker/core';
import { isDataFileOrCompanion } from '@partnership-tracker/core/node';
import type { DataAddress } from '../dataStore.js';
import type { Io } from '../io.js';

/**
 * Writes a command's result to `--out FILE`, or to standard output when no file is given. An
 * `--out` that is the data file or one of its companions (its log, its lock, a temp file) is
 * refused: it would overwrite the partnership's data behind the store's back. The file is
 * written to a temp file beside it and renamed over it, so a reader never sees half a file and a
 * failed write leaves the old one whole.
 */
export async function emit(io: Io, content: string | Uint8Array, out: string | undefined, data: DataAddress): Promise<Result<void>> {
  if (out === undefined) {
    if (typeof content !== 'string' && io.stdoutIsTerminal) {
      return fail('usage.binary_to_terminal', 'An xlsx file cannot be shown in a terminal: add --out FILE.xlsx (or redirect the output to a file).');
    }
    io.stdout(content);
    return ok(undefined);
  }
  const target = resolve(io.cwd, out);
  if (data.kind === 'file' && isDataFileOrCompanion(data.path, target)) {
    return fail('usage.out_is_data_file', `--out ${out} is the data file, or a file the store keeps beside it; writing there would destroy the partnership's data. Choose another file name. Nothing was written.`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    return fail('output.write_failed', `Could not write ${out}: ${(error as Error).message}`);
  }
  io.stderr(`Wrote ${out}\n`);
  return ok(undefined);
}

/** The current instant as ISO 8601 UTC without milliseconds, as the store records changes. */
export function nowText(io: Io): string {
  return io.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fail, ok, type Result } from '@partnership-tracker/core';
import type { Io } from '../io.js';

/** Writes a command's result to `--out FILE`, or to standard output when no file is given. */
export async function emit(io: Io, content: string | Uint8Array, out: string | undefined): Promise<Result<void>> {
  if (out === undefined) {
    if (typeof content !== 'string' && io.stdoutIsTerminal) {
      return fail('usage.binary_to_terminal', 'An xlsx file cannot be shown in a terminal: add --out FILE.xlsx (or redirect the output to a file).');
    }
    io.stdout(content);
    return ok(undefined);
  }
  try {
    await writeFile(resolve(io.cwd, out), content);
  } catch (error) {
    return fail('output.write_failed', `Could not write ${out}: ${(error as Error).message}`);
  }
  io.stderr(`Wrote ${out}\n`);
  return ok(undefined);
}

/** The current instant as ISO 8601 UTC without milliseconds, as the store records changes. */
export function nowText(io: Io): string {
  return io.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

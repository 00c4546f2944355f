import { CommanderError } from 'commander';
import type { Result } from '@partnership-tracker/core';
import { ExitCode, exitCodeFor } from './exitCodes.js';
import { processIo, type Io } from './io.js';
import { buildProgram } from './program.js';

/**
 * Runs ptrack with arguments (without `node` and the script) and returns the exit code. This is
 * the one translator from outcomes to text and exit codes: commands return Results, commander
 * reports usage errors, and anything thrown is a bug.
 */
export async function run(args: readonly string[], io: Io): Promise<ExitCode> {
  const fixed = io.env.PTRACK_NOW;
  if (fixed && !isInstant(fixed)) {
    io.stderr(`PTRACK_NOW="${fixed}" is not an instant; write it like 2025-09-20T09:00:00Z, or unset it to use the clock.\n`);
    return ExitCode.usage;
  }
  let outcome: Result<void> | undefined;
  const program = buildProgram(io, async (work) => {
    outcome = await work();
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end commander with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    io.stderr(`ptrack: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.invalidInput;
  }
  if (outcome === undefined || outcome.success) return ExitCode.ok;
  const summary = outcome.error.details?.summary;
  io.stderr(`${outcome.error.message}\n${typeof summary === 'string' ? `${summary}\n` : ''}`);
  return exitCodeFor(outcome.error.code);
}

/** The process entry point: runs ptrack on the process's arguments and exits with its code. */
export async function runMain(): Promise<never> {
  const code = await run(process.argv.slice(2), processIo());
  // Let piped output drain before exiting, so that `ptrack export … | head` loses nothing.
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(code);
}

/** Whether text is an ISO 8601 instant with its offset (`2025-09-20T09:00:00Z`, `…T10:00+01:00`). */
function isInstant(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
}

/** The exit codes ptrack promises: scripts may rely on them. */
export const ExitCode = {
  ok: 0,
  /** The input (a file, a flag's value, the data) was wrong; nothing was written. */
  invalidInput: 1,
  /** The command line itself was wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The change was written but the disk did not confirm it: look before running it again. */
  uncertain: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code for a domain error code: `usage.*` errors are usage errors, a write the disk did
 * not confirm is uncertain, everything else is invalid input (nothing was written).
 */
export function exitCodeFor(errorCode: string): ExitCode {
  if (errorCode === 'store.write_uncertain') return ExitCode.uncertain;
  return errorCode.startsWith('usage.') ? ExitCode.usage : ExitCode.invalidInput;
}

/** The exit codes ptrack promises: scripts may rely on them. */
export const ExitCode = {
  ok: 0,
  /** The input (a file, a flag's value, the data) was wrong; nothing was written. */
  invalidInput: 1,
  /** The command line itself was wrong: unknown command or option, missing argument. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code for a domain error code: `usage.*` errors are usage errors, everything else invalid input. */
export function exitCodeFor(errorCode: string): ExitCode {
  return errorCode.startsWith('usage.') ? ExitCode.usage : ExitCode.invalidInput;
}

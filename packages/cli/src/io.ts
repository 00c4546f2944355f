/** What a command may touch of the outside world, injected so that commands are testable in-process. */
export interface Io {
  /** Writes to standard output (text or the bytes of a binary export). */
  readonly stdout: (chunk: string | Uint8Array) => void;
  /** Writes to standard error: progress and summaries, never data. */
  readonly stderr: (text: string) => void;
  /** Whether standard output is a terminal (binary output is refused there). */
  readonly stdoutIsTerminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The current time: `PTRACK_NOW` when set, so that reports can be reproduced. */
  readonly now: () => Date;
  /** The machine's clock, whatever `PTRACK_NOW` says: changes are never recorded after it. */
  readonly realNow: () => Date;
  /** Asks the person at the terminal a question; undefined when nobody is there to answer. */
  readonly ask?: (question: string) => Promise<string>;
}

/** The real process's Io; `PTRACK_NOW` (an ISO instant) fixes the clock for reproducible output. */
export function processIo(): Io {
  const fixed = process.env.PTRACK_NOW;
  return {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTerminal: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    now: () => (fixed ? new Date(fixed) : new Date()),
    realNow: () => new Date(),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { ask } : {}),
  };
}

async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(question)).trim();
  } finally {
    terminal.close();
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Runs a command to completion (output discarded) and returns how long it took in milliseconds; rejects on a non-zero exit. */
export function timeRun(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`${[command, ...args].join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

/** A server started as a child process, with the URL it printed. */
export interface StartedServer {
  readonly url: string;
  /** Everything it has printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits for it to print a line matching `listening` (whose first
 * group is its URL); rejects with its output if it exits first or takes longer than `timeoutMs`.
 */
export function startServer(command: string, args: readonly string[], listening: RegExp, timeoutMs = 120_000, env?: NodeJS.ProcessEnv): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${[command, ...args].join(' ')} did not start within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = listening.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${[command, ...args].join(' ')} exited ${code} before it listened: ${output}`));
    });
  });
}

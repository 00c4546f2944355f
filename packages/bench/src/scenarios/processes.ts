import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DEFAULT_COMPACTION } from '@partnership-tracker/core/node';

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
  readonly pid: number;
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
          pid: child.pid!,
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

/** CPU time (user and system, milliseconds) a process and its descendants have used, from /proc; undefined where there is none. */
async function treeCpuMs(pid: number): Promise<number | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in ticks of 10 ms.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let total = (Number(fields[11]) + Number(fields[12])) * 10;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.split(' ').filter((id) => id !== '')) total += (await treeCpuMs(Number(child))) ?? 0;
  return total;
}

/**
 * How long servers are left alone before a block is measured, at least: ptrack-bot's compaction
 * waits a second for a pause in the commits before it starts (DEFAULT_COMPACTION.quietMs), and
 * its Slack Home redraws and confirmations follow a change by up to a second.
 */
export const SETTLE_MS = DEFAULT_COMPACTION.quietMs + 250;

/**
 * Waits until the servers have been left alone for `atLeastMs` and then used no more than a
 * tick of CPU (theirs and their child processes') over a quarter of a second, or `maxMs` has
 * passed: what one server does after its requests were answered (a compaction, follow-up calls)
 * is not counted against the next one measured. Where there is no /proc, only `atLeastMs`.
 */
export async function settle(servers: readonly StartedServer[], atLeastMs = SETTLE_MS, maxMs = 30_000): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const deadline = Date.now() + maxMs;
  await sleep(atLeastMs);
  const used = async () => {
    let total = 0;
    for (const server of servers) {
      const cpu = await treeCpuMs(server.pid);
      if (cpu === undefined) return undefined;
      total += cpu;
    }
    return total;
  };
  let before = await used();
  while (before !== undefined && Date.now() < deadline) {
    await sleep(250);
    const after = await used();
    if (after === undefined || after - before <= 10) return;
    before = after;
  }
}

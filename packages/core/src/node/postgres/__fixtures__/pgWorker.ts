import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureCoreBuilt } from '../../__fixtures__/builtCore.js';

const worker = fileURLToPath(new URL('./pgWorker.mjs', import.meta.url));

/** Runs pgWorker.mjs in a child process (building core's dist/ first if stale); resolves with its stdout. */
export async function runPgWorker(...args: string[]): Promise<string> {
  ensureCoreBuilt();
  const { stdout } = await promisify(execFile)(process.execPath, [worker, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Marks the line of a worker's output that holds its result. */
export const RESULT_PREFIX = 'RESULT ';

const workerPath = fileURLToPath(new URL('../worker.js', import.meta.url));

/**
 * Runs one task of worker.js in a fresh Node process (with `gc()` exposed, so samples start
 * from a collected heap) and returns its result; rejects with the worker's stderr if it fails.
 */
export function runWorker<T>(task: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', workerPath, task, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench worker "${task}" failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The newest modification time of the non-test TypeScript sources of core. */
function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * Makes sure core's dist/ matches its source, for tests that run the store in child processes
 * (which load dist/, as the bot and CLI do). `turbo run test` builds first, so this is a no-op
 * there; it rebuilds only when a developer runs vitest directly after editing.
 * Returns the path of dist/node/fileStore.js.
 */
export function ensureCoreBuilt(): string {
  const built = join(packageRoot, 'dist', 'node', 'fileStore.js');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  if (builtAt < newestSource(join(packageRoot, 'src'))) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(packageRoot, 'tsconfig.build.json')], { cwd: packageRoot, stdio: 'inherit' });
  }
  return relative(packageRoot, built);
}

/** The path of the worker script that commits from a second process. */
export const commitWorker = fileURLToPath(new URL('./commitWorker.mjs', import.meta.url));

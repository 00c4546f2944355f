import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built bin of a sibling package (`packages/<name>/dist/bin.js`), or undefined when it is not built. */
export function builtBin(name: 'cli' | 'bot'): string | undefined {
  const path = fileURLToPath(new URL(`../../../${name}/dist/bin.js`, import.meta.url));
  return existsSync(path) ? path : undefined;
}

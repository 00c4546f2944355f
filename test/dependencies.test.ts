import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(join(root, 'packages'));

/** Every source file of a package (its src and scripts), as text. */
function sources(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:ts|mts|mjs|js)$/.test(entry.name)) found.push(readFileSync(path, 'utf8'));
    }
  };
  for (const sub of ['src', 'scripts']) {
    try {
      walk(join(folder, sub));
    } catch {
      // A package need not have scripts.
    }
  }
  return found;
}

describe('dependencies (issue 17: no dead weight)', () => {
  it.each(packages)('every runtime dependency of %s is imported by its code', (name) => {
    const folder = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const code = sources(folder).join('\n');
    const unused = Object.keys(manifest.dependencies ?? {}).filter((dependency) => {
      const quoted = dependency.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return !new RegExp(`(?:from\\s+|import\\(\\s*|require\\(\\s*)['"]${quoted}(?:/[^'"]*)?['"]`).test(code);
    });
    expect(unused).toEqual([]);
  });
});

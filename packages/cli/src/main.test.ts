import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_TABLES } from './commands/exportCommand.js';
import { DIGEST_FORMATS as digestFormats } from './digest/index.js';
import { EXPORT_FORMATS } from './export/index.js';
import { exitCodeFor } from './exitCodes.js';
import { fakeIo, removeFakeIoFolders } from './__fixtures__/fakeIo.js';
import { run } from './main.js';
import { DIGEST_FORMATS, EXPORT_TABLE_NAMES, FORMATS } from './program.js';

afterEach(removeFakeIoFolders);

describe('run', () => {
  it('asks for the name and area at a terminal when init is not given them', async () => {
    const { io, cwd, asked } = fakeIo(['Test Safeguarding Children Partnership', 'Testshire']);
    expect(await run(['init'], io)).toBe(0);
    expect(asked).toEqual(['Name of the partnership (e.g. Croydon Safeguarding Children Partnership): ', 'Area it covers (e.g. London Borough of Croydon): ']);
    expect(JSON.parse(readFileSync(join(cwd, 'partnership.json'), 'utf8')).partnership).toMatchObject({ name: 'Test Safeguarding Children Partnership', area: 'Testshire' });
  });

  it('asks nothing, and fails as a usage error, when nobody is at a terminal', async () => {
    const { io, err } = fakeIo();
    expect(await run(['init', '--name', 'Only a name'], io)).toBe(2);
    expect(err.join('')).toMatch(/^Give the partnership a --name and an --area/);
  });

  it('refuses --example together with --name', async () => {
    const { io, err } = fakeIo();
    expect(await run(['init', '--example', '--name', 'X'], io)).toBe(2);
    expect(err.join('')).toBe('--example writes the example partnership as it is; leave out --name and --area.\n');
  });

  it('refuses to write xlsx to a terminal', async () => {
    const { io, err } = fakeIo();
    await run(['init', '--example'], io);
    const terminal = { ...io, stdoutIsTerminal: true };
    expect(await run(['export', 'income', '--year', '2024/25', '--format', 'xlsx'], terminal)).toBe(2);
    expect(err.join('')).toMatch(/An xlsx file cannot be shown in a terminal/);
  });
});

describe('the lists the program keeps so that start-up loads no command module', () => {
  it('match the modules they stand for', () => {
    expect([...EXPORT_TABLE_NAMES].sort()).toEqual([...EXPORT_TABLES].sort());
    expect([...FORMATS]).toEqual([...EXPORT_FORMATS]);
    expect([...DIGEST_FORMATS]).toEqual([...digestFormats]);
  });
});

describe('exit codes for what the store reports', () => {
  it.each([
    ['store.locked', 1],
    ['store.lock_lost', 1],
    ['store.write_failed', 1],
    ['store.write_uncertain', 3],
    ['usage.unknown_person', 2],
  ])('%s exits %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_TABLES } from './commands/exportCommand.js';
import { DIGEST_FORMATS as digestFormats } from './digest/index.js';
import { EXPORT_FORMATS } from './export/index.js';
import type { Io } from './io.js';
import { exitCodeFor } from './exitCodes.js';
import { run } from './main.js';
import { DIGEST_FORMATS, EXPORT_TABLE_NAMES, FORMATS } from './program.js';

const folders: string[] = [];

/** An Io that records what ptrack prints and answers its questions from a list. */
function fakeIo(answers: string[] = [], interactive = answers.length > 0) {
  const cwd = mkdtempSync(join(tmpdir(), 'ptrack-main-'));
  folders.push(cwd);
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const io: Io = {
    stdout: (chunk) => out.push(String(chunk)),
    stderr: (text) => err.push(text),
    stdoutIsTerminal: false,
    env: {},
    cwd,
    now: () => new Date('2026-11-23T12:00:00Z'),
    ...(interactive ? { ask: async (question: string) => (asked.push(question), answers.shift() ?? '') } : {}),
  };
  return { io, cwd, out, err, asked };
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

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

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_TABLES } from './commands/exportCommand.js';
import { DIGEST_FORMATS as digestFormats } from './digest/index.js';
import { EXPORT_FORMATS } from './export/index.js';
import { exitCodeFor } from './exitCodes.js';
import { fakeIo, removeFakeIoFolders } from './__fixtures__/fakeIo.js';
import { run } from './main.js';
import { REPORT_FORMATS as reportFormats } from '@partnership-tracker/core/node';
import { DIGEST_FORMATS, EXPORT_TABLE_NAMES, FORMATS, REPORT_FORMATS } from './program.js';

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
    expect([...REPORT_FORMATS].sort()).toEqual([...reportFormats].sort());
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

describe('removals through the command line (issue 11, item 4)', () => {
  it('removes an income line and a mistaken meeting, corrects a membership and erases a person, on the data file', async () => {
    const { io, text, err, cwd } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['income', 'remove', 'Croydon ICB', '--year', '2024/25'], io)).toBe(0);
    expect(await run(['spending', 'remove', 'TASP membership', '--year', '2024-25'], io)).toBe(0);
    expect(await run(['meeting', 'remove', 'review-group-2024-09-10'], io)).toBe(1);
    expect(err.join('')).toMatch(/\(add --with-register\)/);
    expect(await run(['membership', 'correct', '--subgroup', 'QAG', '--agency', 'Probation Service'], io)).toBe(2);
    expect(err.join('')).toMatch(/Say what to correct: --joined DATE, --left DATE or --still-member\./);
    expect(await run(['membership', 'end', '--subgroup', 'QAG', '--agency', 'Probation Service', '--on', '31/03/2026'], io)).toBe(0);
    expect(await run(['person', 'erase', 'named.nurse@chs.example'], io)).toBe(0);
    const db = JSON.parse(readFileSync(join(cwd, 'partnership.json'), 'utf8')) as {
      contributions: Array<{ id: string }>;
      people: Array<{ email: string; name: string }>;
      subgroups: Array<{ id: string; members: Array<{ agencyId: string; left: string | null }> }>;
    };
    expect(db.contributions.some((c) => c.id === 'income-2024-25-icb')).toBe(false);
    expect(db.people.some((p) => p.email === 'named.nurse@chs.example')).toBe(false);
    expect(db.subgroups.find((s) => s.id === 'quality-assurance-group')?.members.find((m) => m.agencyId === 'national-probation-service')?.left).toBe('2026-03-31');
    expect(text()).toContain('Erased the person with that email: they are now "Erased person 1"');
    // Nothing on disk names her any more: not the records, not the audit kept before the erasure.
    for (const name of readdirSync(cwd).filter((file) => file.startsWith('partnership.json'))) {
      expect(readFileSync(join(cwd, name), 'utf8')).not.toMatch(/named\.nurse@chs\.example|chs-named-nurse/i);
    }
  });
});

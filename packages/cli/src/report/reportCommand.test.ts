import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack report', () => {
  it('writes the example partnership’s 2024/25 report and says what is still missing', async () => {
    const { io, cwd, err } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['report', '--year', '2024/25', '--format', 'md', '--out', 'report.md'], io)).toBe(0);
    const text = readFileSync(join(cwd, 'report.md'), 'utf8');
    expect(text).toMatch(/^# Croydon Safeguarding Children Partnership: annual report 2024\/25\n/);
    expect(text).toContain('86% of CSCP Business Plan 2024/25 was delivered at 31/03/2025');
    expect(err.join('')).toContain(
      "Still missing (3): area-profile.md; voice-of-children.md; scrutineer.md.\n",
    );
  });

  it('takes the narrative sections from --narrative, as text', async () => {
    const { io, cwd, err } = fakeIo();
    await run(['init', '--example'], io);
    mkdirSync(join(cwd, 'words'));
    writeFileSync(join(cwd, 'words', 'scrutineer.md'), '# A good year\n\nThe partners **challenged** each other.\n');
    writeFileSync(join(cwd, 'words', 'photo.jpg'), 'not read');
    expect(await run(['report', '--year', '2024/25', '--format', 'html', '--narrative', 'words', '--out', 'report.html'], io)).toBe(0);
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    expect(html).toContain('<h3>A good year</h3>\n<p>The partners <strong>challenged</strong> each other.</p>');
    expect(err.join('')).toContain('Still missing (2): area-profile.md; voice-of-children.md.');
  });

  it('refuses a narrative file that is no section of the report, and writes nothing', async () => {
    const { io, cwd, err } = fakeIo();
    await run(['init', '--example'], io);
    mkdirSync(join(cwd, 'words'));
    writeFileSync(join(cwd, 'words', 'scrutiny.md'), 'Typo in the name.');
    expect(await run(['report', '--year', '2024/25', '--narrative', 'words', '--out', 'report.html'], io)).toBe(1);
    expect(err.join('')).toContain('--narrative words: scrutiny.md is not a narrative section of the report; name the files area-profile.md, voice-of-children.md, scrutineer.md. Nothing was written.');
    expect(existsSync(join(cwd, 'report.html'))).toBe(false);
  });

  it('writes a Word file with --format docx, and will not print one to a terminal', async () => {
    const { io, cwd, err } = fakeIo();
    await run(['init', '--example'], io);
    expect(await run(['report', '--year', '2024/25', '--format', 'docx', '--out', 'report.docx'], io)).toBe(0);
    expect(readFileSync(join(cwd, 'report.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await run(['report', '--year', '2024/25', '--format', 'docx'], { ...io, stdoutIsTerminal: true })).toBe(2);
    expect(err.join('')).toContain('A Word file cannot be shown in a terminal: add --out FILE.docx');
  });

  it('refuses a missing folder and a year that is not one', async () => {
    const { io, err } = fakeIo();
    await run(['init', '--example'], io);
    expect(await run(['report', '--year', '2024/25', '--narrative', 'nowhere'], io)).toBe(1);
    expect(err.join('')).toContain('--narrative nowhere: no such folder');
    expect(await run(['report', '--year', '2024/25 Q3'], io)).toBe(2);
  });
});

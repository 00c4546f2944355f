import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDataFileOrCompanion } from './companionFiles.js';

describe('isDataFileOrCompanion', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ptrack-companions-'));
  const data = join(folder, 'partnership.json');
  writeFileSync(data, '{}');

  it.each([
    ['the data file', 'partnership.json'],
    ['its change log', 'partnership.json.log'],
    ['its lock', 'partnership.json.lock'],
    ['a temp file being written beside it', '.partnership.json.1234.abcdef.tmp'],
  ])('is true of %s', (_, name) => {
    expect(isDataFileOrCompanion(data, join(folder, name))).toBe(true);
  });

  it.each([
    ['an export beside it', 'engagement.csv'],
    ['another data file', 'other.json'],
    ['a file in another folder with the same name', join('elsewhere', 'partnership.json')],
  ])('is false of %s', (_, name) => {
    expect(isDataFileOrCompanion(data, join(folder, name))).toBe(false);
  });

  it('sees through a symlink to the data file, and a relative path', () => {
    const link = join(folder, 'link.json');
    symlinkSync(data, link);
    expect(isDataFileOrCompanion(link, data)).toBe(true);
    expect(isDataFileOrCompanion(data, link)).toBe(true);
    expect(isDataFileOrCompanion(data, join(folder, '.', '..', folder.split('/').at(-1)!, 'partnership.json.log'))).toBe(true);
  });
});

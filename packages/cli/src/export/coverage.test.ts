import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack export engagement --measure (issue 17: seat coverage shown, not only computed)', () => {
  it('writes the seat coverage table beside the engagement table with --measure both', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['export', 'engagement', '--year', '2024/25', '--measure', 'both', '--format', 'md'], io)).toBe(0);
    const markdown = text();
    expect(markdown.indexOf('Engagement 2024/25')).toBeGreaterThanOrEqual(0);
    expect(markdown.indexOf('Seat coverage 2024/25')).toBeGreaterThan(markdown.indexOf('Engagement 2024/25'));
    expect(markdown).toContain('Seat coverage = seats filled ÷ seats expected');
  });

  it('writes only seat coverage, never over 100%, with --measure coverage', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'engagement', '--year', '2024/25', '--measure', 'coverage', '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(text().slice(before)) as { title: string; tables: Array<{ rows: Array<Record<string, unknown>> }> };
    expect(report.title).toBe('Seat coverage 2024/25');
    const figures = report.tables[0]!.rows.flatMap((row) => Object.values(row).filter((value): value is number => typeof value === 'number'));
    expect(figures.length).toBeGreaterThan(0);
    expect(Math.max(...figures)).toBeLessThanOrEqual(100);
  });

  it('refuses --measure for a table that has no such measure, as a usage error', async () => {
    const { io, err } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['export', 'income', '--year', '2024/25', '--measure', 'coverage'], io)).toBe(2);
    expect(err.join('')).toContain('--measure works with export engagement, not export income');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack export reviews (issue 14)', () => {
  it("writes the example's 2024/25 register with the counts its annual report prints", async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'reviews', '--year', '2024/25', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('2024/25: 3 cases of concern, 4 learning briefings published.');
    expect(markdown).toMatch(/\| Baby Eva \|.*\| All recommendations completed \|/);
    expect(markdown).toContain('| Information sharing | 1 | 0 | 1 | 2 |');
  });

  it.each(['csv', 'xlsx', 'html', 'json'])('writes it as %s', async (format) => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'reviews', '--format', format], io)).toBe(0);
    expect(text().length).toBeGreaterThan(before);
  });
});

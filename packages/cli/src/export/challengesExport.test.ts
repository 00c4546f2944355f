import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack export challenges (issue 14)', () => {
  it("writes the example's 2024/25 log with the Impact of Executive Actions its annual report prints", async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'challenges', '--year', '2024/25', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('## Impact of Executive Actions 2024/25');
    expect(markdown).toMatch(/\| Youth Support Map \| An eye-catching poster, which has been promoted in the custody suite as well as GP surgeries, intended to influence young people at a reachable, teachable moment\. \|/);
    expect(markdown).toMatch(/\| Stage 3 \| 1 \| 0 \| 1 \| 0 \| 0 \| 2 \|/);
    expect(markdown).toContain('7 challenges under way in 2024/25: 7 raised and 6 closed in it.');
  });

  it.each(['csv', 'xlsx', 'html', 'json'])('writes it as %s', async (format) => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'challenges', '--year', '2024/25', '--format', format], io)).toBe(0);
    expect(text().length).toBeGreaterThan(before);
  });
});

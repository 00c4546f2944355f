import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack export inspections (issue 14)', () => {
  it("writes the example's 2016 JTAI with its statement of action and the progress against it", async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'inspections', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toMatch(/\| JTAI: child sexual exploitation and children missing from home, care or education \| Joint targeted area inspection \(JTAI\) \| Ofsted, CQC, HMICFRS, HMI Probation \| 06\/06\/2016 \| 10\/06\/2016 \| 29\/06\/2016 \| 06\/10\/2016 \| 06\/10\/2016 \| Submitted on time \| 4 of 4 completed \| 0 \|/);
    expect(markdown).toContain('| Information sharing | Health professionals are not consistently part of strategy discussions about children at risk of exploitation. |');
  });

  it.each(['csv', 'xlsx', 'html', 'json'])('writes it as %s', async (format) => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'inspections', '--format', format], io)).toBe(0);
    expect(text().length).toBeGreaterThan(before);
  });
});

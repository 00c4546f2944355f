import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('ptrack export audits (issue 14)', () => {
  it("writes the example's 2024/25 programme with the Impact of Audits its annual report prints", async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'audits', '--year', '2024/25', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('2024/25: 5 audits planned, 5 completed; target of 3 multi-agency audits or JTAI preparation audits a year met (5 completed).');
    expect(markdown).toMatch(/\| JTAI preparation: serious youth violence \| April 2024 \| Evidence of engagement by key partners was strong where risk was high\/complex, particularly Police\/CSC\. \|/);
    expect(markdown).toContain('| Target: 3 multi-agency audits or JTAI preparation audits a year | 3 | 5 | 5 | 0 | Yes |');
    expect(markdown).toMatch(/## Audits planned for 2025\/26[\s\S]*\| Follow-up audit: resources for children under 7 at risk of domestic abuse \| Multi-agency audit \| January 2026 \|/);
  });

  it.each(['csv', 'xlsx', 'html', 'json'])('writes it as %s', async (format) => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'audits', '--format', format], io)).toBe(0);
    expect(text().length).toBeGreaterThan(before);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';
import { operatingSystemUser } from './actor.js';

afterEach(removeFakeIoFolders);

interface DataFile {
  audit: Array<{ by: string; at: string; command: string }>;
  people: Array<{ id: string; email: string }>;
  actions: Array<{ ref: string; ownerId: string | null; history: Array<{ at: string }> }>;
}

/** The example partnership in a fresh folder, with `PTRACK_NOW` (and the clock it sets) as given. */
async function example(ptrackNow?: string) {
  const session = fakeIo([], false, ptrackNow === undefined ? {} : { env: { PTRACK_NOW: ptrackNow }, now: () => new Date(ptrackNow) });
  expect(await run(['init', '--example'], { ...session.io, env: {} })).toBe(0);
  const read = () => JSON.parse(readFileSync(join(session.cwd, 'partnership.json'), 'utf8')) as DataFile;
  return { ...session, read };
}

describe("ptrack's identity in the audit", () => {
  it('records the operating-system user when no --as is given', async () => {
    const { io, read } = await example();
    expect(await run(['action', 'update', 'B-10', '--note', 'Checked with the lead'], io)).toBe(0);
    expect(read().audit.at(-1)).toMatchObject({ command: 'action.update', by: `system:ptrack:${operatingSystemUser()}` });
  });

  it('records the person --as names, under their permissions', async () => {
    const { io, read } = await example();
    const db = read();
    const owner = db.people.find((p) => p.id === db.actions.find((a) => a.ref === 'B-10')!.ownerId)!;
    expect(await run(['action', 'update', 'B-10', '--progress', '70', '--as', owner.email], io)).toBe(0);
    expect(read().audit.at(-1)).toMatchObject({ by: owner.id });
  });

  it('refuses an --as that names nobody in the register, as a usage error, writing nothing', async () => {
    const { io, err, read } = await example();
    const before = read().audit.length;
    expect(await run(['action', 'update', 'B-10', '--progress', '70', '--as', 'boss@example.org'], io)).toBe(2);
    expect(err.join('')).toMatch(/^--as boss@example\.org: no person in .* has that email address; --as names a person in the register/);
    expect(read().audit).toHaveLength(before);
  });

  it('refuses an --as that names someone who has left', async () => {
    const { io, err, read } = await example();
    const db = read();
    const owner = db.people.find((p) => p.id === db.actions.find((a) => a.ref === 'B-10')!.ownerId)!;
    expect(await run(['person', 'leave', owner.email, '--on', '2026-11-20'], io)).toBe(0);
    expect(await run(['action', 'update', 'B-10', '--progress', '70', '--as', owner.email], io)).toBe(2);
    expect(err.join('')).toContain('has left the partnership, so cannot make changes');
  });
});

describe('PTRACK_NOW, which reproduces reports and never back-dates a change', () => {
  it('is a usage error when it is not an instant, not an internal error', async () => {
    const { io, err } = fakeIo([], false, { env: { PTRACK_NOW: 'yesterday' } });
    expect(await run(['export', 'actions'], io)).toBe(2);
    expect(err.join('')).toBe('PTRACK_NOW="yesterday" is not an instant; write it like 2025-09-20T09:00:00Z, or unset it to use the clock.\n');
  });

  it('refuses a change dated before the last recorded one, writing nothing', async () => {
    const { io, err, read } = await example('2019-06-01T09:00:00Z');
    const before = readFileSync(join(io.cwd, 'partnership.json'));
    expect(await run(['action', 'update', 'B-10', '--progress', '70'], io)).toBe(2);
    expect(err.join('')).toMatch(/^PTRACK_NOW=2019-06-01T09:00:00Z is before the last recorded change \(2026-.*\); a change cannot be dated before it\./);
    expect(readFileSync(join(io.cwd, 'partnership.json')).equals(before)).toBe(true);
    expect(read().actions.find((a) => a.ref === 'B-10')!.history.every((entry) => entry.at >= '2019-06-02')).toBe(true);
  });

  it('refuses a change dated after the machine’s clock', async () => {
    const { io, err } = await example('2030-01-01T09:00:00Z');
    expect(await run(['action', 'update', 'B-10', '--progress', '70'], io)).toBe(2);
    expect(err.join('')).toMatch(/is later than this machine's clock/);
  });

  it('dates a change by it when it falls after the last change and before the clock', async () => {
    const { io, read } = await example('2026-11-20T09:00:00Z');
    expect(await run(['action', 'update', 'B-10', '--progress', '70'], io)).toBe(0);
    expect(read().audit.at(-1)!.at).toBe('2026-11-20T09:00:00Z');
  });

  it('still reproduces a report as of an earlier day', async () => {
    const { io, text } = await example('2025-04-01T09:00:00Z');
    expect(await run(['export', 'actions'], io)).toBe(0);
    expect(text()).toContain('Ref,Plan');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database, pendingMessages } from '@partnership-tracker/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

/** The example partnership in a fresh folder, on Monday 23 November 2026 at noon. */
async function example() {
  const session = fakeIo();
  expect(await run(['init', '--example'], session.io)).toBe(0);
  const read = () => Database.parse(JSON.parse(readFileSync(join(session.cwd, 'partnership.json'), 'utf8')));
  return { ...session, read };
}

const contribution = ['--return', 'Annual report 2024/25 contribution', '--agency', 'Probation Service'];

describe('ptrack returns chase', () => {
  it("queues a chase to the agency's contact, which the bot's outbox sends once, and remind lists", async () => {
    const { io, text, read } = await example();
    expect(await run(['returns', 'chase', ...contribution], io)).toBe(0);
    expect(text()).toContain("Queued a chase to Senior Probation Officer, Croydon Probation Delivery Unit (spo.croydon@probation.example) for National Probation Service's Annual report 2024/25 contribution: the bot sends it once, at its next tick.");
    const db = read();
    expect(db.audit.at(-1)).toMatchObject({ command: 'returnResponse.chase', entityId: 'annual-report-2024-25:national-probation-service' });
    const due = pendingMessages(db, '2026-11-23T12:05:00Z').filter((m) => m.kind === 'return-chase');
    expect(due.map((m) => [m.key, m.target])).toEqual([
      ['return-chase:by-hand:annual-report-2024-25:national-probation-service:2026-11-23T12:00:00Z', { kind: 'person', personId: 'probation-senior-officer' }],
    ]);
    const before = text().length;
    expect(await run(['remind', '--dry-run'], io)).toBe(0);
    expect(text().slice(before)).toContain('- 12:00 to Senior Probation Officer, Croydon Probation Delivery Unit <spo.croydon@probation.example> [return-chase]\n    The business team asks after National Probation Service\'s “Annual report 2024/25 contribution”');
  });

  it('refuses to chase what came in whole, or on behalf of someone outside the business team', async () => {
    const { io, err, read } = await example();
    const revision = read().revision;
    expect(await run(['returns', 'chase', '--return', 'Multi-agency dataset 2024/25 Q3', '--agency', 'Metropolitan Police'], io)).not.toBe(0);
    expect(await run(['returns', 'chase', ...contribution, '--as', 'spo.croydon@probation.example'], io)).not.toBe(0);
    expect(await run(['returns', 'chase', '--return', 'Dataset 2030/31', '--agency', 'Housing'], io)).not.toBe(0);
    expect(err.join('')).toContain("Multi-agency dataset 2024/25 Q3: Metropolitan Police's return came on 2025-02-12; there is nothing to chase.");
    expect(err.join('')).toContain('Only the business team can change this.');
    expect(err.join('')).toContain('--return Dataset 2030/31: there is no such return');
    expect(read().revision).toBe(revision);
  });
});

describe('ptrack returns snooze', () => {
  it("lets the agency's contact pause their chases, and the business team turn them back on", async () => {
    const { io, read } = await example();
    expect(await run(['returns', 'snooze', ...contribution, '--until', '15/12/2026', '--as', 'spo.croydon@probation.example'], io)).toBe(0);
    expect(read().returnResponses.find((r) => r.id === 'annual-report-2024-25:national-probation-service')).toMatchObject({ state: 'not-received', snoozedUntil: '2026-12-15' });
    expect(await run(['returns', 'snooze', ...contribution, '--off'], io)).toBe(0);
    expect(read().returnResponses.find((r) => r.id === 'annual-report-2024-25:national-probation-service')?.snoozedUntil).toBeNull();
    expect(await run(['returns', 'snooze', ...contribution], io)).toBe(2);
  });
});

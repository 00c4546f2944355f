import { unwrap, type MemoryStore } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureStore, NOW } from '../__fixtures__/partnership.js';
import type { Reply } from './reply.js';
import { Reports } from './reports.js';

const system = (at: string) => ({ actor: { kind: 'system' as const, name: 'test' }, at });

/** Every TextBlock and fact of a reply's card, in order. */
function cardTexts(reply: Reply): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(reply.card);
  return texts;
}

let store: MemoryStore;
let now: Date;
let reports: Reports;

beforeEach(async () => {
  store = await fixtureStore();
  now = NOW;
  reports = new Reports({ clock: { now: () => now }, linkToDigest: (slug) => `http://bot.example/digest/${slug}.html` });
});

describe('reports asked for again', () => {
  it('show a change committed since they were first asked for', async () => {
    const before = await store.read();
    const first = cardTexts(reports.digest(before, '2024/25 Q4'));
    const funding = JSON.stringify(reports.funding(before, '2024/25').card);
    expect(funding).toContain('Example Police');
    expect(first).toContain('Funding 2024/25: £80,000 received and £20,000 pledged; income £100,000 against spending of £80,000.');
    unwrap(await store.commit([{ type: 'contribution.upsert', contribution: { id: 'c-police', financialYear: '2024/25', agencyId: 'police', amountPence: 2_000_000, state: 'received' } }], system('2025-06-10T09:00:00Z')));
    const db = await store.read();
    expect(cardTexts(reports.digest(db, '2024/25 Q4'))[4]).toMatchInlineSnapshot(`"Funding 2024/25: £100,000 received and £0 pledged; income £100,000 against spending of £80,000."`);
    expect(JSON.stringify(reports.funding(db, '2024/25').card)).not.toEqual(funding);
  });

  it('give each quarter its own digest', async () => {
    const db = await store.read();
    const q4 = reports.digest(db, '2024/25 Q4');
    const q3 = reports.digest(db, '2024/25 Q3');
    expect(q3.text).toBe('The quarterly digest for 2024/25 Q3. The full digest: http://bot.example/digest/2024-25-Q3.html');
    expect(cardTexts(q3)[0]).toBe('Quarterly digest 2024/25 Q3');
    expect(reports.digest(db, '2024/25 Q4')).toEqual(q4);
  });

  it('say the day they were prepared, not the day first asked for', async () => {
    const db = await store.read();
    expect(cardTexts(reports.digest(db, '2024/25 Q4'))[1]).toBe('Example SCP · Business plan 2024/25 · prepared 10/06/2025');
    now = new Date('2025-06-11T09:00:00Z');
    expect(cardTexts(reports.digest(db, '2024/25 Q4'))[1]).toBe('Example SCP · Business plan 2024/25 · prepared 11/06/2025');
    expect(reports.digestPage(db, '2024-25-Q4').html).toContain('prepared 11/06/2025');
  });

  it('give engagement for the group and period asked, each its own table', async () => {
    const db = await store.read();
    const all = reports.engagement(db, '2024/25');
    const qag = reports.engagement(db, 'QAG 2024/25');
    expect(all.text).toBe('Engagement 2024/25.');
    expect(qag.text).toBe('Engagement 2024/25 at Quality Assurance Group.');
    expect(reports.engagement(db, '2024/25')).toEqual(all);
    unwrap(await store.commit([{ type: 'attendance.record', meetingId: 'qag-2025-02-11', entries: [{ personId: 'police-lead', status: 'present' }] }], system('2025-06-10T09:00:00Z')));
    expect(cardTexts(reports.engagement(await store.read(), 'QAG 2024/25'))).not.toEqual(cardTexts(qag));
  });
});

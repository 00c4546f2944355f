import { examplePartnership, unwrap, type MemoryStore } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureStore, largePartnershipStore, NOW } from '../../__fixtures__/partnership.js';
import { cardErrors } from '../../__fixtures__/validateCard.js';
import type { Reply } from '../../app/reply.js';
import { Reports } from '../../app/reports.js';
import { MESSAGE_BUDGET, replySize } from './messageBudget.js';
import { teamsMessageOf } from './teamsMessage.js';

/** A reply's Adaptive Card as Teams gets it. */
const cardOf = (reply: Reply): Record<string, unknown> | undefined => teamsMessageOf(reply).card;
/** A reply's size in a Teams message. */
const sizeOf = (reply: Reply): number => replySize(teamsMessageOf(reply));

const system = (at: string) => ({ actor: { kind: 'system' as const, name: 'test' }, at });

/** Every TextBlock and fact of a reply's card, in order. */
function cardTexts(reply: Reply): string[] {
  return textsIn(cardOf(reply));
}

/** Every TextBlock in a piece of card JSON, in order. */
function textsIn(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
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
    const funding = JSON.stringify(cardOf(reports.funding(before, '2024/25')));
    expect(funding).toContain('Example Police');
    expect(first).toContain('Funding 2024/25: £80,000 received and £20,000 pledged; income £100,000 against spending of £80,000.');
    unwrap(await store.commit([{ type: 'contribution.upsert', contribution: { id: 'c-police', financialYear: '2024/25', agencyId: 'police', amountPence: 2_000_000, state: 'received' } }], system('2025-06-10T09:00:00Z')));
    const db = await store.read();
    expect(cardTexts(reports.digest(db, '2024/25 Q4'))[4]).toMatchInlineSnapshot(`"Funding 2024/25: £100,000 received and £0 pledged; income £100,000 against spending of £80,000."`);
    expect(JSON.stringify(cardOf(reports.funding(db, '2024/25')))).not.toEqual(funding);
  });

  it('show equal contributions with equal shares, and say how the funding card rounded them', async () => {
    const equal = (agencyId: string) => ({ type: 'contribution.upsert' as const, contribution: { id: `c-${agencyId}`, financialYear: '2024/25', agencyId, amountPence: 3_000_000, state: 'received' as const } });
    unwrap(await store.commit([equal('council'), equal('icb'), equal('police')], system('2025-06-10T09:00:00Z')));
    const reply = reports.funding(await store.read(), '2024/25');
    // Income, by statutory partner and the three partners' split: three lines of £30,000 each.
    expect(tableRows(reply).filter((row) => row[1] === '£30,000').map((row) => row[2])).toEqual(Array(9).fill('33.33%'));
    expect(cardTexts(reply).filter((t) => t.startsWith('Equal amounts'))).toEqual(
      Array(3).fill('Equal amounts show equal shares, so each share is rounded to the nearest 0.01% and they add up to 99.99%.'),
    );
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

/** The rows of a card's tables, each as its cells' texts, table after table. */
function tableRows(reply: Reply): string[][] {
  const rows: string[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === 'TableRow') rows.push(textsIn(record));
      else Object.values(record).forEach(walk);
    }
  };
  walk(cardOf(reply));
  return rows;
}

describe('reports for a large partnership', () => {
  // 60 agencies in 12 groups: the agency-by-group table alone is over Teams' message limit.
  it('fit the digest in one Teams message, by group, naming who is below the threshold and linking to the rest', async () => {
    const db = await (await largePartnershipStore({ agencies: 60, groups: 12, overdue: 5 })).read();
    const reply = reports.digest(db, '2024/25 Q4');
    expect(sizeOf(reply)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardErrors(cardOf(reply))).toEqual([]);
    const rows = tableRows(reply);
    expect(rows).toContainEqual(['Group', 'Agencies', 'Meetings held / planned', 'Below 50%']);
    expect(rows).toContainEqual(['Largeton Group 12', '60', '1 / 1', '20']);
    expect(rows.filter((r) => r[0]?.startsWith('Largeton Partner Organisation'))).toEqual([]);
    const texts = cardTexts(reply);
    expect(texts).toContain('By group; the full digest has each agency.');
    expect(texts.find((t) => t.startsWith('Below 50%:'))).toContain('Largeton Partner Organisation 60 at Largeton Group 1 (0%)');
    expect(rows.filter((r) => r[0]?.startsWith('L-'))).toHaveLength(5);
    expect(cardOf(reply)).toMatchObject({ actions: [{ type: 'Action.OpenUrl', url: 'http://bot.example/digest/2024-25-Q4.html' }] });
  });

  it('cut long lists of the digest to their first ten and count the rest', async () => {
    const db = await (await largePartnershipStore({ agencies: 60, groups: 12, overdue: 150 })).read();
    const reply = reports.digest(db, '2024/25 Q4');
    expect(sizeOf(reply)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(tableRows(reply).filter((r) => r[0]?.startsWith('L-'))).toHaveLength(10);
    expect(cardTexts(reply)).toContain('…and 140 more overdue in the full digest.');
    expect(cardTexts(reply)).toContain('…and 230 more in the full digest.');
  });

  it('answer engagement for every group with a row per group, and one group with its whole table', async () => {
    const db = await (await largePartnershipStore({ agencies: 60, groups: 12, overdue: 0 })).read();
    const all = reports.engagement(db, '2024/25');
    expect(sizeOf(all)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardErrors(cardOf(all))).toEqual([]);
    expect(cardTexts(all)[1]).toBe(
      '60 agencies in 12 groups are more than one Teams message holds. Ask for one group to see its table, e.g. "engagement G1 2024/25"; the business team\'s engagement export has them all.',
    );
    expect(tableRows(all)).toContainEqual(['Largeton Group 3', '60', '1 / 1', '20']);
    const one = reports.engagement(db, 'G3 2024/25');
    expect(sizeOf(one)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(tableRows(one)).toContainEqual(['Largeton Partner Organisation 3', '⚠ 0%']);
    expect(tableRows(one)).toContainEqual(['Largeton Partner Organisation 4', '100%']);
  });

  it("give only the digest's opening sentences and its link when even a row per group is too much", async () => {
    const db = await (await largePartnershipStore({ agencies: 10, groups: 200, overdue: 3 })).read();
    const reply = reports.digest(db, '2024/25 Q4');
    expect(sizeOf(reply)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardTexts(reply).slice(0, 2)).toEqual(['Quarterly digest 2024/25 Q4', 'Large SCP · Business plan 2024/25 · prepared 10/06/2025']);
    expect(cardTexts(reply).at(-1)).toBe('This digest is more than one Teams message holds: its actions, engagement and meetings are in the full digest.');
    expect(tableRows(reply)).toEqual([]);
    expect(cardOf(reply)).toMatchObject({ actions: [{ type: 'Action.OpenUrl', url: 'http://bot.example/digest/2024-25-Q4.html' }] });
    const engagement = reports.engagement(db, '2024/25');
    expect(sizeOf(engagement)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardTexts(engagement).at(-1)).toMatch(/^The groups: G1, G2, G3, .*, G200\.$/);
  });

  it('keep the shares of a long funding table summing to 100%', async () => {
    const db = await (await largePartnershipStore({ agencies: 400, groups: 1, overdue: 0 })).read();
    const reply = reports.funding(db, '2024/25');
    expect(sizeOf(reply)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    const income = tableRows(reply).slice(1, 12);
    expect(income[10]).toEqual(['390 more sources (the funding export lists them)', expect.any(String), expect.any(String)]);
    const hundredths = income.reduce((sum, row) => sum + Math.round(Number(row[2]!.replace('%', '')) * 100), 0);
    expect(hundredths).toBe(10_000);
  });
});

describe('reports for a partnership that fits', () => {
  it('show every agency in every group in the digest', async () => {
    const reply = reports.digest(await store.read(), '2024/25 Q4');
    expect(tableRows(reply)).toContainEqual(['Exampleton Council', '100%', 'n/a']);
    expect(cardTexts(reply)).not.toContain('By group; the full digest has each agency.');
  });
});

describe('the funding card (issue 11: statutory partners are organisations)', () => {
  it("shows each statutory partner organisation's share, the provider trusts as relevant agencies, and the three partners' split", () => {
    const rows = tableRows(reports.funding(examplePartnership(), '2024/25'));
    expect(rows).toContainEqual(['NHS Southwest London Integrated Care Board', '£33,850', '8.05%']);
    expect(rows).toContainEqual(['Relevant agencies', '£53,090', '12.62%']);
    expect(rows).toContainEqual(['Health (ICB)', '£33,850', '9.52%']);
    expect(rows.filter((row) => row[0] === 'Health')).toEqual([]);
  });
});

describe('the digest card', () => {
  it('lists the actions withdrawn in the quarter, when, by whom and why (they leave the delivery figure)', () => {
    const reply = reports.digest(examplePartnership(), '2024/25 Q2');
    const texts = cardTexts(reply);
    expect(texts).toContain('Withdrawn this quarter');
    expect(texts).toContain('A-51 Collect neurodivergence data through agency datasets');
    expect(texts).toContain('Withdrawn: the Dataset Meeting found it too complex; captured through audit instead (A-30).');
    expect(cardTexts(reports.digest(examplePartnership(), '2024/25 Q3'))).not.toContain('Withdrawn this quarter');
  });
});

describe('seat coverage on the digest card (issue 17)', () => {
  it('shows the year to date seat coverage beside engagement, the same figures as the full digest', async () => {
    const db = await store.read();
    const reply = reports.digest(db, '2024/25 Q4');
    expect(cardErrors(cardOf(reply))).toEqual([]);
    const texts = cardTexts(reply);
    const title = texts.indexOf('Seat coverage 2024/25 Q1–Q4');
    expect(title).toBeGreaterThan(texts.indexOf('Engagement 2024/25 Q4'));
    expect(title).toBeLessThan(texts.lastIndexOf('Meetings held / planned'));
    expect(texts[title + 1]).toMatch(/^Seat coverage = seats filled ÷ seats expected/);
    // Two ICB people came to a meeting where one seat was expected: 200% engagement, but one seat filled.
    const rows = tableRows(reply);
    const coverage = rows.slice(rows.map((r) => r[0]).lastIndexOf('Agency'));
    expect(coverage).toEqual([
      ['Agency', 'QAG', 'Review'],
      ['Exampleton Council', '100%', 'n/a'],
      ['Example ICB', '100%', '—'],
      ['Example Police', '0%', '—'],
    ]);
    // The same figures as the full digest page's seat coverage table.
    const page = reports.digestPage(db, '2024-25-Q4').html;
    const section = page.slice(page.indexOf('Seat coverage 2024/25 Q1–Q4'));
    expect(section.indexOf('Example ICB')).toBeGreaterThan(0);
    expect(section.slice(section.indexOf('Example ICB'), section.indexOf('Example Police'))).toContain('100%');
  });

  it('leaves seat coverage by agency to the full digest when the card shows engagement by group', async () => {
    const db = await (await largePartnershipStore({ agencies: 60, groups: 12, overdue: 5 })).read();
    const texts = cardTexts(reports.digest(db, '2024/25 Q4'));
    expect(texts).toContain('Seat coverage by agency is in the full digest.');
  });
});

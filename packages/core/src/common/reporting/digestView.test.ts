import { describe, expect, it } from 'vitest';
import { exampleDigest } from './__fixtures__/exampleDigest.js';
import { digestView } from './digestView.js';

const q4 = exampleDigest('2024/25 Q4');

describe('digestView', () => {
  it('opens with the delivery, the actions to chase and the money, in sentences', () => {
    expect(digestView(q4, 'Europe/London').headline).toMatchInlineSnapshot(`
      [
        "86% of CSCP Business Plan 2024/25 delivered (43 of 50 actions complete), up 18 points from 68% last quarter.",
        "11 completed this quarter; 7 overdue and 4 at risk or off track at the quarter end.",
        "Funding 2024/25: £420,603 received and £0 pledged; income £420,603 against spending of £420,603.",
        "Returns due this quarter: 7 of 9 on time, 2 late, 0 partial, 0 missing at the quarter end.",
      ]
    `);
  });

  it.each([
    ['no change', { percent: 40, previousPercent: 40, change: 0 }, '40% of CSCP Business Plan 2024/25 delivered (43 of 50 actions complete), unchanged since last quarter.'],
    ['a fall of one point', { percent: 39, previousPercent: 40, change: -1 }, '39% of CSCP Business Plan 2024/25 delivered (43 of 50 actions complete), down 1 point from 40% last quarter.'],
    ['no previous quarter', { percent: 40, previousPercent: null, change: null }, '40% of CSCP Business Plan 2024/25 delivered (43 of 50 actions complete).'],
    ['nothing counted yet', { percent: null, previousPercent: null, change: null }, 'No actions of CSCP Business Plan 2024/25 count towards delivery yet.'],
  ])('words the delivery for %s', (_case, delivery, sentence) => {
    expect(digestView({ ...q4, delivery: { ...q4.delivery, ...delivery } }, 'Europe/London').headline[0]).toBe(sentence);
  });

  it('dates the digest in the partnership time zone', () => {
    // 23:30 UTC on 31 March 2025 is 00:30 BST on 1 April.
    const late = exampleDigest('2024/25 Q4', '2025-03-31T23:30:00Z');
    expect(digestView(late, 'Europe/London').subtitle).toBe('Croydon Safeguarding Children Partnership · CSCP Business Plan 2024/25 · prepared 01/04/2025');
    expect(digestView(late, 'UTC').subtitle).toMatch(/prepared 31\/03\/2025$/);
  });

  it("charts each agency's attendances over the meetings held at all its groups, and no bar where none was held", () => {
    const view = digestView(q4, 'Europe/London');
    const row = q4.engagement.quarter.rows.find((r) => r.label === 'Independent Scrutineer')!;
    expect(Object.values(row.cells).filter((c) => c.kind === 'value')).toHaveLength(2);
    expect(view.engagementChart.find((b) => b.label === 'Independent Scrutineer')).toEqual({ label: 'Independent Scrutineer', value: 50 });
    const nothingHeld = digestView({ ...q4, engagement: { ...q4.engagement, quarter: { ...q4.engagement.quarter, rows: [{ ...row, cells: { 'review-group': { kind: 'no-meetings' } } }] } } }, 'Europe/London');
    expect(nothingHeld.engagementChart).toEqual([{ label: 'Independent Scrutineer', value: null }]);
  });

  it('closes the funding table with the balance', () => {
    expect(digestView(exampleDigest('2025/26 Q2'), 'Europe/London').funding.total).toEqual({ label: 'Balance', amount: 40_948_100 });
  });
});

import { examplePartnership } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { fixtureStore, largePartnershipStore, NOW } from '../../__fixtures__/partnership.js';
import { blockKitErrors } from '../../__fixtures__/validateBlocks.js';
import { Reports } from '../../app/reports.js';
import { SLACK_LIMITS, type Block } from './elements.js';
import { slackMessageOf } from './slackMessage.js';

const reportsAt = () => new Reports({ clock: { now: () => NOW }, linkToDigest: (slug) => `http://bot.example/digest/${slug}.html` });

/** Every mrkdwn or plain text in the blocks, in order. */
function texts(blocks: readonly Block[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') found.push(record.text);
      else Object.values(record).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

/** Slack's limits, as it enforces them on a message: a refusal (invalid_blocks) loses the whole reply. */
function withinLimits(blocks: readonly Block[]): boolean {
  const all = texts(blocks);
  expect(blockKitErrors('message', blocks)).toEqual([]);
  return blocks.length <= SLACK_LIMITS.messageBlocks && all.every((t) => t.length <= SLACK_LIMITS.sectionText) && all.join('').length <= SLACK_LIMITS.messageChars;
}

describe('reports in Block Kit', () => {
  it('show the funding year with every line and its share', async () => {
    const db = await (await fixtureStore()).read();
    const message = slackMessageOf(reportsAt().funding(db, '2024/25'));
    expect(withinLimits(message.blocks)).toBe(true);
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('Funding 2024/25');
    expect(all).toMatch(/Exampleton Council\s+£50,000\s+50\.00%/);
  });

  it("show each statutory partner organisation's share and the three partners' split, as the Teams card does", () => {
    const all = texts(slackMessageOf(reportsAt().funding(examplePartnership(), '2024/25')).blocks).join('\n');
    expect(all).toMatch(/NHS Southwest London Integrated Care Board\s+£33,850\s+8\.05%/);
    expect(all).toMatch(/Relevant agencies\s+£53,090\s+12\.62%/);
    expect(all).toContain("*The three statutory partners' split*");
    expect(all).toMatch(/Health \(ICB\)\s+£33,850\s+9\.52%/);
  });

  it('give the digest with a link to the full page', async () => {
    const db = await (await fixtureStore()).read();
    const message = slackMessageOf(reportsAt().digest(db, '2024/25 Q4'));
    expect(withinLimits(message.blocks)).toBe(true);
    expect(texts(message.blocks)[1]).toBe('Quarterly digest 2024/25 Q4');
    const link = message.blocks.at(-1) as unknown as { elements: Array<{ url: string }> };
    expect(link.elements[0]!.url).toBe('http://bot.example/digest/2024-25-Q4.html');
  });

  it('show a large partnership\'s whole table when it fits (50 agencies in 12 groups)', async () => {
    const db = await (await largePartnershipStore({ agencies: 50, groups: 12, overdue: 0 })).read();
    const engagement = slackMessageOf(reportsAt().engagement(db, '2024/25'));
    expect(withinLimits(engagement.blocks)).toBe(true);
    expect(texts(engagement.blocks).join('\n')).toContain('Largeton Partner Organisation 50');
  });

  it('step down to fit a larger one (200 agencies in 30 groups, 60 overdue) in one message', async () => {
    const db = await (await largePartnershipStore({ agencies: 200, groups: 30, overdue: 60 })).read();
    const reports = reportsAt();
    const engagement = slackMessageOf(reports.engagement(db, '2024/25'));
    const digest = slackMessageOf(reports.digest(db, '2024/25 Q4'));
    expect([withinLimits(engagement.blocks), withinLimits(digest.blocks)]).toEqual([true, true]);
    // Not the full agency table, but a row per group, and where to find the rest.
    expect(texts(engagement.blocks).join('\n')).toContain('are more than one Slack message holds');
    expect(texts(digest.blocks).join('\n')).toMatch(/…and \d+ more overdue in the full digest/);
  });
});

import { applyCommands, examplePartnership, unwrap, type CommandInput, type Database } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { blockKitErrors } from '../__fixtures__/validateBlocks.js';
import { cardErrors } from '../__fixtures__/validateCard.js';
import { SLACK_LIMITS } from '../slack/blocks/elements.js';
import { slackMessageOf } from '../slack/blocks/slackMessage.js';
import { MESSAGE_BUDGET, replySize } from '../teams/cards/messageBudget.js';
import { teamsMessageOf } from '../teams/cards/teamsMessage.js';
import { parseCommandText } from './commandText.js';
import { Reports } from './reports.js';

const NOW = new Date('2026-11-16T09:00:00Z');
const OWNERS = ['icb-designated-nurse', 'met-safeguarding-inspector', 'csc-mash-service-manager'];

/** The example partnership with a rapid review notified in September 2026 and not completed, and `count` actions answering it. */
function withOpenReview(count: number): Database {
  const commands: CommandInput[] = [
    {
      type: 'review.upsert',
      review: { id: 'child-q', codename: 'Child Q', type: 'rapid-review', notifiedOn: '2026-09-01', recommendations: [1, 2, 3].map((number) => ({ number, text: `Recommendation ${number}.` })) },
    },
    ...Array.from({ length: count }, (_, i): CommandInput => ({
      type: 'action.create',
      action: {
        ref: `R-${i + 1}`,
        planId: 'business-plan-2025-27',
        title: `Answer Child Q's recommendation, part ${i + 1}`,
        ownerId: OWNERS[i % OWNERS.length]!,
        due: i % 2 === 0 ? '2026-10-31' : '2027-01-31',
        source: { kind: 'review-recommendation', reference: null, recordId: 'child-q', item: (i % 3) + 1 },
      },
    })),
  ];
  return unwrap(applyCommands(examplePartnership(), commands, { actor: { kind: 'system', name: 'test' }, at: '2026-09-02T09:00:00Z' })).db;
}

const reports = new Reports({ clock: { now: () => NOW }, linkToDigest: (slug) => `http://bot.example/digest/${slug}.html` });

function texts(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const record = v as Record<string, unknown>;
      if (typeof record.text === 'string') found.push(record.text);
      if (typeof record.title === 'string' && typeof record.value === 'string') found.push(`${record.title}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return found;
}

describe('"reviews" and "audits" in chat', () => {
  it('are understood, singular or plural', () => {
    expect(['reviews', 'Review.', 'Audits', 'audit'].map((t) => parseCommandText(t))).toEqual([
      { kind: 'registerWork', register: 'reviews' },
      { kind: 'registerWork', register: 'reviews' },
      { kind: 'registerWork', register: 'audits' },
      { kind: 'registerWork', register: 'audits' },
    ]);
  });

  it("give the Review Group's chair the open recommendation actions by owner, past due ones flagged, and the reviews out of time", () => {
    const reply = reports.registerWork(withOpenReview(3), 'reviews');
    expect(reply.text).toBe('Reviews: what is open. 3 open recommendation actions with 3 owners, 2 past due. 1 record behind its timescale.');
    const card = teamsMessageOf(reply).card!;
    expect(cardErrors(card)).toEqual([]);
    const shown = texts(card);
    expect(shown).toContain('Child Q: 39 working days past its due date (22/09/2026): no reason recorded');
    expect(shown).toContain('R-1 Answer Child Q\'s recommendation, part 1');
    expect(shown).toContain('Child Q, recommendation 1 · due 31 Oct 2026 (overdue by 16 days) · Not started, 0%');
    const slack = texts(slackMessageOf(reply).blocks).join('\n');
    expect(slack).toContain(':warning: *R-1 Answer Child Q\'s recommendation, part 1*');
    expect(slack).toContain('*Child Q*: 39 working days past its due date (22/09/2026): no reason recorded');
  });

  it("say so when nothing is open, and give the QAG's chair the example's audit actions still open", () => {
    expect(reports.registerWork(examplePartnership(), 'reviews').text).toBe(
      'Reviews: what is open. Nothing is open: every recommendation action is complete, and nothing is behind its timescale.',
    );
    expect(reports.registerWork(examplePartnership(), 'audits').text).toBe('Audits: what is open. 4 open action-plan actions with 4 owners, 4 past due.');
  });

  it("step down to a line per owner when a register's open actions are more than one message holds, in Teams and in Slack", () => {
    const reply = reports.registerWork(withOpenReview(400), 'reviews');
    const teams = teamsMessageOf(reply);
    expect(replySize(teams)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardErrors(teams.card!)).toEqual([]);
    const shown = texts(teams.card);
    expect(shown).toContain('By owner');
    expect(shown.filter((t) => /: 134 open actions, 67 past due$|: 133 open actions, 67 past due$|: 133 open actions, 66 past due$/.test(t))).toHaveLength(3);
    const { blocks } = slackMessageOf(reply);
    expect(blockKitErrors('message', blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(texts(blocks).join('\n')).toContain('*By owner*');
  });
});

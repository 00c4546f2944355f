import { unwrap } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { largePartnershipStore, NOW } from '../../__fixtures__/partnership.js';
import { cardErrors } from '../../__fixtures__/validateCard.js';
import { Conversation } from '../../app/conversation.js';
import type { Store } from '@partnership-tracker/core';
import { MESSAGE_BUDGET, replySize } from './messageBudget.js';
import { teamsMessageOf } from './teamsMessage.js';

const conversationOn = (target: Store) => new Conversation({ store: target, clock: { now: () => NOW }, linkToDigest: (slug) => `http://bot.example/digest/${slug}` });

describe('the register of a large group', () => {
  const chair = { channel: 'teams', aadObjectId: 'aad-rep-1' } as const;
  /** The ids of a card's inputs, and the data its Record button sends. */
  const inputsOf = (card: Record<string, unknown> | undefined) => {
    const ids: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string') ids.push(record.id);
        Object.values(record).forEach(walk);
      }
    };
    walk(card?.body);
    const actions = card?.actions as Array<{ data: Record<string, unknown> }>;
    return { ids, data: actions[0]!.data };
  };

  it("leaves out the deputy column when it would not fit in a Teams message, keeping the deputies recorded", async () => {
    // 16 agencies with four people each: 64 lines, as a real subgroup's register has.
    const large = await largePartnershipStore({ agencies: 16, groups: 1, overdue: 0, peoplePerAgency: 4 });
    unwrap(
      await large.commit(
        [{ type: 'attendance.record', meetingId: 'group-1-2025-02', entries: [{ personId: 'rep-2-3', status: 'present', deputisingForId: 'rep-2' }] }],
        { actor: { kind: 'system', name: 'test' }, at: NOW.toISOString() },
      ),
    );
    const conversation = conversationOn(large);
    const reply = teamsMessageOf(await conversation.handleText(chair, 'attendance'));
    expect(replySize(reply)).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(cardErrors(reply.card)).toEqual([]);
    const { ids, data } = inputsOf(reply.card);
    expect(ids.filter((id) => id.startsWith('status:'))).toHaveLength(64);
    expect(ids.filter((id) => id.startsWith('deputy:'))).toEqual([]);
    expect(data).toMatchObject({ meetingId: 'group-1-2025-02', 'deputy:rep-2-3': 'rep-2' });
    // Each person is one dropdown, labelled with who they are.
    expect(JSON.stringify(reply.card)).toContain('"id":"status:rep-2-3","label":"Colleague 3 of Representative 2 (Safeguarding lead)"');

    // The chair marks two people and submits: the card's inputs merged with the button's data.
    const outcome = await conversation.handleCardAction(chair, { ...data, 'status:rep-2-3': 'present', 'status:rep-5': 'apologies' });
    expect(outcome.settled).toBe(true);
    const lines = (await large.read()).attendance.filter((a) => a.meetingId === 'group-1-2025-02' && (a.personId === 'rep-2-3' || a.personId === 'rep-5'));
    expect(lines.map((a) => [a.personId, a.status, a.deputisingForId]).sort()).toEqual([
      ['rep-2-3', 'present', 'rep-2'],
      ['rep-5', 'apologies', null],
    ]);
  });

  it('shows the deputy column when the register fits with it', async () => {
    const small = await largePartnershipStore({ agencies: 4, groups: 1, overdue: 0, peoplePerAgency: 3 });
    const { ids } = inputsOf(teamsMessageOf(await conversationOn(small).handleText(chair, 'attendance')).card);
    expect(ids.filter((id) => id.startsWith('deputy:'))).toHaveLength(12);
  });

  it('says what to do when even a register without deputies is more than one message holds', async () => {
    const huge = await largePartnershipStore({ agencies: 60, groups: 1, overdue: 0, peoplePerAgency: 4 });
    const reply = teamsMessageOf(await conversationOn(huge).handleText(chair, 'attendance'));
    expect(reply.card).toBeUndefined();
    expect(reply.text).toBe(
      'The register for Largeton Group 1, Tue 11 Feb 2025, 10:00, lists 240 people: more than one Teams message can hold. The business team can record it with "ptrack import attendance", or mark people who have left as inactive so the register lists fewer.',
    );
  });
});

import { EXAMPLE_AS_OF, examplePartnership, MemoryStore, type Database } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { largePartnershipStore } from '../../__fixtures__/partnership.js';
import { blockKitErrors } from '../../__fixtures__/validateBlocks.js';
import { Conversation } from '../../app/conversation.js';
import type { RegisterView } from '../../app/views.js';
import { SLACK_LIMITS } from './elements.js';
import { createRegisterModal } from './registerModal.js';

/** The register view of a meeting, as its group's chair is shown it. */
async function registerView(db: Database, meetingId: string, at: Date): Promise<RegisterView> {
  const conversation = new Conversation({ store: new MemoryStore(db), clock: { now: () => at }, linkToDigest: (slug) => slug });
  const meeting = db.meetings.find((m) => m.id === meetingId)!;
  const chairId = db.subgroups.find((s) => s.id === meeting.subgroupId)!.chairId;
  const reply = await conversation.registerFor({ channel: 'slack', userId: 'U0CHAIR' }, meetingId, { ...db, people: db.people.map((p) => (p.id === chairId ? { ...p, slackUserId: 'U0CHAIR' } : p)) });
  if (reply.view?.kind !== 'register') throw new Error(reply.text);
  return reply.view;
}

/** Every limit Slack enforces on a modal that the register could reach. */
function limitsBroken(modal: Record<string, unknown>): string[] {
  const broken: string[] = [];
  const blocks = modal.blocks as Array<Record<string, unknown>>;
  if (blocks.length > SLACK_LIMITS.surfaceBlocks) broken.push(`${blocks.length} blocks`);
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of ['options', 'option_groups'] as const) {
        const list = record[key];
        if (Array.isArray(list) && list.length > SLACK_LIMITS.selectOptions) broken.push(`${path}.${key}: ${list.length}`);
      }
      if (record.type === 'plain_text' && typeof record.text === 'string' && path.includes('options') && record.text.length > SLACK_LIMITS.optionText) broken.push(`${path}: option text`);
      if (record.type === 'mrkdwn' && typeof record.text === 'string' && record.text.length > SLACK_LIMITS.sectionText) broken.push(`${path}: text`);
      for (const [key, child] of Object.entries(record)) walk(child, `${path}.${key}`);
    }
  };
  walk(blocks, 'blocks');
  if (String(modal.private_metadata).length > SLACK_LIMITS.privateMetadata) broken.push('private_metadata');
  return broken;
}

describe('the register modal within Slack\'s limits', () => {
  it('lists each person with a status select for the example partnership\'s largest group', async () => {
    const db = examplePartnership();
    const at = new Date(EXAMPLE_AS_OF);
    // The group whose latest held meeting lists the most people.
    const held = db.meetings.filter((m) => m.status !== 'cancelled' && Date.parse(m.start) <= at.getTime());
    const sizes = await Promise.all(held.map(async (m) => ({ m, view: await registerView(db, m.id, at) })));
    const largest = sizes.sort((a, b) => b.view.groups.flatMap((g) => g.rows).length - a.view.groups.flatMap((g) => g.rows).length)[0]!;
    const fitted = createRegisterModal(largest.view)!;
    expect(fitted.layout).toBe('perPerson');
    expect(limitsBroken(fitted.modal)).toEqual([]);
    expect(blockKitErrors('modal', fitted.modal)).toEqual([]);
    const people = largest.view.groups.flatMap((g) => g.rows).length;
    expect((fitted.modal.blocks as Array<{ block_id?: string }>).filter((b) => b.block_id?.startsWith('status:'))).toHaveLength(people);
  });

  it('steps down to one list per status for a 150-person group, still with deputies and guests', async () => {
    const db = await (await largePartnershipStore({ agencies: 50, groups: 1, overdue: 0, peoplePerAgency: 3 })).read();
    const view = await registerView(db, 'group-1-2025-02', new Date('2025-03-01T12:00:00Z'));
    expect(view.groups.flatMap((g) => g.rows)).toHaveLength(150);
    const fitted = createRegisterModal(view)!;
    expect(fitted.layout).toBe('byStatus');
    expect(limitsBroken(fitted.modal)).toEqual([]);
    expect(blockKitErrors('modal', fitted.modal)).toEqual([]);
    const ids = (fitted.modal.blocks as Array<{ block_id?: string }>).map((b) => b.block_id).filter(Boolean);
    expect(ids).toEqual(['byStatus:present', 'byStatus:apologies', 'byStatus:absent', 'deputyPair:0:who', 'deputyPair:0:for', 'deputyPair:1:who', 'deputyPair:1:for', 'guests']);
    // What the fixture recorded is pre-filled: two of every three agencies' representatives present.
    const present = (fitted.modal.blocks as Array<{ block_id?: string; element?: { initial_options?: unknown[] } }>).find((b) => b.block_id === 'byStatus:present')!;
    expect(present.element!.initial_options).toHaveLength(34);
  });
});

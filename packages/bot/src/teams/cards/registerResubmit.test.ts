import {
  engagementTable,
  EXAMPLE_AS_OF,
  EXAMPLE_BUSINESS_MANAGER_ID,
  EXAMPLE_IDS,
  examplePartnership,
  formatEngagementCell,
  MemoryStore,
  parsePeriod,
  PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID,
  unwrap,
  type Database,
} from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { submittedUnchanged } from '../../__fixtures__/submitCard.js';
import { cardErrors } from '../../__fixtures__/validateCard.js';
import { Conversation } from '../../app/conversation.js';
import { formatMeetingStart } from '../../app/format.js';
import { registerOf } from '../../app/register.js';
import type { RegisterView } from '../../app/views.js';
import { createAttendanceCard, REGISTER_LAYOUTS } from './attendanceCard.js';
import { teamsMessageOf } from './teamsMessage.js';

// Issue 11, item 5: a register card pressed again unchanged must record exactly what it showed.
// The card offered only same-agency colleagues as "deputising for", so resubmitting the Review
// Group's 10 September 2024 register dropped the Health Improvement Lead's deputising for Public
// Health, and Public Health's published 25% became 0%.
const { people: PERSON } = EXAMPLE_IDS;
const businessManager = { channel: 'teams', aadObjectId: PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID } as const;
const year2024 = unwrap(parsePeriod('2024/25'));

function printed(db: Database): string[] {
  const table = engagementTable(db, { period: year2024 });
  return table.rows.map((row) => [row.label, ...table.columns.map((c) => formatEngagementCell(row.cells[c.subgroupId]!))].join(' | '));
}

function registerView(db: Database, meetingId: string): RegisterView {
  const meeting = db.meetings.find((m) => m.id === meetingId)!;
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
  const register = registerOf(db, meeting);
  return {
    kind: 'register',
    subgroup: { id: subgroup.id, name: subgroup.name, shortName: subgroup.shortName },
    meeting: { id: meeting.id, title: meeting.title ?? null },
    when: formatMeetingStart(meeting.start, db.partnership.timeZone),
    ...register,
  };
}

const recorded = (db: Database) => db.attendance.map(({ id, status, deputisingForId, agencyId }) => ({ id, status, deputisingForId, agencyId }));

describe('a register card submitted unchanged', () => {
  it('changes no line and no figure, for every register of the example', async () => {
    const example = examplePartnership();
    const store = new MemoryStore(example);
    const conversation = new Conversation({ store, clock: { now: () => new Date(EXAMPLE_AS_OF) }, linkToDigest: () => 'http://bot.example/digest' });
    const meetings = [...new Set(example.attendance.map((line) => line.meetingId))];
    expect(meetings.length).toBeGreaterThan(20);
    for (const meetingId of meetings) {
      const { card } = teamsMessageOf({ text: '', view: registerView(await store.read(), meetingId) });
      expect(card, meetingId).toBeDefined();
      const outcome = await conversation.handleCardAction(businessManager, submittedUnchanged(card!));
      expect([meetingId, outcome.reply.text]).toEqual([meetingId, expect.stringContaining('was already recorded exactly like this')]);
    }
    const after = await store.read();
    expect(recorded(after)).toEqual(recorded(example));
    expect(printed(after)).toEqual(printed(example));
    expect(unwrap(await store.readWithHistory()).audit.filter((entry) => entry.by === `person:${EXAMPLE_BUSINESS_MANAGER_ID}`)).toEqual([]);
  });

  it.each(REGISTER_LAYOUTS)('keeps the Health Improvement Lead deputising for Public Health (%s card)', async (layout) => {
    const example = examplePartnership();
    const store = new MemoryStore(example);
    const conversation = new Conversation({ store, clock: { now: () => new Date(EXAMPLE_AS_OF) }, linkToDigest: () => 'http://bot.example/digest' });
    const card = createAttendanceCard(registerView(example, 'review-group-2024-09-10'), layout);
    expect(cardErrors(card)).toEqual([]);
    if (layout === 'full') {
      // Everyone on the register can be named as deputising, those from outside the member agencies too.
      const inputs = JSON.stringify(card).match(/"id":"(status|deputy):[a-z-]+"/g)!;
      expect(inputs.filter((id) => id.includes('deputy:'))).toHaveLength(inputs.length / 2);
    }
    await conversation.handleCardAction(businessManager, submittedUnchanged(card));
    const line = (await store.read()).attendance.find((l) => l.meetingId === 'review-group-2024-09-10' && l.personId === PERSON.healthImprovementLead)!;
    expect(line.deputisingForId).toBe(PERSON.publicHealthConsultant);
    expect(printed(await store.read()).find((row) => row.startsWith('Public Health |'))).toBe('Public Health | 25% | — | —');
  });
});

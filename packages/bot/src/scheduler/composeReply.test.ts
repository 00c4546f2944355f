import { dueMessages } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { schedulerDatabase } from './__fixtures__/schedulerFixtures.js';
import { composeReply } from './composeReply.js';

describe('the reply for a scheduled message', () => {
  it('names the action a reminder is about, so a channel can offer to update or snooze it', () => {
    const db = schedulerDatabase();
    const reminder = dueMessages(db, '2026-06-16T08:00:00Z').find((m) => m.key === 'reminder:due-14:A-1:2026-06-16')!;
    const reply = composeReply(db, reminder, '2026-06-16T08:00:00.000Z');
    expect(reply.text).toMatch(/^Reminder: A-1 “Audit of strategy meeting minutes” is due in 14 days/);
    expect(reply.view).toMatchObject({ kind: 'scheduled', summary: { title: 'A-1 is due in 14 days, on Tuesday 30 June 2026' }, actionRefs: ['A-1'] });
  });

  it('names no action to update in an overdue alert to the chair, who does not own it', () => {
    const db = schedulerDatabase();
    const alert = dueMessages(db, '2026-07-14T08:00:00Z').find((m) => m.kind === 'overdue-alert')!;
    expect(composeReply(db, alert, '2026-07-14T08:00:00.000Z').view).toMatchObject({ kind: 'scheduled', actionRefs: [] });
  });
});

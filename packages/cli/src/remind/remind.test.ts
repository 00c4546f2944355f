import { addDays } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { describeReminders, remindersOn } from './index.js';

// A-2 is due 31/12/2025 and owned by the Education Safeguarding Lead; the Independent Chair chairs the Executive.
const { db } = importExamples('2025-09-20T09:00:00Z');
const a2 = (day: string) => remindersOn(db, day).filter((r) => r.action.ref === 'A-2').map((r) => [r.occasion, r.recipients.map((p) => p.email)]);

describe('remindersOn', () => {
  it.each([
    [-15, []],
    [-14, [['due-14', ['education.lead@example.org']]]],
    [-13, []],
    [-3, [['due-3', ['education.lead@example.org']]]],
    [0, [['due', ['education.lead@example.org']]]],
    [1, []],
    [7, [['overdue', ['education.lead@example.org']]]],
    [14, [['overdue', ['education.lead@example.org']], ['escalation', ['chair@example.org']]]],
    [21, [['overdue', ['education.lead@example.org']]]],
    [22, []],
  ])('on the due date %+i days sends %j', (offset, expected) => {
    expect(a2(addDays('2025-12-31', offset))).toEqual(expected);
  });

  it('sends nothing about complete actions', () => {
    // A-1 is complete, due 30/09/2025.
    expect(remindersOn(db, '2025-09-30').filter((r) => r.action.ref === 'A-1')).toEqual([]);
  });

  it("holds a snoozed action's reminders but not its escalation", () => {
    const snoozed = { ...db, actions: db.actions.map((a) => (a.ref === 'A-2' ? { ...a, snoozedUntil: '2026-02-01' } : a)) };
    expect(remindersOn(snoozed, '2026-01-14').filter((r) => r.action.ref === 'A-2').map((r) => r.occasion)).toEqual(['escalation']);
  });

  it('describes a day for people', () => {
    expect(describeReminders(db, '2025-10-28', remindersOn(db, '2025-10-28'))).toMatchInlineSnapshot(`
      "Reminders for 28/10/2025 (dry run: nothing was sent):
      - To Detective Superintendent <police.lead@example.org>: A-3 is due in 3 days (31/10/2025); it is 40% done (at-risk).
        "Agree a joint protocol for children at risk of exploitation"
      "
    `);
  });
});

import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { describeReminders, remindersOn } from './index.js';

// The rules themselves are core's (and tested there); these tests check that ptrack asks for
// the right day and words it for people. A-2 is due Wednesday 31/12/2025, owned by the
// Education Safeguarding Lead; A-3 is due Friday 31/10/2025.
const { db } = importExamples('2025-09-20T09:00:00Z');
const on = (day: string) => remindersOn(db, day).map((m) => [m.key, m.sendAt]);

describe('remindersOn', () => {
  it("lists exactly the day's messages, at the scheduler's send time", () => {
    // 17 December is 14 days before A-2 is due and two weeks before the quarter ends, when owners
    // whose actions have had no update this quarter are asked for one.
    expect(on('2025-12-17')).toEqual([
      ['please-update:dcs-at-example-org:2025-26-Q3', '2025-12-17T09:00:00.000Z'],
      ['please-update:designated-nurse-at-example-org:2025-26-Q3', '2025-12-17T09:00:00.000Z'],
      ['please-update:education-lead-at-example-org:2025-26-Q3', '2025-12-17T09:00:00.000Z'],
      ['please-update:police-lead-at-example-org:2025-26-Q3', '2025-12-17T09:00:00.000Z'],
      ['please-update:qa-lead-at-example-org:2025-26-Q3', '2025-12-17T09:00:00.000Z'],
      ['reminder:due-14:A-2:2025-12-17', '2025-12-17T09:00:00.000Z'],
    ]);
    expect(on('2025-12-16')).toEqual([]);
    expect(on('2025-12-18')).toEqual([]);
  });

  it('moves a reminder that falls on a weekend or bank holiday to the next working day, as the bot does', () => {
    // A-2's due-3 falls on Sunday 28 December and A-3's weekly overdue on Boxing Day: both go on Monday 29th.
    expect(on('2025-12-26')).toEqual([]);
    expect(on('2025-12-28')).toEqual([]);
    expect(on('2025-12-29')).toEqual([
      ['reminder:due-3:A-2:2025-12-28', '2025-12-29T09:00:00.000Z'],
      ['reminder:overdue:A-3:2025-12-26', '2025-12-29T09:00:00.000Z'],
    ]);
  });

  it('includes the overdue alert to a chair at 14 days overdue', () => {
    expect(remindersOn(db, '2026-01-14').map((m) => [m.kind, m.target])).toContainEqual(['overdue-alert', { kind: 'person', personId: 'chair-at-example-org' }]);
  });
});

describe('describeReminders', () => {
  it('says when, to whom and what, in the words the bot would use', () => {
    expect(describeReminders(db, '2025-10-28', remindersOn(db, '2025-10-28'))).toMatchInlineSnapshot(`
      "Messages the bot sends on 28/10/2025 (dry run: nothing was sent):
      - 09:00 to Detective Superintendent <police.lead@example.org> [action-reminder]
          Reminder: A-3 “Agree a joint protocol for children at risk of exploitation” is due in 3 days, on Friday 31 October 2025. It is 40% done and at risk. Reply "update A-3 60% on track — what happened" to record progress.
      "
    `);
  });

  it('marks a message the bot has already sent', () => {
    const messages = remindersOn(db, '2025-10-28');
    const sent = { ...db, outbox: [{ key: messages[0]!.key, state: 'sent' as const, claimedAt: '2025-10-28T09:00:01Z', sentAt: '2025-10-28T09:00:02Z', attempts: 1, error: null }] };
    expect(describeReminders(sent, '2025-10-28', messages)).toContain('[action-reminder, already sent]');
  });

  it('says so when there is nothing to send', () => {
    expect(describeReminders(db, '2025-12-16', [])).toBe('Messages the bot sends on 16/12/2025 (dry run: nothing was sent): none.\n');
  });
});

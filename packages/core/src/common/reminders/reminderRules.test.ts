import { describe, expect, it } from 'vitest';
import type { Database } from '../store/database.js';
import { reminderDatabase } from './__fixtures__/reminderDatabase.js';
import { CATCH_UP_DAYS, dueMessages, type ScheduledMessage } from './reminderRules.js';

const db = reminderDatabase();

function ofKind<K extends ScheduledMessage['kind']>(messages: ScheduledMessage[], kind: K) {
  return messages.filter((m): m is Extract<ScheduledMessage, { kind: K }> => m.kind === kind);
}

/** The owner reminder for one action that is due at `now`, as `key @ sendAt`, or null. */
function reminderFor(ref: string, now: string, data: Database = db): string | null {
  const found = ofKind(dueMessages(data, now), 'action-reminder').filter((m) => m.data.actionRef === ref);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ? `${found[0].key} @ ${found[0].sendAt}` : null;
}

function withActions(edit: (action: Database['actions'][number]) => Database['actions'][number]): Database {
  return { ...db, actions: db.actions.map(edit) };
}

describe('reminders to an action owner', () => {
  it.each([
    // A-1 is due Tuesday 30 June 2026 (British Summer Time: 09:00 London is 08:00Z).
    ['nothing before 09:00 London on the 14-day day', 'A-1', '2026-06-16T07:59:59Z', null],
    ['14 days before, at 09:00 BST', 'A-1', '2026-06-16T08:00:00Z', 'reminder:due-14:A-1:2026-06-16 @ 2026-06-16T08:00:00.000Z'],
    ['the 3-day reminder falls on a Saturday and waits', 'A-1', '2026-06-27T12:00:00Z', null],
    ['the 3-day reminder goes on the Monday', 'A-1', '2026-06-29T08:00:00Z', 'reminder:due-3:A-1:2026-06-27 @ 2026-06-29T08:00:00.000Z'],
    ['on the due day', 'A-1', '2026-06-30T08:00:00Z', 'reminder:due:A-1:2026-06-30 @ 2026-06-30T08:00:00.000Z'],
    ['a week overdue', 'A-1', '2026-07-07T08:00:00Z', 'reminder:overdue:A-1:2026-07-07 @ 2026-07-07T08:00:00.000Z'],
    ['two weeks overdue', 'A-1', '2026-07-14T08:00:00Z', 'reminder:overdue:A-1:2026-07-14 @ 2026-07-14T08:00:00.000Z'],
    ['ten weeks overdue', 'A-1', '2026-09-08T08:00:00Z', 'reminder:overdue:A-1:2026-09-08 @ 2026-09-08T08:00:00.000Z'],
    // A-2 is due on Good Friday 2026; its 14-day reminder is in Greenwich Mean Time.
    ['14 days before in GMT, at 09:00Z', 'A-2', '2026-03-20T09:00:00Z', 'reminder:due-14:A-2:2026-03-20 @ 2026-03-20T09:00:00.000Z'],
    ['not at 08:00Z in GMT', 'A-2', '2026-03-20T08:59:00Z', null],
    ['3 days before, after the clocks change', 'A-2', '2026-03-31T08:00:00Z', 'reminder:due-3:A-2:2026-03-31 @ 2026-03-31T08:00:00.000Z'],
    ['no due-day reminder on Good Friday itself', 'A-2', '2026-04-03T12:00:00Z', 'reminder:due-3:A-2:2026-03-31 @ 2026-03-31T08:00:00.000Z'],
    ['nor on Easter Monday', 'A-2', '2026-04-06T12:00:00Z', 'reminder:due-3:A-2:2026-03-31 @ 2026-03-31T08:00:00.000Z'],
    ['the due-day reminder moves to the Tuesday after Easter', 'A-2', '2026-04-07T08:00:00Z', 'reminder:due:A-2:2026-04-03 @ 2026-04-07T08:00:00.000Z'],
    ['a week overdue on the Friday after Easter', 'A-2', '2026-04-10T08:00:00Z', 'reminder:overdue:A-2:2026-04-10 @ 2026-04-10T08:00:00.000Z'],
    // A-8 is due Thursday 31 December 2026; Monday 28 December is Boxing Day's substitute.
    ['the 3-day reminder skips the Boxing Day substitute', 'A-8', '2026-12-28T12:00:00Z', null],
    ['and goes on Tuesday 29 December, 09:00 GMT', 'A-8', '2026-12-29T09:00:00Z', 'reminder:due-3:A-8:2026-12-28 @ 2026-12-29T09:00:00.000Z'],
    // A-3 is snoozed until Friday 10 July.
    ['a snoozed action gets no 14-day reminder', 'A-3', '2026-06-16T08:00:00Z', null],
    ['nor a due-day reminder', 'A-3', '2026-06-30T08:00:00Z', null],
    ['nor a reminder a week overdue', 'A-3', '2026-07-07T08:00:00Z', null],
    ['but reminders resume after the snooze', 'A-3', '2026-07-14T08:00:00Z', 'reminder:overdue:A-3:2026-07-14 @ 2026-07-14T08:00:00.000Z'],
    ['a complete action gets nothing', 'A-4', '2026-06-30T08:00:00Z', null],
    ['an action of a draft plan gets nothing', 'A-5', '2026-06-30T08:00:00Z', null],
    ['an action whose owner has left gets nothing', 'A-6', '2026-06-30T08:00:00Z', null],
    // A-7 was created on 20 June, after its 14-day occasion.
    ['no reminder for an occasion before the action existed', 'A-7', '2026-06-20T12:00:00Z', null],
    ['reminders start with the next occasion', 'A-7', '2026-06-29T08:00:00Z', 'reminder:due-3:A-7:2026-06-27 @ 2026-06-29T08:00:00.000Z'],
  ])('%s (%s at %s)', (_name, ref, now, expected) => {
    expect(reminderFor(ref, now)).toBe(expected);
  });

  it('sends the reminder on the day a snooze ends', () => {
    const snoozedToDueDay = withActions((a) => (a.ref === 'A-1' ? { ...a, snoozedUntil: '2026-06-30' } : a));
    expect(reminderFor('A-1', '2026-06-29T08:00:00Z', snoozedToDueDay)).toBeNull();
    expect(reminderFor('A-1', '2026-06-30T08:00:00Z', snoozedToDueDay)).toBe('reminder:due:A-1:2026-06-30 @ 2026-06-30T08:00:00.000Z');
  });

  it('stops reminding once the action is complete', () => {
    const done = withActions((a) => (a.ref === 'A-1' ? { ...a, status: 'complete', progress: 100 } : a));
    expect(reminderFor('A-1', '2026-07-07T08:00:00Z', done)).toBeNull();
  });

  it('writes to the owner in a personal chat', () => {
    const [reminder] = ofKind(dueMessages(db, '2026-06-16T08:00:00Z'), 'action-reminder').filter((m) => m.data.actionRef === 'A-1');
    expect(reminder).toEqual({
      key: 'reminder:due-14:A-1:2026-06-16',
      kind: 'action-reminder',
      sendAt: '2026-06-16T08:00:00.000Z',
      target: { kind: 'person', personId: 'jo' },
      data: { actionRef: 'A-1', occasion: 'due-14', due: '2026-06-30' },
    });
  });
});

describe('the catch-up window', () => {
  it(`is ${CATCH_UP_DAYS} days`, () => {
    expect(CATCH_UP_DAYS).toBe(7);
  });

  it('sends only the latest reminder of an action after a gap, not every one missed', () => {
    // Down from Friday 26 June to Tuesday 30 June: the 3-day reminder (Monday) and the due-day one are both missed.
    expect(reminderFor('A-1', '2026-06-30T10:00:00Z')).toBe('reminder:due:A-1:2026-06-30 @ 2026-06-30T08:00:00.000Z');
  });

  it('still sends a missed reminder up to the end of the window', () => {
    expect(reminderFor('A-1', '2026-06-23T07:59:59Z')).toBe('reminder:due-14:A-1:2026-06-16 @ 2026-06-16T08:00:00.000Z');
  });

  it('drops a missed reminder once the window has passed', () => {
    expect(reminderFor('A-1', '2026-06-23T08:00:00Z')).toBeNull();
  });

  it('keeps a message that is exactly due, and none that is not due yet', () => {
    const keys = (now: string) => dueMessages(db, now).map((m) => m.key);
    const digest = 'digest:2025-26-Q4:teams:19:exec@thread.tacv2';
    expect(keys('2026-04-01T08:00:00Z')).toContain(digest);
    expect(keys('2026-04-01T07:59:59Z')).not.toContain(digest);
    expect(keys('2026-04-08T07:59:59Z')).toContain(digest);
    expect(keys('2026-04-08T08:00:00Z')).not.toContain(digest);
  });

  it('gives every key one send time, whenever it is asked, across a whole year', () => {
    const sendAtByKey = new Map<string, string>();
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let hour = 0; hour < 366 * 24; hour += 5) {
      for (const message of dueMessages(db, new Date(start + hour * 3_600_000).toISOString())) {
        expect(sendAtByKey.get(message.key) ?? message.sendAt).toBe(message.sendAt);
        sendAtByKey.set(message.key, message.sendAt);
      }
    }
    // Every rule fires at least once in 2026.
    const rules = new Set([...sendAtByKey.keys()].map((key) => key.split(':')[0]));
    expect([...rules].sort()).toEqual(['attendance', 'digest', 'overdue-alert', 'please-update', 'reminder']);
  });

  it('returns messages in send order', () => {
    const messages = dueMessages(db, '2026-06-16T08:00:00Z');
    expect(messages.map((m) => m.sendAt)).toEqual([...messages.map((m) => m.sendAt)].sort());
  });

  it('refuses a now that is not an instant, as a bug', () => {
    expect(() => dueMessages(db, 'Tuesday')).toThrow('"Tuesday" is not an instant');
  });
});

describe('an overdue alert to the chair when an action is 14 days overdue', () => {
  const alerts = (now: string, data: Database = db) =>
    ofKind(dueMessages(data, now), 'overdue-alert').map((m) => `${m.data.actionRef} -> ${m.target.kind === 'person' ? m.target.personId : '?'} (${m.data.subgroupId})`);

  it('goes at 09:00 on the fourteenth day overdue, not the thirteenth', () => {
    expect(alerts('2026-07-13T12:00:00Z')).toEqual([]);
    expect(alerts('2026-07-14T08:00:00Z')).toEqual([
      // Schools sit only on QAG.
      'A-1 -> qag-chair (qag)',
      // Snoozing stops the owner's reminders, not the chair hearing about it.
      'A-3 -> qag-chair (qag)',
      // The voluntary sector sits only on Learning; the owner having left does not stop it.
      'A-6 -> learning-chair (learning)',
      // No lead agency: the Executive.
      'A-7 -> exec-chair (executive)',
    ]);
  });

  it('goes to the Executive chair when the lead agency sits on several subgroups', () => {
    expect(alerts('2026-04-17T08:00:00Z')).toEqual(['A-2 -> exec-chair (executive)']);
  });

  it('goes to the Executive chair when the subgroup chair owns the action', () => {
    const chairOwns = withActions((a) => (a.ref === 'A-1' ? { ...a, ownerId: 'qag-chair' } : a));
    expect(alerts('2026-07-14T08:00:00Z', chairOwns)).toContain('A-1 -> exec-chair (executive)');
  });

  it('goes to the Executive chair when the subgroup has no chair', () => {
    const noChair = { ...db, subgroups: db.subgroups.map((s) => (s.id === 'learning' ? { ...s, chairId: null } : s)) };
    expect(alerts('2026-07-14T08:00:00Z', noChair)).toContain('A-6 -> exec-chair (executive)');
  });

  it('is not sent when nobody chairs the Executive either', () => {
    const nobody = { ...db, subgroups: db.subgroups.map((s) => ({ ...s, chairId: null })) };
    expect(alerts('2026-07-14T08:00:00Z', nobody)).toEqual([]);
  });

  it('is not sent for an action completed in time', () => {
    const done = withActions((a) => (a.ref === 'A-1' ? { ...a, status: 'complete', progress: 100 } : a));
    expect(alerts('2026-07-14T08:00:00Z', done)).not.toContain('A-1 -> qag-chair (qag)');
  });
});

describe('"please update" two weeks before a quarter ends', () => {
  const requests = (now: string, data: Database = db) =>
    ofKind(dueMessages(data, now), 'please-update').map((m) => ({ key: m.key, sendAt: m.sendAt, refs: m.data.actionRefs }));

  it('asks each owner once about every open action with no update this quarter', () => {
    expect(requests('2026-06-16T08:00:00Z')).toEqual([
      // A-1 was updated in May; A-3 is snoozed; A-7 was created this quarter; A-4 is complete; A-5 is a draft plan's.
      { key: 'please-update:jo:2026-27-Q1', sendAt: '2026-06-16T08:00:00.000Z', refs: ['A-8', 'A-10'] },
      { key: 'please-update:sam:2026-27-Q1', sendAt: '2026-06-16T08:00:00.000Z', refs: ['A-2'] },
    ]);
  });

  it('is not sent the day before', () => {
    expect(requests('2026-06-15T12:00:00Z')).toEqual([]);
  });

  it.each([
    ['Q3, in GMT', '2026-12-17T09:00:00Z', 'please-update:jo:2026-27-Q3', '2026-12-17T09:00:00.000Z'],
    ['Q4', '2027-03-17T09:00:00Z', 'please-update:jo:2026-27-Q4', '2027-03-17T09:00:00.000Z'],
  ])('goes for %s on %s', (_name, now, key, sendAt) => {
    expect(requests(now).find((r) => r.key === key)?.sendAt).toBe(sendAt);
  });

  it('counts an update at 00:30 BST on the quarter’s first day as this quarter', () => {
    const updated = (at: string) =>
      withActions((a) => (a.ref === 'A-2' ? { ...a, history: [...a.history, { ...a.history.at(-1)!, at }] } : a));
    expect(requests('2026-06-16T08:00:00Z', updated('2026-03-31T23:30:00Z')).map((r) => r.key)).toEqual(['please-update:jo:2026-27-Q1']);
    expect(requests('2026-06-16T08:00:00Z', updated('2026-03-31T22:30:00Z')).map((r) => r.key)).toContain('please-update:sam:2026-27-Q1');
  });
});

describe('prompt to record attendance an hour after a meeting', () => {
  const prompts = (now: string, data: Database = db) =>
    ofKind(dueMessages(data, now), 'attendance-prompt').map((m) => `${m.key} -> ${m.target.kind === 'person' ? m.target.personId : '?'} @ ${m.sendAt}`);

  it('goes exactly an hour after the meeting ends', () => {
    expect(prompts('2026-06-10T11:59:59Z')).toEqual([]);
    expect(prompts('2026-06-10T12:00:00Z')).toEqual(['attendance:qag-2026-06-10 -> qag-chair @ 2026-06-10T12:00:00.000Z']);
  });

  it('goes on a Saturday too, and skips meetings cancelled or with a register', () => {
    expect(prompts('2026-06-13T11:00:00Z')).toEqual([
      'attendance:qag-2026-06-10 -> qag-chair @ 2026-06-10T12:00:00.000Z',
      'attendance:learning-2026-06-13 -> learning-chair @ 2026-06-13T11:00:00.000Z',
    ]);
  });

  it('goes to the deputy when the subgroup has no chair', () => {
    const noChair = { ...db, subgroups: db.subgroups.map((s) => (s.id === 'learning' ? { ...s, chairId: null } : s)) };
    expect(prompts('2026-06-13T11:00:00Z', noChair)).toContain('attendance:learning-2026-06-13 -> learning-deputy @ 2026-06-13T11:00:00.000Z');
  });

  it('stops once the register is recorded', () => {
    const recorded = {
      ...db,
      attendance: [
        ...db.attendance,
        { ...db.attendance[0]!, id: 'qag-2026-06-10/qag-chair', meetingId: 'qag-2026-06-10' },
      ],
    };
    expect(prompts('2026-06-10T12:00:00Z', recorded)).toEqual([]);
  });
});

describe('the quarterly digest to the channels bound to it', () => {
  it.each([
    ['2025-26-Q3', 'the 2nd, because New Year’s Day is a bank holiday', '2026-01-02T09:00:00.000Z'],
    ['2025-26-Q4', '1 April, in BST', '2026-04-01T08:00:00.000Z'],
    ['2026-27-Q1', '1 July', '2026-07-01T08:00:00.000Z'],
    ['2026-27-Q2', '1 October, still BST', '2026-10-01T08:00:00.000Z'],
    ['2026-27-Q3', 'Monday 4 January 2027, after the New Year weekend', '2027-01-04T09:00:00.000Z'],
  ])('for %s goes on %s', (quarter, _when, sendAt) => {
    const key = `digest:${quarter}:teams:19:exec@thread.tacv2`;
    const at = (ms: number) => new Date(Date.parse(sendAt) + ms).toISOString();
    expect(dueMessages(db, at(-1)).find((m) => m.key === key)).toBeUndefined();
    expect(dueMessages(db, sendAt).find((m) => m.key === key)).toMatchObject({
      kind: 'digest',
      sendAt,
      target: { kind: 'channel', subgroupId: 'executive' },
    });
  });

  it('is not sent when there is no Executive and no subgroup has bound a channel', () => {
    const noExecutive = { ...db, subgroups: db.subgroups.filter((s) => s.kind !== 'executive') };
    expect(ofKind(dueMessages(noExecutive, '2026-04-01T08:00:00Z'), 'digest')).toEqual([]);
  });

  const bind = (subgroupId: string, conversationId: string | null) => ({
    ...db,
    subgroups: db.subgroups.map((s) =>
      s.id !== subgroupId ? s : { ...s, channel: conversationId === null ? null : { kind: 'teams' as const, conversationId, name: null, boundBy: 'qag-chair', boundAt: '2026-01-05T10:00:00Z' } },
    ),
  });
  const digestsAt = (data: typeof db) => ofKind(dueMessages(data, '2026-04-01T08:00:00Z'), 'digest').map((m) => [m.key, m.target]);

  it('goes to every channel a subgroup has bound, once per channel', () => {
    expect(digestsAt(bind('qag', '19:qag@thread.tacv2'))).toEqual([
      ['digest:2025-26-Q4:teams:19:exec@thread.tacv2', { kind: 'channel', subgroupId: 'executive' }],
      ['digest:2025-26-Q4:teams:19:qag@thread.tacv2', { kind: 'channel', subgroupId: 'qag' }],
    ]);
    expect(digestsAt(bind('qag', '19:exec@thread.tacv2'))).toEqual([['digest:2025-26-Q4:teams:19:exec@thread.tacv2', { kind: 'channel', subgroupId: 'executive' }]]);
  });

  it('is still due for the Executive with no channel, for the scheduler to hold until one is bound', () => {
    expect(digestsAt(bind('executive', null))).toEqual([['digest:2025-26-Q4:unbound:executive', { kind: 'channel', subgroupId: 'executive' }]]);
  });
});

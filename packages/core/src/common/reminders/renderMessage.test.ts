import { describe, expect, it } from 'vitest';
import { reminderDatabase } from './__fixtures__/reminderDatabase.js';
import { dueMessages, type ScheduledMessage } from './reminderRules.js';
import { renderMessage } from './renderMessage.js';

const db = reminderDatabase();

function message(now: string, key: string): ScheduledMessage {
  const found = dueMessages(db, now).find((m) => m.key === key);
  if (!found) throw new Error(`${key} is not due at ${now}`);
  return found;
}

describe('rendering proactive messages', () => {
  it('reminds an owner 14 days ahead, with the facts for a card', () => {
    expect(renderMessage(db, message('2026-06-16T08:00:00Z', 'reminder:due-14:A-1:2026-06-16'))).toMatchInlineSnapshot(`
      {
        "summary": {
          "commands": [
            {
              "command": "update A-1",
              "title": "Update",
            },
          ],
          "facts": [
            {
              "title": "Action",
              "value": "A-1 Audit of strategy meeting minutes",
            },
            {
              "title": "Due",
              "value": "Tuesday 30 June 2026",
            },
            {
              "title": "Progress",
              "value": "40% done and on track",
            },
            {
              "title": "Owner",
              "value": "Jo Owner",
            },
            {
              "title": "Lead agency",
              "value": "Testshire Schools",
            },
          ],
          "title": "A-1 is due in 14 days, on Tuesday 30 June 2026",
        },
        "text": "Reminder: A-1 “Audit of strategy meeting minutes” is due in 14 days, on Tuesday 30 June 2026. It is 40% done and on track. Reply "update A-1 60% on track — what happened" to record progress.",
      }
    `);
  });

  it('counts the days from when it is sent', () => {
    const text = (now: string, key: string) => renderMessage(db, message(now, key)).text;
    expect(text('2026-06-29T08:00:00Z', 'reminder:due-3:A-1:2026-06-27')).toMatchInlineSnapshot(`"Reminder: A-1 “Audit of strategy meeting minutes” is due tomorrow, Tuesday 30 June 2026. It is 40% done and on track. Reply "update A-1 60% on track — what happened" to record progress."`);
    expect(text('2026-06-30T08:00:00Z', 'reminder:due:A-1:2026-06-30')).toMatchInlineSnapshot(`"Reminder: A-1 “Audit of strategy meeting minutes” is due today, Tuesday 30 June 2026. It is 40% done and on track. Reply "update A-1 60% on track — what happened" to record progress."`);
    expect(text('2026-07-07T08:00:00Z', 'reminder:overdue:A-1:2026-07-07')).toMatchInlineSnapshot(`"Reminder: A-1 “Audit of strategy meeting minutes” is 7 days overdue: it was due on Tuesday 30 June 2026. It is 40% done and on track. Reply "update A-1 60% on track — what happened" to record progress."`);
  });

  it('says the right thing when a catch-up sends a reminder late', () => {
    const late = message('2026-06-22T12:00:00Z', 'reminder:due-14:A-1:2026-06-16');
    expect(renderMessage(db, late).summary.title).toBe('A-1 is due in 14 days, on Tuesday 30 June 2026');
    expect(renderMessage(db, late, '2026-06-22T12:00:00Z').summary.title).toBe('A-1 is due in 8 days, on Tuesday 30 June 2026');
  });

  it('moves a Good Friday due date to the Tuesday and says it is overdue', () => {
    expect(renderMessage(db, message('2026-04-07T08:00:00Z', 'reminder:due:A-2:2026-04-03')).text).toMatchInlineSnapshot(`"Reminder: A-2 “Action A-2” is 4 days overdue: it was due on Friday 3 April 2026. It is 40% done and on track. Reply "update A-2 60% on track — what happened" to record progress."`);
  });

  it('tells a chair about an action 14 days overdue', () => {
    expect(renderMessage(db, message('2026-07-14T08:00:00Z', 'overdue-alert:A-1:2026-07-14'))).toMatchInlineSnapshot(`
      {
        "summary": {
          "commands": [],
          "facts": [
            {
              "title": "Action",
              "value": "A-1 Audit of strategy meeting minutes",
            },
            {
              "title": "Due",
              "value": "Tuesday 30 June 2026",
            },
            {
              "title": "Progress",
              "value": "40% done and on track",
            },
            {
              "title": "Owner",
              "value": "Jo Owner",
            },
            {
              "title": "Lead agency",
              "value": "Testshire Schools",
            },
          ],
          "title": "Overdue alert: A-1 is 14 days overdue: it was due on Tuesday 30 June 2026",
        },
        "text": "Overdue alert: A-1 “Audit of strategy meeting minutes” is 14 days overdue: it was due on Tuesday 30 June 2026; its owner is Jo Owner and it is 40% done and on track. You are told as chair of Quality Assurance Group.",
      }
    `);
  });

  it('asks an owner to update several actions', () => {
    expect(renderMessage(db, message('2026-06-16T08:00:00Z', 'please-update:jo:2026-27-Q1'))).toMatchInlineSnapshot(`
      {
        "summary": {
          "commands": [
            {
              "command": "update A-8",
              "title": "Update A-8",
            },
            {
              "command": "update A-10",
              "title": "Update A-10",
            },
          ],
          "facts": [
            {
              "title": "A-8",
              "value": "Action A-8 (10% done and at risk)",
            },
            {
              "title": "A-10",
              "value": "Action A-10 (40% done and on track)",
            },
          ],
          "title": "Please update your 2 actions before 2026/27 Q1 ends",
        },
        "text": "Please update your actions: 2026/27 Q1 ends on Tuesday 30 June 2026, and these 2 actions have had no update this quarter:
      • A-8 “Action A-8”: 10% done and at risk, due Thursday 31 December 2026
      • A-10 “Action A-10”: 40% done and on track, due Friday 29 January 2027
      Reply "update A-8 60% on track — what happened" for each.",
      }
    `);
  });

  it('prompts a chair to record attendance, in local time', () => {
    expect(renderMessage(db, message('2026-06-10T12:00:00Z', 'attendance:qag-2026-06-10'))).toMatchInlineSnapshot(`
      {
        "summary": {
          "commands": [
            {
              "command": "attendance",
              "title": "Record attendance",
            },
          ],
          "facts": [
            {
              "title": "Meeting",
              "value": "Quality Assurance Group meeting",
            },
            {
              "title": "When",
              "value": "Wednesday 10 June 2026 at 10:00",
            },
          ],
          "title": "Record attendance: Quality Assurance Group meeting",
        },
        "text": "The Quality Assurance Group meeting on Wednesday 10 June 2026 at 10:00 has no attendance register yet. Reply "attendance" to record who came, sent apologies or was absent.",
      }
    `);
  });

  it('summarises the quarter for the Executive', () => {
    expect(renderMessage(db, message('2026-07-01T08:00:00Z', 'digest:2026-27-Q1:teams:19:exec@thread.tacv2'))).toMatchInlineSnapshot(`
      {
        "summary": {
          "commands": [
            {
              "command": "digest 2026/27 Q1",
              "title": "Full digest",
            },
          ],
          "facts": [
            {
              "title": "Delivery",
              "value": "13% (1 of 8), down 1 point on last quarter",
            },
            {
              "title": "Overdue at quarter end",
              "value": "5",
            },
            {
              "title": "At risk or off track",
              "value": "1",
            },
            {
              "title": "Meetings held",
              "value": "2 of 4",
            },
            {
              "title": "Below engagement threshold",
              "value": "Testshire Council at Quality Assurance Group (0%); Testshire Police at Quality Assurance Group (0%); Testshire Schools at Quality Assurance Group (0%)",
            },
          ],
          "title": "Quarterly digest: 2026/27 Q1",
        },
        "text": "Quarterly digest for 2026/27 Q1: 13% of Business plan 2025–27 delivered (1 of 8 actions complete), down 1 point from 14% last quarter. At the quarter end 5 actions were overdue and 1 at risk or off track; 2 of 4 planned meetings were held; 3 agencies were below the engagement threshold. Reply "digest 2026/27 Q1" for the full digest.",
      }
    `);
  });

  it('names the first ten agencies below the engagement threshold and counts the rest', () => {
    const qag = db.subgroups.find((s) => s.id === 'qag')!;
    const extra = Array.from({ length: 12 }, (_, i) => ({ ...db.agencies[0]!, id: `extra-${i + 1}`, name: `Extra Agency ${i + 1}` }));
    const crowded = {
      ...db,
      agencies: [...db.agencies, ...extra],
      subgroups: db.subgroups.map((s) => (s === qag ? { ...qag, members: [...qag.members, ...extra.map((a) => ({ ...qag.members[0]!, agencyId: a.id }))] } : s)),
    };
    const below = renderMessage(crowded, message('2026-07-01T08:00:00Z', 'digest:2026-27-Q1:teams:19:exec@thread.tacv2')).summary.facts.find((f) => f.title === 'Below engagement threshold')!;
    expect(below.value.split('; ')).toHaveLength(11);
    expect(below.value).toMatch(/^Testshire Council at Quality Assurance Group \(0%\); .*; and 5 more \(reply "digest 2026\/27 Q1"\)$/);
  });

  it('counts an agency below the threshold in two groups once', () => {
    const qag = db.subgroups.find((s) => s.id === 'qag')!;
    const twin = { ...qag, id: 'qag-2', name: 'Second Group', shortName: 'QAG2', chairId: null };
    const meetings = db.meetings.filter((m) => m.subgroupId === 'qag').map((m) => ({ ...m, id: `${m.id}-2`, subgroupId: twin.id }));
    const digest = renderMessage({ ...db, subgroups: [...db.subgroups, twin], meetings: [...db.meetings, ...meetings] }, message('2026-07-01T08:00:00Z', 'digest:2026-27-Q1:teams:19:exec@thread.tacv2'));
    // Council, Police and Schools sent nobody to either group's meetings; the ICB, to the second's.
    expect(digest.summary.facts.find((f) => f.title === 'Below engagement threshold')!.value.split('; ')).toHaveLength(7);
    expect(digest.text).toContain('4 agencies were below the engagement threshold.');
  });

  it('says why when the digest cannot be prepared', () => {
    const noPlan = { ...db, plans: [], actions: [] };
    const digest = dueMessages(noPlan, '2026-07-01T08:00:00Z').find((m) => m.key === 'digest:2026-27-Q1:teams:19:exec@thread.tacv2')!;
    expect(renderMessage(noPlan, digest).text).toMatchInlineSnapshot(`"The quarterly digest for 2026/27 Q1 could not be prepared: No business plan covers 2026/27 Q1; add one, or name the plan to report on."`);
  });

  it('summarises a quarter that ended before any action existed', () => {
    expect(renderMessage(db, message('2026-01-02T09:00:00Z', 'digest:2025-26-Q3:teams:19:exec@thread.tacv2')).text).toMatchInlineSnapshot(`"Quarterly digest for 2025/26 Q3: No actions of Business plan 2025–27 count towards delivery yet. At the quarter end 0 actions were overdue and 0 at risk or off track; 0 of 0 planned meetings were held; no agency was below the engagement threshold. Reply "digest 2025/26 Q3" for the full digest."`);
  });
});

import { dueMessages } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { schedulerDatabase } from '../../scheduler/__fixtures__/schedulerFixtures.js';
import { composeReply } from '../../scheduler/composeReply.js';
import { summaryCard } from './scheduledCard.js';
import { teamsMessageOf } from './teamsMessage.js';

describe('a scheduled message in Teams', () => {
  it('is the sentence as text plus an Adaptive Card 1.5 with facts and an Update button', () => {
    const db = schedulerDatabase();
    const reminder = dueMessages(db, '2026-06-16T08:00:00Z').find((m) => m.key === 'reminder:due-14:A-1:2026-06-16')!;
    expect(teamsMessageOf(composeReply(db, reminder, '2026-06-16T08:00:00.000Z'))).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "data": {
                "msteams": {
                  "type": "imBack",
                  "value": "update A-1",
                },
              },
              "title": "Update",
              "type": "Action.Submit",
            },
          ],
          "body": [
            {
              "size": "medium",
              "text": "A-1 is due in 14 days, on Tuesday 30 June 2026",
              "type": "TextBlock",
              "weight": "bolder",
              "wrap": true,
            },
            {
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
                  "value": "30% done and on track",
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
              "type": "FactSet",
            },
          ],
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "text": "Reminder: A-1 “Audit of strategy meeting minutes” is due in 14 days, on Tuesday 30 June 2026. It is 30% done and on track. Reply "update A-1 60% on track — what happened" to record progress.",
      }
    `);
  });

  it('has no buttons when there is nothing to reply with', () => {
    const db = schedulerDatabase();
    const alert = dueMessages(db, '2026-07-14T08:00:00Z').find((m) => m.kind === 'overdue-alert')!;
    expect(teamsMessageOf(composeReply(db, alert, '2026-07-14T08:00:00.000Z')).card).toMatchObject({ actions: [] });
  });

  it('offers at most the six buttons Teams shows, the last listing every action', () => {
    const commands = Array.from({ length: 9 }, (_, i) => ({ title: `Update A-${i + 1}`, command: `update A-${i + 1}` }));
    const card = summaryCard({ title: 'Please update your actions', facts: [], commands });
    const actions = card.actions as Array<{ title: string; data: { msteams: { value: string } } }>;
    expect(actions.map((a) => [a.title, a.data.msteams.value])).toEqual([
      ['Update A-1', 'update A-1'],
      ['Update A-2', 'update A-2'],
      ['Update A-3', 'update A-3'],
      ['Update A-4', 'update A-4'],
      ['Update A-5', 'update A-5'],
      ['All my actions', 'my actions'],
    ]);
    expect(summaryCard({ title: 'x', facts: [], commands: commands.slice(0, 6) }).actions).toHaveLength(6);
  });
});

import { describe, expect, it } from 'vitest';
import { unwrap } from '../base/result.js';
import { emptyExamplePartnership, EXAMPLE_ACTOR, exampleHistory } from '../example/examplePartnership.js';
import { actors, by, sampleDatabase } from './__fixtures__/sampleDatabase.js';
import { applyCommands } from './applyCommands.js';
import type { CommandInput } from './commands.js';
import type { Database } from './database.js';
import { applyRecordChanges } from './recordChanges.js';

/** Everything a change leaves but the audit and the revision, which a store keeps apart. */
const records = (db: Database) => JSON.parse(JSON.stringify({ ...db, audit: [], revision: 0 })) as unknown;

describe('a change stored as the records it left', () => {
  it('rebuilds the whole example partnership, step by step, exactly as its commands did', () => {
    let viaCommands = emptyExamplePartnership();
    let viaRecords = viaCommands;
    for (const step of exampleHistory()) {
      const outcome = unwrap(applyCommands(viaCommands, step.commands, { actor: EXAMPLE_ACTOR, at: step.at }));
      expect(outcome.changes).toHaveLength(outcome.audit.length);
      viaRecords = unwrap(applyRecordChanges(viaRecords, outcome.changes, { validate: true }));
      viaCommands = outcome.db;
    }
    expect(viaCommands.attendance.length).toBeGreaterThan(100);
    expect(records(viaRecords)).toEqual(records(viaCommands));
  });

  const sequences: Array<[string, Array<[CommandInput[], keyof typeof actors]>]> = [
    [
      'a register corrected with replace, removing a line and adding another',
      [
        [[{ type: 'attendance.record', meetingId: 'qag-2025-05', entries: [{ personId: 'chloe-chair', status: 'present' }, { personId: 'ben-bystander', status: 'present' }] }], 'chair'],
        [[{ type: 'attendance.record', meetingId: 'qag-2025-05', replace: true, entries: [{ personId: 'chloe-chair', status: 'present' }, { guestName: 'A Visitor', status: 'present' }] }], 'chair'],
      ],
    ],
    [
      'a line removed and recorded again in one batch',
      [
        [[{ type: 'attendance.record', meetingId: 'qag-2025-05', entries: [{ personId: 'chloe-chair', status: 'present' }, { personId: 'ben-bystander', status: 'present' }] }], 'chair'],
        [
          [
            { type: 'attendance.record', meetingId: 'qag-2025-05', replace: true, entries: [{ personId: 'ben-bystander', status: 'present' }] },
            { type: 'attendance.record', meetingId: 'qag-2025-05', entries: [{ personId: 'chloe-chair', status: 'apologies' }] },
          ],
          'chair',
        ],
      ],
    ],
    [
      'action updates appended to a history',
      [
        [[{ type: 'action.update', ref: 'A-1', progress: 20 }], 'owner'],
        [[{ type: 'action.update', ref: 'A-1', note: 'Met the leads' }, { type: 'action.snooze', ref: 'A-1', until: '2025-06-20' }], 'owner'],
      ],
    ],
    [
      'the partnership, the outbox and a saved conversation',
      [
        [[{ type: 'partnership.update', partnership: { engagementThreshold: 60 } }], 'cli'],
        [[{ type: 'outbox.claim', key: 'reminder:x' }, { type: 'outbox.settle', key: 'reminder:x', state: 'sent' }], 'scheduler'],
        [
          [
            {
              type: 'conversation.save',
              conversation: { key: 'teams:olu', channel: 'teams', scope: 'personal', personId: 'olu-owner', conversationId: 'c-1', reference: { a: 1 }, savedAt: '2025-06-01T10:00:00.000Z' },
            },
          ],
          'scheduler',
        ],
      ],
    ],
  ];

  it.each(sequences)('gives what the commands gave for %s', (_, steps) => {
    let viaCommands = sampleDatabase();
    let viaRecords = viaCommands;
    for (const [commands, actor] of steps) {
      const outcome = unwrap(applyCommands(viaCommands, commands, by(actors[actor])));
      expect(outcome.changes.length).toBeGreaterThan(0);
      viaRecords = unwrap(applyRecordChanges(viaRecords, outcome.changes, { validate: true }));
      viaCommands = outcome.db;
    }
    expect(records(viaRecords)).toEqual(records(viaCommands));
  });

  it('carries an action update as the history entries it added, not the whole history', () => {
    const outcome = unwrap(applyCommands(sampleDatabase(), [{ type: 'action.update', ref: 'A-1', progress: 20 }], by(actors.owner)));
    const [change] = outcome.changes;
    expect(change?.record).not.toHaveProperty('history');
    expect(change?.appended).toMatchObject({ field: 'history', from: 1, items: [{ progress: 20 }] });
  });

  it('refuses a history that does not follow on from the record it is applied to', () => {
    const db = sampleDatabase();
    const outcome = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'A-1', progress: 20 }], by(actors.owner)));
    const once = unwrap(applyRecordChanges(db, outcome.changes, { validate: true }));
    const twice = applyRecordChanges(once, outcome.changes, { validate: true });
    expect(twice.success ? 'applied' : twice.error.message).toBe('changes[0] (actions A-1): history has 2 entries where the change follows on from 1');
  });

  it('refuses, naming the place, a record that breaks its schema', () => {
    const result = applyRecordChanges(sampleDatabase(), [{ target: 'people', key: 'x', record: { id: 'x', name: '', email: 'x@example.org' } }], { validate: true });
    expect(result.success ? 'applied' : result.error.message).toMatch(/^changes\[0\] \(people x\): name: /);
  });

  it('leaves the database it was given as it was', () => {
    const db = sampleDatabase();
    const before = JSON.stringify(db);
    const outcome = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'A-1', progress: 20 }], by(actors.owner)));
    unwrap(applyRecordChanges(db, outcome.changes, { validate: true }));
    expect(JSON.stringify(db)).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Actor } from '../audit/auditEntry.js';
import { unwrap } from '../base/result.js';
import type { ActionStatus } from '../plan/plan.js';
import { actors, by, NOW, sampleDatabase } from './__fixtures__/sampleDatabase.js';
import { applyCommands, type ChangeOutcome } from './applyCommands.js';
import type { CommandInput, RegisterEntry } from './commands.js';
import type { Database } from './database.js';

const HELD = 'qag-2025-05';
const CANCELLED = 'qag-2025-04';
const FUTURE = 'qag-2025-07';

const register = (meetingId: string, entries: z.input<typeof RegisterEntry>[]): CommandInput => ({
  type: 'attendance.record',
  meetingId,
  entries,
});

const fullRegister = register(HELD, [
  { personId: 'chloe-chair', status: 'present' },
  { personId: 'dev-deputy', status: 'apologies' },
  { guestName: 'Pat Guest', status: 'present' },
]);

/** Applies commands to the sample database, failing the test if they are refused. */
function applied(commands: readonly CommandInput[], actor: Actor = actors.cli, db: Database = sampleDatabase(), at = NOW): ChangeOutcome {
  return unwrap(applyCommands(db, commands, by(actor, at)));
}

/** Applies commands expecting a refusal; checks nothing changed and returns the error. */
function refused(commands: readonly CommandInput[], actor: Actor = actors.cli, db: Database = sampleDatabase(), at = NOW) {
  const before = structuredClone(db);
  const result = applyCommands(db, commands, by(actor, at));
  expect(result.success).toBe(false);
  expect(db).toEqual(before);
  if (result.success) throw new Error('unreachable');
  return result.error;
}

const actionA1 = (db: Database) => db.actions.find((a) => a.ref === 'A-1')!;

describe('recording attendance', () => {
  it('lets the chair record the register of a held meeting, marking it held', () => {
    const { db, audit } = applied([fullRegister], actors.chair);
    expect(db.attendance.filter((a) => a.meetingId === HELD).map((a) => [a.id, a.status, a.recordedById])).toEqual([
      ['qag-2025-05/chloe-chair', 'present', 'chloe-chair'],
      ['qag-2025-05/dev-deputy', 'apologies', 'chloe-chair'],
      ['qag-2025-05/guest:pat-guest', 'present', 'chloe-chair'],
    ]);
    expect(db.meetings.find((m) => m.id === HELD)?.status).toBe('held');
    expect(audit.map((e) => `${e.entity} ${e.entityId}`)).toEqual([
      'attendance qag-2025-05/chloe-chair',
      'attendance qag-2025-05/dev-deputy',
      'attendance qag-2025-05/guest:pat-guest',
      'meeting qag-2025-05',
    ]);
    expect(db.revision).toBe(1);
  });

  it.each([
    ['the deputy chair', actors.deputy],
    ['the business team', actors.businessTeam],
  ])('lets %s record it too', (_who, actor) => {
    expect(applied([fullRegister], actor).db.attendance).toHaveLength(3);
  });

  it('refuses a member who does not chair the subgroup, changing nothing', () => {
    const error = refused([fullRegister], actors.bystander);
    expect(error.code).toBe('attendance.not_chair');
  });

  it('refuses a person the partnership does not know', () => {
    expect(refused([fullRegister], actors.stranger).code).toBe('access.unknown_person');
  });

  it('refuses a cancelled meeting, which has no register', () => {
    const error = refused([register(CANCELLED, [{ personId: 'chloe-chair', status: 'present' }])], actors.chair);
    expect(error).toMatchInlineSnapshot(`
      {
        "code": "attendance.meeting_cancelled",
        "message": "The Quality Assurance Group meeting qag-2025-04 was cancelled; it has no register.",
      }
    `);
  });

  it('refuses a meeting that has not started yet', () => {
    const error = refused([register(FUTURE, [{ personId: 'chloe-chair', status: 'present' }])], actors.chair);
    expect(error).toMatchInlineSnapshot(`
      {
        "code": "attendance.meeting_not_started",
        "message": "The Quality Assurance Group meeting qag-2025-07 has not started yet.",
      }
    `);
  });

  it('accepts the register from the moment the meeting starts', () => {
    const { db } = applied([register(FUTURE, [{ personId: 'chloe-chair', status: 'present' }])], actors.chair, sampleDatabase(), '2025-07-09T09:30:00.000Z');
    expect(db.attendance).toHaveLength(1);
  });

  it.each<[string, CommandInput, string]>([
    ['a line for an unknown person', register(HELD, [{ personId: 'nobody', status: 'present' }]), 'attendance.unknown_person'],
    ['a deputy for an unknown person', register(HELD, [{ personId: 'dev-deputy', status: 'present', deputisingForId: 'nobody' }]), 'attendance.unknown_person'],
    ['the same person twice', register(HELD, [{ personId: 'dev-deputy', status: 'present' }, { personId: 'dev-deputy', status: 'absent' }]), 'attendance.duplicate_line'],
    ['an unknown meeting', register('qag-1999-01', [{ personId: 'dev-deputy', status: 'present' }]), 'meeting.not_found'],
  ])('refuses %s', (_what, command, code) => {
    expect(refused([command], actors.chair).code).toBe(code);
  });

  it('treats a resubmitted register as no change: no audit entries, no new revision', () => {
    const first = applied([fullRegister], actors.chair);
    const again = applied([fullRegister], actors.businessTeam, first.db, '2025-06-02T08:00:00.000Z');
    expect(again.audit).toEqual([]);
    expect(again.db).toBe(first.db);
    expect(again.db.revision).toBe(1);
  });

  it('changes only the lines that changed when the register is corrected', () => {
    const first = applied([fullRegister], actors.chair);
    const corrected = applied([register(HELD, [{ personId: 'dev-deputy', status: 'present' }])], actors.chair, first.db);
    expect(corrected.audit.map((e) => [e.entityId, (e.before as { status: string }).status, (e.after as { status: string }).status])).toEqual([
      ['qag-2025-05/dev-deputy', 'apologies', 'present'],
    ]);
    expect(corrected.db.attendance).toHaveLength(3);
  });

  it('removes lines left out of a replacing register, recording each removal', () => {
    const first = applied([fullRegister], actors.chair);
    const replaced = applied([{ ...fullRegister, entries: [{ personId: 'chloe-chair', status: 'present' }], replace: true } as CommandInput], actors.chair, first.db);
    expect(replaced.db.attendance.map((a) => a.id)).toEqual(['qag-2025-05/chloe-chair']);
    expect(replaced.audit.map((e) => [e.entityId, e.after])).toEqual([
      ['qag-2025-05/dev-deputy', null],
      ['qag-2025-05/guest:pat-guest', null],
    ]);
  });
});

describe("choosing the channel a subgroup's digests are posted to", () => {
  const bindHere = (conversationId = '19:qag@thread.tacv2', name: string | null = 'QAG'): CommandInput => ({
    type: 'subgroup.setChannel',
    subgroupId: 'qag',
    channel: { kind: 'teams', conversationId, name },
  });
  const stop: CommandInput = { type: 'subgroup.setChannel', subgroupId: 'qag', channel: null };

  it.each([
    ['the chair', actors.chair],
    ['the deputy chair', actors.deputy],
    ['the business team', actors.businessTeam],
  ])('lets %s bind a channel, recording who and when, audited', (_who, actor) => {
    const outcome = applied([bindHere()], actor);
    const binding = { kind: 'teams', conversationId: '19:qag@thread.tacv2', name: 'QAG', boundBy: actor.personId, boundAt: NOW };
    expect(outcome.db.subgroups[0]!.channel).toEqual(binding);
    expect(outcome.audit).toEqual([expect.objectContaining({ command: 'subgroup.setChannel', entity: 'subgroup', entityId: 'qag', by: actor.personId, before: { channel: null }, after: { channel: binding } })]);
  });

  it('refuses anyone else, naming who may', () => {
    expect(refused([bindHere()], actors.owner)).toMatchObject({ code: 'subgroup.not_chair', message: expect.stringContaining('Only the chair or deputy chair of Quality Assurance Group') });
    expect(refused([bindHere()], actors.leaver).code).toBe('access.unknown_person');
  });

  it('keeps the first binding when the same channel is bound again, and moves it to another channel', () => {
    const first = applied([bindHere()], actors.chair);
    const again = applied([bindHere()], actors.deputy, first.db, '2025-06-02T10:00:00.000Z');
    expect(again.audit).toEqual([]);
    const moved = applied([bindHere('19:elsewhere@thread.tacv2', null)], actors.deputy, first.db, '2025-06-02T10:00:00.000Z');
    expect(moved.db.subgroups[0]!.channel).toMatchObject({ conversationId: '19:elsewhere@thread.tacv2', boundBy: 'dev-deputy', boundAt: '2025-06-02T10:00:00.000Z' });
  });

  it('stops posting with a null channel, audited', () => {
    const first = applied([bindHere()], actors.chair);
    const stopped = applied([stop], actors.chair, first.db);
    expect(stopped.db.subgroups[0]!.channel).toBeNull();
    expect(stopped.audit[0]).toMatchObject({ before: { channel: { conversationId: '19:qag@thread.tacv2' } }, after: { channel: null } });
  });

  it('is not undone by a subgroup import made from an older read', () => {
    const stale = sampleDatabase().subgroups[0]!;
    const first = applied([bindHere()], actors.chair);
    const imported = applied([{ type: 'subgroup.upsert', subgroup: { ...stale, cadence: 'monthly' } }], actors.cli, first.db);
    expect(imported.db.subgroups[0]).toMatchObject({ cadence: 'monthly', channel: { conversationId: '19:qag@thread.tacv2' } });
  });

  it('refuses a subgroup that does not exist', () => {
    expect(refused([{ ...bindHere(), subgroupId: 'nope' } as CommandInput], actors.businessTeam).code).toBe('subgroup.not_found');
  });
});

describe('updating an action', () => {
  const update = (fields: { progress?: number; status?: ActionStatus; note?: string }): CommandInput => ({ type: 'action.update', ref: 'A-1', ...fields });

  it('lets the owner record progress, appending to the history under their name', () => {
    const { db, audit } = applied([update({ progress: 40, note: 'Toolkit drafted' })], actors.owner);
    const action = actionA1(db);
    expect([action.status, action.progress]).toEqual(['on-track', 40]);
    expect(action.history.at(-1)).toEqual({ at: NOW, byId: 'olu-owner', progress: 40, status: 'on-track', note: 'Toolkit drafted', requestId: null, proposal: null });
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['the business team', actors.businessTeam],
    ['the scheduler', actors.scheduler],
  ])('lets %s update an action they do not own', (_who, actor) => {
    expect(actionA1(applied([update({ status: 'at-risk' })], actor).db).status).toBe('at-risk');
  });

  it.each<[string, Actor, string]>([
    ['a chair who does not own it', actors.chair, 'action.not_owner'],
    ['another partner', actors.bystander, 'action.not_owner'],
    ['a business-team member who has left', actors.leaver, 'access.unknown_person'],
    ['a stranger', actors.stranger, 'access.unknown_person'],
  ])('refuses %s', (_who, actor, code) => {
    expect(refused([update({ progress: 50 })], actor).code).toBe(code);
  });

  it('refuses an action that does not exist', () => {
    expect(refused([{ type: 'action.update', ref: 'A-99', progress: 10 }]).code).toBe('action.not_found');
  });

  // Starting status and progress, the update, then the resulting status and progress.
  it.each<[ActionStatus, number, { progress?: number; status?: ActionStatus }, ActionStatus, number]>([
    ['not-started', 0, { progress: 100 }, 'complete', 100],
    ['not-started', 0, { status: 'complete' }, 'complete', 100],
    ['not-started', 0, { progress: 30 }, 'on-track', 30],
    ['not-started', 0, { progress: 0, status: 'at-risk' }, 'at-risk', 0],
    ['at-risk', 50, { progress: 60 }, 'at-risk', 60],
    ['off-track', 50, { status: 'on-track' }, 'on-track', 50],
    ['complete', 100, { progress: 80 }, 'on-track', 80],
    ['complete', 100, { progress: 0 }, 'not-started', 0],
  ])('%s at %i%% updated with %o becomes %s at %i%%', (status, progress, fields, expectedStatus, expectedProgress) => {
    const start = sampleDatabase();
    const a1 = actionA1(start);
    start.actions = [{ ...a1, status, progress, history: [...a1.history, { ...a1.history[0]!, status, progress }] }];
    // Reopening a completed action is the business team's, with a reason.
    const reopening = status === 'complete';
    const action = actionA1(applied([update(reopening ? { ...fields, note: 'Reopened: the audit found gaps' } : fields)], reopening ? actors.businessTeam : actors.owner, start).db);
    expect([action.status, action.progress]).toEqual([expectedStatus, expectedProgress]);
  });

  it('refuses complete with less than 100%', () => {
    expect(refused([update({ status: 'complete', progress: 90 })], actors.owner)).toMatchInlineSnapshot(`
      {
        "code": "action.complete_needs_100",
        "message": "A-1 cannot be complete at 90%: complete means 100%.",
      }
    `);
  });

  it('refuses an update that says nothing', () => {
    expect(refused([update({})], actors.owner)).toMatchInlineSnapshot(`
      {
        "code": "action.empty_update",
        "message": "Say what changed for A-1: a progress %, a status or a note.",
      }
    `);
  });

  it('records a note alone as a history entry without changing status', () => {
    const action = actionA1(applied([update({ note: 'Chased the council' })], actors.owner).db);
    expect([action.status, action.progress, action.history.length]).toEqual(['not-started', 0, 2]);
  });
});

describe('a batch of commands', () => {
  const agency = { type: 'agency.upsert', agency: { id: 'health', name: 'South West London ICB', sector: 'health', statutoryRole: 'health' } } as const;
  const person = { type: 'person.upsert', person: { id: 'hana-health', name: 'Hana Health', email: 'hana@icb.example', agencyId: 'health' } } as const;

  it('sees the effect of earlier commands in later ones', () => {
    const { db, audit } = applied([agency, person]);
    expect(db.people.find((p) => p.id === 'hana-health')?.agencyId).toBe('health');
    expect(audit.map((e) => e.command)).toEqual(['agency.upsert', 'person.upsert']);
    expect(db.revision).toBe(1);
  });

  it('applies nothing when the third command fails, naming that command', () => {
    const error = refused([agency, person, { type: 'action.update', ref: 'A-99', progress: 10 }]);
    expect(error).toMatchInlineSnapshot(`
      {
        "code": "action.not_found",
        "details": {
          "commandIndex": 2,
        },
        "message": "command 3 of 3 (action.update): There is no action A-99.",
      }
    `);
  });

  it('names the command and field of a malformed command', () => {
    const error = refused([agency, { type: 'action.update', ref: 'A-1', progress: 140 } as CommandInput]);
    expect(error.code).toBe('command.invalid');
    expect(error.message).toMatchInlineSnapshot(`"commands[1].progress: Too big: expected number to be <=100"`);
  });

  it('treats re-applied upserts as no change: same database, no audit, no revision bump', () => {
    const first = applied([agency, person]);
    const again = applied([agency, person], actors.cli, first.db, '2025-06-03T12:00:00.000Z');
    expect(again.db).toBe(first.db);
    expect(again.audit).toEqual([]);
    expect(again.db.revision).toBe(1);
    expect(again.db.audit).toHaveLength(2);
  });

  it('never mutates the database it is given', () => {
    const db = sampleDatabase();
    const before = structuredClone(db);
    applied([agency, person, fullRegister, { type: 'action.update', ref: 'A-1', progress: 50 }], actors.cli, db);
    expect(db).toEqual(before);
  });
});

describe('the audit trail', () => {
  it('records who, when, what, before and after, numbering entries across commits', () => {
    const first = applied([{ type: 'action.update', ref: 'A-1', progress: 20 }], actors.owner);
    const second = applied([{ type: 'action.snooze', ref: 'A-1', until: '2025-06-15' }], actors.businessTeam, first.db, '2025-06-02T09:00:00.000Z');
    const [entry] = second.audit;
    expect(entry).toMatchObject({ seq: 2, at: '2025-06-02T09:00:00.000Z', by: 'bea-business', command: 'action.snooze', entity: 'action', entityId: 'A-1' });
    expect((entry!.before as { snoozedUntil: string | null }).snoozedUntil).toBeNull();
    expect((entry!.after as { snoozedUntil: string | null }).snoozedUntil).toBe('2025-06-15');
    expect(second.db.audit.map((e) => [e.seq, e.by])).toEqual([
      [1, 'olu-owner'],
      [2, 'bea-business'],
    ]);
    expect(second.db.revision).toBe(2);
  });

  it('labels system processes as such', () => {
    expect(applied([{ type: 'action.update', ref: 'A-1', progress: 20 }], actors.scheduler).audit[0]?.by).toBe('system:scheduler');
  });
});

describe('the outbox', () => {
  const claim = { type: 'outbox.claim', key: 'reminder:due-14:A-1:2025-09-16' } as const;

  it('lets the scheduler claim a message once', () => {
    const first = applied([claim], actors.scheduler);
    expect(first.db.outbox).toEqual([{ key: claim.key, state: 'claimed', claimedAt: NOW, sentAt: null, attempts: 1, error: null }]);
    const error = refused([claim], actors.scheduler, first.db);
    expect(error).toMatchInlineSnapshot(`
      {
        "code": "outbox.already_claimed",
        "message": "Message reminder:due-14:A-1:2025-09-16 is already claimed.",
      }
    `);
  });

  it('lets a failed message be claimed again, counting attempts', () => {
    const failed = applied([claim, { type: 'outbox.settle', key: claim.key, state: 'failed', error: 'Teams returned 503' }], actors.scheduler);
    const retried = applied([claim], actors.scheduler, failed.db);
    expect(retried.db.outbox[0]).toMatchObject({ state: 'claimed', attempts: 2 });
  });

  it('refuses a sent message a second claim', () => {
    const sent = applied([claim, { type: 'outbox.settle', key: claim.key, state: 'sent' }], actors.scheduler);
    expect(refused([claim], actors.scheduler, sent.db).code).toBe('outbox.already_claimed');
  });

  it('refuses people, who do not send messages', () => {
    expect(refused([claim], actors.businessTeam).code).toBe('access.system_only');
  });

  it('forgets settled messages it is told to, audited whole, but never one still being sent', () => {
    const event = { type: 'outbox.claim', key: 'slack:event:Ev01' } as const;
    const settled = applied([claim, event, { type: 'outbox.settle', key: event.key, state: 'sent' }], actors.scheduler);
    const { db, audit } = applied([{ type: 'outbox.forget', keys: [event.key, 'slack:event:gone-already'] }], actors.scheduler, settled.db);
    expect(db.outbox.map((m) => m.key)).toEqual([claim.key]);
    expect(audit).toMatchObject([{ command: 'outbox.forget', entity: 'outbox', entityId: event.key, before: { state: 'sent' }, after: null }]);
    expect(applied([{ type: 'outbox.forget', keys: [event.key] }], actors.scheduler, db).audit).toEqual([]);
    expect(refused([{ type: 'outbox.forget', keys: [claim.key] }], actors.scheduler, settled.db)).toEqual({
      code: 'outbox.unsettled',
      message: 'Message reminder:due-14:A-1:2025-09-16 is still being sent, so it cannot be forgotten.',
    });
    expect(refused([{ type: 'outbox.forget', keys: [event.key] }], actors.businessTeam, settled.db).code).toBe('access.system_only');
  });
});

describe('linking a Slack user (person.linkSlack)', () => {
  const link = (slackUserId: string, email = 'olu@council.example', personId = 'olu-owner'): CommandInput => ({ type: 'person.linkSlack', personId, slackUserId, email });
  const slackBot = { kind: 'system', name: 'slack' } as const;

  it('sets only the Slack id, audited, and is a no-op when repeated', () => {
    const { db, audit } = applied([link('U0OLU')], slackBot);
    const olu = db.people.find((p) => p.id === 'olu-owner')!;
    expect(olu).toEqual({ ...sampleDatabase().people.find((p) => p.id === 'olu-owner')!, slackUserId: 'U0OLU' });
    expect(audit.map((e) => [e.command, e.entityId, e.after])).toEqual([['person.linkSlack', 'olu-owner', { slackUserId: 'U0OLU' }]]);
    expect(applied([link('U0OLU')], slackBot, db).audit).toEqual([]);
  });

  it.each([
    ['the email no longer matches', link('U0OLU', 'old@council.example'), 'person.email_mismatch'],
    ['the person has left', link('U0LEE', 'lee@council.example', 'lee-leaver'), 'person.not_found'],
  ])('refuses when %s', (_why, command, code) => {
    expect(refused([command], slackBot).code).toBe(code);
  });

  it('never moves a Slack id from one person to another, nor replaces one', () => {
    const { db } = applied([link('U0OLU')], slackBot);
    expect(refused([link('U0OLU', 'ben@police.example', 'ben-bystander')], slackBot, db).code).toBe('person.duplicate_slack_id');
    expect(refused([link('U0OTHER')], slackBot, db).code).toBe('person.slack_id_taken');
  });

  it('is for the business team or the bot, not for a person linking themselves', () => {
    expect(refused([link('U0OLU')], actors.owner).code).toBe('access.not_business_team');
  });
});

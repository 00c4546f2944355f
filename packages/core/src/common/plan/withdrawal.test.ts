import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';
import { dueMessages } from '../reminders/reminderRules.js';
import { renderMessage } from '../reminders/renderMessage.js';
import { quarterlyDigest } from '../reporting/digest.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { deliveryPercent } from './delivery.js';

// Issue 11, item 6: withdrawing an action takes it out of the delivery figure, so only the
// business team or the Executive may; an owner may propose it.
const { people: PERSON, plans: PLAN } = EXAMPLE_IDS;
const example = examplePartnership();
const at = '2026-11-20T10:00:00.000Z';
const person = (personId: string): Actor => ({ kind: 'person', personId });
const owner = person(PERSON.socialCareHead); // owns A-2 (at risk) and A-1 (complete) of the 2024/25 plan
const businessManager = person(PERSON.businessManager);
const executive = person(PERSON.councilDirector); // role: executive, and chairs the Executive

const delivery2024 = (db: Database) => deliveryPercent(db.actions.filter((a) => a.planId === PLAN.year2024)).percent;

function attempt(commands: CommandInput[], actor: Actor, db: Database = example, when = at) {
  return applyCommands(db, commands, { actor, at: when });
}

const withdraw = (ref: string, note: string | null = null): CommandInput => ({ type: 'action.update', ref, status: 'withdrawn', note });

describe('withdrawing an action', () => {
  it('is refused to its owner, and the 2024/25 plan stays 86% delivered', () => {
    expect(delivery2024(example)).toBe(86);
    const result = attempt([withdraw('A-2', 'No longer needed')], owner);
    expect(result.success ? null : result.error).toEqual({
      code: 'action.withdraw_not_allowed',
      message:
        "Only the business team or the Executive can withdraw A-2: it changes the plan's delivery figure. As its owner you can propose the withdrawal, with your reason, and the business team will be told.",
    });
    const all = attempt(['A-2', 'A-20', 'A-45', 'A-37', 'A-25', 'A-38', 'A-27'].map((ref) => withdraw(ref, 'Done elsewhere')), owner);
    expect(all.success).toBe(false);
  });

  it('is for the business team or the Executive, with the reason in the history', () => {
    for (const actor of [businessManager, executive, { kind: 'system', name: 'ptrack' } as Actor]) {
      const { db } = unwrap(attempt([withdraw('A-2', 'Superseded by the Families First programme')], actor));
      const action = db.actions.find((a) => a.ref === 'A-2')!;
      expect(action.status).toBe('withdrawn');
      expect(action.history.at(-1)).toMatchObject({ status: 'withdrawn', note: 'Superseded by the Families First programme' });
    }
  });

  it('needs a reason', () => {
    const result = attempt([withdraw('A-2')], businessManager);
    expect(result.success ? null : result.error).toEqual({ code: 'action.reason_needed', message: 'Say why A-2 is withdrawn: the reason goes into its history.' });
  });
});

describe('reopening a completed or withdrawn action', () => {
  it('is refused to its owner', () => {
    const result = attempt([{ type: 'action.update', ref: 'A-1', progress: 90, note: 'More to do' }], owner);
    expect(result.success ? null : result.error.code).toBe('action.reopen_not_allowed');
    const reinstated = attempt([{ type: 'action.update', ref: 'A-51', status: 'on-track', note: 'Back on' }], person(PERSON.youthJusticeHead));
    expect(reinstated.success ? null : reinstated.error.code).toBe('action.reopen_not_allowed');
  });

  it('is the business team’s or the Executive’s, with a reason', () => {
    const silent = attempt([{ type: 'action.update', ref: 'A-1', progress: 90 }], businessManager);
    expect(silent.success ? null : silent.error.code).toBe('action.reason_needed');
    const { db } = unwrap(attempt([{ type: 'action.update', ref: 'A-1', progress: 90, note: 'The audit found gaps' }], businessManager));
    expect(db.actions.find((a) => a.ref === 'A-1')).toMatchObject({ status: 'on-track', progress: 90 });
    const reinstated = unwrap(attempt([{ type: 'action.update', ref: 'A-51', status: 'on-track', note: 'Back on the plan' }], executive)).db;
    expect(reinstated.actions.find((a) => a.ref === 'A-51')?.status).toBe('on-track');
  });

  it('leaves the owner free to update an open action as before', () => {
    expect(attempt([{ type: 'action.update', ref: 'A-2', progress: 70, status: 'on-track' }], owner).success).toBe(true);
  });
});

describe('an owner proposing a withdrawal', () => {
  const proposed = unwrap(attempt([{ type: 'action.proposeWithdrawal', ref: 'A-2', reason: 'The Families First programme replaces it' }], owner)).db;
  const action = proposed.actions.find((a) => a.ref === 'A-2')!;

  it('is recorded in the history without changing the action', () => {
    expect([action.status, action.progress]).toEqual(['at-risk', example.actions.find((a) => a.ref === 'A-2')!.progress]);
    expect(action.history.at(-1)).toMatchObject({ byId: PERSON.socialCareHead, note: 'The Families First programme replaces it', proposal: 'withdraw' });
    expect(delivery2024(proposed)).toBe(86);
  });

  it('tells each active member of the business team at once', () => {
    const told = dueMessages(proposed, '2026-11-20T10:05:00.000Z').filter((m) => m.kind === 'withdrawal-proposal');
    expect(told.map((m) => `${m.key} @ ${m.sendAt}`)).toEqual([
      `withdrawal-proposal:A-2:${at}:${PERSON.businessManager} @ ${at}`,
      `withdrawal-proposal:A-2:${at}:${PERSON.qualityAssuranceOfficer} @ ${at}`,
    ]);
    expect(renderMessage(proposed, told[0]!).text).toMatchInlineSnapshot(
      `"Head of Safeguarding and Quality Review, Children's Social Care proposes withdrawing A-2 “Advocate for a combined Early Help and Families Hub Strategy”: The Families First programme replaces it A withdrawn action leaves the plan's delivery figure, so only the business team or the Executive withdraw one. Reply "update A-2 withdrawn — your reason" to withdraw it, or tell Head of Safeguarding and Quality Review, Children's Social Care why it stays."`,
    );
  });

  it('tells no one once the action is withdrawn', () => {
    const { db } = unwrap(attempt([withdraw('A-2', 'Agreed with the owner')], businessManager, proposed, '2026-11-20T11:00:00.000Z'));
    expect(dueMessages(db, '2026-11-20T11:05:00.000Z').filter((m) => m.kind === 'withdrawal-proposal')).toEqual([]);
  });

  it('is only for the owner or the business team, and not of an action already withdrawn', () => {
    const stranger = attempt([{ type: 'action.proposeWithdrawal', ref: 'A-2', reason: 'x' }], person(PERSON.policeInspector));
    expect(stranger.success ? null : stranger.error.code).toBe('action.not_owner');
    const again = attempt([{ type: 'action.proposeWithdrawal', ref: 'A-51', reason: 'x' }], businessManager);
    expect(again.success ? null : again.error.code).toBe('action.already_withdrawn');
  });
});

describe('the quarterly digest', () => {
  it('lists the actions withdrawn in the quarter, by whom and why', () => {
    const digest = unwrap(quarterlyDigest(example, { quarter: unwrap(parsePeriod('2024/25 Q2')), now: at }));
    expect(digest.withdrawnThisQuarter).toEqual([
      {
        ref: 'A-51',
        title: 'Collect neurodivergence data through agency datasets',
        ownerName: 'CSCP Quality Assurance Officer',
        withdrawnOn: '2024-09-27',
        byName: 'system:example',
        reason: 'Withdrawn: the Dataset Meeting found it too complex; captured through audit instead (A-30).',
      },
    ]);
    expect(unwrap(quarterlyDigest(example, { quarter: unwrap(parsePeriod('2024/25 Q3')), now: at })).withdrawnThisQuarter).toEqual([]);
  });
});

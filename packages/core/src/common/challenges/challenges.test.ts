import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { examplePartnership, EXAMPLE_IDS } from '../example/index.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import type { Challenge } from './challenge.js';
import { stageOf } from './challenge.js';
import { challengeActions, challengeCounts, challengeCountsSentence, challengesReport, executiveImpact } from './challengeTables.js';
import printed from './__fixtures__/impact-of-executive-actions-2024-25.json' with { type: 'json' };

const year = (label: string) => unwrap(parsePeriod(label));

/** The sample partnership with Eve of the Executive and Sam, the Independent Scrutineer. */
function withRoles(): Database {
  return unwrap(
    applyCommands(
      sampleDatabase(),
      [
        { type: 'person.upsert', person: { id: 'eve-executive', name: 'Eve Executive', email: 'eve@police.example', agencyId: 'police', roles: ['executive'] } },
        { type: 'person.upsert', person: { id: 'sam-scrutineer', name: 'Sam Scrutineer', email: 'sam@cscp.example', agencyId: null, roles: ['scrutineer'] } },
      ],
      by(actors.cli),
    ),
  ).db;
}

const executive = { kind: 'person', personId: 'eve-executive' } as const;
const scrutineer = { kind: 'person', personId: 'sam-scrutineer' } as const;

const housing: z.input<typeof Challenge> = {
  id: 'ch-1',
  raisedBy: 'executive',
  toAgencyIds: ['council'],
  issue: 'Challenge of Housing representation',
  raisedOn: '2025-04-10',
  stage: 2,
};

const upsert = (challenge: z.input<typeof Challenge>): CommandInput => ({ type: 'challenge.upsert', challenge });

describe('the challenge and escalation log', () => {
  it('is kept by the Executive and the business team, audited like any change', () => {
    const outcome = unwrap(applyCommands(withRoles(), [upsert(housing)], by(executive)));
    expect(outcome.db.challenges.map((c) => [c.id, c.stage, c.outcome])).toEqual([['ch-1', 2, null]]);
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['eve-executive', 'challenge.upsert', 'challenge', 'ch-1']]);
    expect(outcome.changes.map((c) => [c.target, c.key])).toEqual([['challenges', 'ch-1']]);
    expect(applyCommands(withRoles(), [upsert(housing)], by(actors.businessTeam)).success).toBe(true);
  });

  it('changes nothing when the same challenge is logged again', () => {
    const db = unwrap(applyCommands(withRoles(), [upsert(housing)], by(actors.businessTeam))).db;
    const again = unwrap(applyCommands(db, [upsert(housing)], by(actors.businessTeam)));
    expect(again.audit).toEqual([]);
    expect(again.db).toBe(db);
  });

  it('refuses anyone else, saying who may change it', () => {
    const refused = applyCommands(withRoles(), [upsert(housing)], by(actors.chair));
    expect(refused.success ? null : refused.error).toMatchObject({
      code: 'register.not_maintainer',
      message: 'Only the Executive (or the business team) can change the challenge log.',
    });
  });

  it('lets the Independent Scrutineer log a challenge scrutineers raise, but leaves the rest to the Executive', () => {
    const own = { ...housing, id: 'ch-2', raisedBy: 'independent-scrutineer' as const };
    const logged = unwrap(applyCommands(withRoles(), [upsert(own)], by(scrutineer)));
    expect(logged.audit.map((e) => e.by)).toEqual(['sam-scrutineer']);
    const closing = applyCommands(logged.db, [upsert({ ...own, outcome: 'resolved', closedOn: '2025-05-01' })], by(scrutineer));
    expect(closing.success ? null : closing.error.code).toBe('challenge.scrutineer_logs_new');
    const others = applyCommands(withRoles(), [upsert(housing)], by(scrutineer));
    expect(others.success ? null : others.error.message).toBe('A scrutineer logs the challenge scrutineers raise; the business team or the Executive logs the rest.');
  });

  it.each<[string, Partial<z.input<typeof Challenge>>, string]>([
    ['a subgroup raiser with no subgroup', { raisedBy: 'subgroup' }, 'challenge.subgroup_needed'],
    ['an unknown subgroup', { raisedBy: 'subgroup', subgroupId: 'nobody' }, 'challenge.unknown_subgroup'],
    ['a subgroup named for the Executive', { subgroupId: 'qag' }, 'challenge.subgroup_not_raiser'],
    ['an agency not in the register', { toAgencyIds: ['housing'] }, 'challenge.unknown_agency'],
    ['an agency named twice', { toAgencyIds: ['council', 'council'] }, 'challenge.duplicate_agency'],
    ['an escalation that does not move up', { escalations: [{ stage: 2, on: '2025-05-01' }] }, 'challenge.escalation'],
    ['an escalation before the challenge', { escalations: [{ stage: 3, on: '2025-04-01' }] }, 'challenge.dates'],
    ['a response before the challenge', { response: 'Agreed', respondedOn: '2025-04-01' }, 'challenge.dates'],
    ['a response date with no response', { respondedOn: '2025-05-01' }, 'challenge.response_needed'],
    ['an outcome with no day it closed', { outcome: 'resolved' }, 'challenge.outcome'],
    ['evidence of impact while open', { evidenceOfImpact: 'Housing now attends' }, 'challenge.impact_before_close'],
    ['closing before the last escalation', { escalations: [{ stage: 3, on: '2025-06-01' }], outcome: 'resolved', closedOn: '2025-05-01' }, 'challenge.dates'],
  ])('refuses %s, and writes nothing', (_what, change, code) => {
    const db = withRoles();
    const refused = applyCommands(db, [upsert({ ...housing, ...change })], by(actors.businessTeam));
    expect(refused.success ? null : refused.error.code).toBe(code);
  });

  it('refuses a stage outside the protocol', () => {
    const refused = applyCommands(withRoles(), [upsert({ ...housing, stage: 4 as 3 })], by(actors.businessTeam));
    expect(refused.success ? null : refused.error.code).toBe('command.invalid');
  });

  it('links actions taken on a challenge back to it, and refuses a link to a challenge not in the log', () => {
    const db = unwrap(applyCommands(withRoles(), [upsert(housing)], by(executive))).db;
    const action = (recordId: string, kind: 'executive' | 'challenge' = 'executive'): CommandInput => ({
      type: 'action.create',
      action: { ref: 'X-1', planId: 'plan-2025-27', title: 'Agree a Housing representative', due: '2025-09-30', source: { kind, reference: 'Executive, April 2025', recordId } },
    });
    const linked = unwrap(applyCommands(db, [action('ch-1')], by(executive)));
    expect(challengeActions(linked.db, 'ch-1').map((a) => a.ref)).toEqual(['X-1']);
    const missing = applyCommands(db, [action('ch-9', 'challenge')], by(executive));
    expect(missing.success ? null : missing.error.message).toBe('X-1: there is no challenge "ch-9" in the challenge log.');
    const stranger = applyCommands(db, [action('ch-1')], by(actors.owner));
    expect(stranger.success ? null : stranger.error.code).toBe('register.not_maintainer');
  });
});

describe('stages and counts', () => {
  it('takes the stage a challenge had reached on a day from its escalations', () => {
    const challenge = { stage: 1 as const, escalations: [{ stage: 2 as const, on: '2025-01-10' }, { stage: 3 as const, on: '2025-05-01' }] };
    expect([stageOf(challenge, '2025-01-09'), stageOf(challenge, '2025-01-10'), stageOf(challenge, '2025-03-31'), stageOf(challenge)]).toEqual([1, 2, 2, 3]);
  });

  it('counts a year by stage and outcome as they stood at its end, so a later escalation or closing leaves it as published', () => {
    const db = withRoles();
    const logged = unwrap(
      applyCommands(
        db,
        [
          upsert({ ...housing, id: 'a', raisedOn: '2024-05-01', stage: 1, outcome: 'resolved', closedOn: '2024-06-01' }),
          upsert({ ...housing, id: 'b', raisedOn: '2024-09-01', stage: 1, escalations: [{ stage: 2, on: '2024-12-01' }, { stage: 3, on: '2025-05-01' }], outcome: 'not-resolved', closedOn: '2025-06-01' }),
          upsert({ ...housing, id: 'c', raisedOn: '2023-11-01', stage: 2, outcome: 'partly-resolved', closedOn: '2024-04-01' }),
          upsert({ ...housing, id: 'd', raisedOn: '2023-01-01', stage: 1, outcome: 'resolved', closedOn: '2024-03-31' }),
          upsert({ ...housing, id: 'e', raisedOn: '2025-04-01', stage: 3 }),
        ],
        by(actors.businessTeam),
      ),
    ).db;
    const counts = challengeCounts(logged, year('2024/25'));
    expect([counts.total, counts.raised, counts.closed]).toEqual([3, 2, 2]);
    expect(counts.byStage).toEqual({
      1: { open: 0, resolved: 1, 'partly-resolved': 0, 'not-resolved': 0, withdrawn: 0 },
      2: { open: 1, resolved: 0, 'partly-resolved': 1, 'not-resolved': 0, withdrawn: 0 },
      3: { open: 0, resolved: 0, 'partly-resolved': 0, 'not-resolved': 0, withdrawn: 0 },
    });
    expect(challengeCountsSentence(counts, '2024/25')).toBe('3 challenges under way in 2024/25: 2 raised and 2 closed in it');
    expect(challengeCounts(logged, year('2025/26')).byStage[3]).toMatchObject({ open: 1, 'not-resolved': 1 });
  });
});

/** The report's "Impact of Executive Actions" rows as printed (its two tables), markup taken out. */
function printedImpactRows(): Array<[string, string]> {
  return printed.text
    .split('\n')
    .filter((line) => line.includes('\t') && !line.startsWith('Impact Area\t'))
    .map((line) => line.replace(/<[^>]+>/g, '').split('\t') as [string, string]);
}

describe("the example's challenge log (issue 14)", () => {
  const db = examplePartnership();

  it("gives the 2024/25 annual report's Impact of Executive Actions, row for row", () => {
    const printed = printedImpactRows();
    expect(printed).toHaveLength(5);
    expect(executiveImpact(db, year('2024/25')).map((line) => [line.impactArea, line.evidenceOfImpact])).toEqual(printed);
  });

  it('counts 2024/25 by stage and outcome', () => {
    const counts = challengeCounts(db, year('2024/25'));
    expect([counts.total, counts.raised, counts.closed]).toEqual([7, 7, 6]);
    expect(counts.byStage[1]).toMatchObject({ resolved: 4, open: 0 });
    expect(counts.byStage[2]).toMatchObject({ resolved: 1 });
    expect(counts.byStage[3]).toMatchObject({ 'partly-resolved': 1, open: 1 });
  });

  it("links the Executive's actions to their challenges, and the open funding challenge to B-35", () => {
    const { challenges } = EXAMPLE_IDS;
    expect(challengeActions(db, challenges.housingRepresentation).map((a) => a.ref)).toEqual(['A-17']);
    expect(challengeActions(db, challenges.letterToLscps).map((a) => a.ref)).toEqual(['A-48']);
    expect(challengeActions(db, challenges.fundingEquity).map((a) => [a.ref, a.status])).toEqual([['B-35', 'off-track']]);
  });

  it('exports the log, the impact table and the counts for a year', () => {
    const report = challengesReport(db, { period: year('2024/25') });
    expect(report.tables.map((t) => [t.title, t.rows.length])).toEqual([
      ['Challenge and escalation log 2024/25', 7],
      ['Impact of Executive Actions 2024/25', 5],
      ['Challenge and escalation by stage and outcome 2024/25', 3],
    ]);
    const mash = report.tables[0]!.rows.find((r) => r.issue === 'Oversight of MASH')!;
    expect(mash).toMatchObject({ raisedBy: 'Executive', stage: 3, escalated: 'stage 3 on 2024-12-10', outcome: 'Partly resolved', closed: '2025-03-18' });
    const funding = report.tables[0]!.rows.find((r) => r.id === EXAMPLE_IDS.challenges.fundingEquity)!;
    expect(funding).toMatchObject({ to: 'NHS Southwest London Integrated Care Board; Metropolitan Police', outcome: 'Open', actions: 'B-35 (40% off-track)' });
    expect(report.tables[2]!.total).toMatchObject({ open: 1, resolved: 5, 'partly-resolved': 1, total: 7 });
    expect(report.notes).toEqual(['7 challenges under way in 2024/25: 7 raised and 6 closed in it. Stages and outcomes are as they stood at the end of 2024/25.']);
  });
});

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { examplePartnership, EXAMPLE_AS_OF } from '../example/index.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import type { Audit, AuditProgrammeSettings } from './audit.js';
import { IMPACT_OF_AUDITS_2024_25 } from './__fixtures__/impactOfAudits2024.js';
import { auditProgress, auditsPlannedIn, auditsReport, impactOfAudits, programmeSentence, programmeSummary } from './auditTables.js';

const year = (label: string) => unwrap(parsePeriod(label));

/** The report's "Impact of Audits" as printed: each audit's title, key learning and action plan. */
function printedImpact(): Array<{ title: string; learning: string[]; actionPlan: string[] }> {
  const text = IMPACT_OF_AUDITS_2024_25;
  const audits: Array<{ title: string; learning: string[]; actionPlan: string[] }> = [];
  let mode: 'none' | 'learning' | 'plan' = 'none';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('## ')) mode = 'none';
    if (line.startsWith('#')) {
      const heading = line.replace(/[#*]/g, '').trim();
      if (/^key learning$/i.test(heading)) mode = 'learning';
      else if (/^action plan$/i.test(heading)) mode = 'plan';
      else if (/^(impact of audits|audits planned for .*|[a-z]+ \d{4})$/i.test(heading)) mode = 'none';
      else {
        audits.push({ title: heading, learning: [], actionPlan: [] });
        mode = 'none';
      }
      continue;
    }
    if (line === '' || mode === 'none') continue;
    const item = line.replace(/^-\s*/, '');
    if (mode === 'learning') audits.at(-1)!.learning.push(item);
    else audits.at(-1)!.actionPlan.push(item);
  }
  return audits;
}

/** The two misprints the example corrects, so that its words and the report's can be compared. */
const corrected = (text: string) => text.replace(/^Ack of/, 'Lack of').replace('MARRAC', 'MARAC');
const sentences = (items: readonly string[]) => items.flatMap((item) => corrected(item).split(/(?<=\.)\s+(?=[A-Z])/)).map((s) => s.trim());
const titleKey = (title: string) => title.toLowerCase().replace(/[–-]/g, '-');

describe("the example's audit programme against its 2024/25 annual report", () => {
  const db = examplePartnership();
  const impacts = impactOfAudits(db, year('2024/25'));

  it('has the five audits the report prints under "Impact of Audits", each with its learning and action plan word for word', () => {
    const printed = printedImpact();
    expect(printed).toHaveLength(5);
    expect(impacts.map((i) => titleKey(i.audit.title)).sort()).toEqual(printed.map((p) => titleKey(p.title)).sort());
    for (const { audit } of impacts) {
      const report = printed.find((p) => titleKey(p.title) === titleKey(audit.title))!;
      expect([audit.title, sentences([...audit.strengths, ...audit.areasForDevelopment]).sort()]).toEqual([audit.title, sentences(report.learning).sort()]);
      expect([audit.title, audit.actionPlan.map((i) => i.text)]).toEqual([audit.title, report.actionPlan.map(corrected)]);
    }
  });

  it('dates them on the timeline the report prints, sorts the learning into strengths and areas for development, and types them', () => {
    expect(impacts.map(({ audit }) => [audit.plannedMonth, audit.type, audit.strengths.length, audit.areasForDevelopment.length, audit.signedOffOn])).toEqual([
      ['2024-04', 'jtai-preparation', 1, 4, '2024-06-20'],
      ['2024-08', 'multi-agency', 0, 2, '2024-10-17'],
      ['2024-11', 'jtai-preparation', 0, 4, '2025-01-23'],
      ['2024-12', 'jtai-preparation', 1, 5, '2025-01-23'],
      ['2025-02', 'multi-agency', 1, 1, '2025-06-19'],
    ]);
  });

  it('counts 5 planned and 5 completed against the target of three multi-agency audits a year', () => {
    const summary = programmeSummary(db, year('2024/25'));
    expect(summary.byType.map((l) => [l.label, l.planned, l.completed])).toEqual([
      ['Multi-agency audit', 2, 2],
      ['JTAI preparation', 3, 3],
    ]);
    expect(programmeSentence(summary)).toBe('5 audits planned, 5 completed; target of 3 multi-agency audits or JTAI preparation audits a year met (5 completed)');
  });

  it("shows each action plan's progress at the year's end, as the report printed it, through the actions linked to it", () => {
    const progress = impacts.map(({ progress }) => [progress.audit.title, progress.items.map((i) => [i.state, i.actions.map((a) => `${a.ref} ${a.status}`)])]);
    expect(progress).toEqual([
      ['JTAI preparation: serious youth violence', [['completed', []], ['completed', ['A-36 complete']], ['open', ['A-37 on-track']]]],
      ['Professional attendance at child protection conferences', [['completed', ['A-24 complete']], ['open', ['A-25 at-risk']], ['completed', ['A-26 complete']]]],
      ['JTAI preparation: diversion from exploitation', [['open', ['A-38 at-risk']], ['completed', ['A-39 complete']], ['completed', ['A-40 complete']], ['no-action', []]]],
      ['JTAI preparation: domestic abuse – children under 7 years old', [['open', ['A-27 on-track']], ['completed', ['A-28 complete']], ['completed', ['A-29 complete']], ['no-action', []]]],
      ['SWL audit: complex cases', [['handed-over', []]]],
    ]);
  });

  it('follows an item into the next plan: the action carried over answers it, and the follow-up audit answers its item', () => {
    const now = impacts.map(({ audit }) => auditProgress(db, audit));
    expect(now.map((p) => [p.audit.title, p.items.flatMap((i) => i.actions.map((a) => `${a.ref} ${a.status}`)), p.completed, p.items.length])).toEqual([
      ['JTAI preparation: serious youth violence', ['A-36 complete', 'B-5 complete'], 3, 3],
      ['Professional attendance at child protection conferences', ['A-24 complete', 'B-3 complete', 'A-26 complete'], 3, 3],
      ['JTAI preparation: diversion from exploitation', ['B-6 complete', 'A-39 complete', 'A-40 complete'], 3, 4],
      ['JTAI preparation: domestic abuse – children under 7 years old', ['B-4 complete', 'A-28 complete', 'A-29 complete', 'B-20 complete'], 4, 4],
      ['SWL audit: complex cases', [], 1, 1],
    ]);
  });

  it("plans the next year's programme: the follow-up audit the domestic abuse audit asked for", () => {
    expect(auditsPlannedIn(db, year('2025/26')).map((a) => [a.title, a.plannedMonth])).toEqual([['Follow-up audit: resources for children under 7 at risk of domestic abuse', '2026-01']]);
    const report = auditsReport(db, { period: year('2024/25'), today: EXAMPLE_AS_OF.slice(0, 10) });
    expect(report.tables.map((t) => t.title)).toEqual([
      'Audits 2024/25',
      'Action plans',
      'Standing questions',
      'Audits planned and completed 2024/25',
      'Impact of audits 2024/25',
      'Audits planned for 2025/26',
    ]);
    expect(report.tables[5]!.rows).toEqual([
      { audit: 'Follow-up audit: resources for children under 7 at risk of domestic abuse', type: 'Multi-agency audit', month: 'January 2026', agencies: expect.any(String), stage: 'Signed off' },
    ]);
  });

  it('asks the neurodivergence question in every audit moderated since the template changed', () => {
    const report = auditsReport(db, { period: year('2024/25'), today: '2025-03-31' });
    expect(report.tables[2]!.rows.map((r) => r.audit)).toEqual([
      'JTAI preparation: diversion from exploitation',
      'JTAI preparation: domestic abuse – children under 7 years old',
      'SWL audit: complex cases',
    ]);
  });
});

/** The sample partnership with the QAG (Chloe chairs, Dev deputises) holding the audit programme. */
function withProgramme(programme: Partial<AuditProgrammeSettings> = {}): Database {
  const db = sampleDatabase();
  const qag = db.subgroups.find((s) => s.id === 'qag')!;
  return unwrap(
    applyCommands(
      db,
      [
        { type: 'subgroup.upsert', subgroup: { ...qag, maintains: ['audits'] } },
        {
          type: 'auditProgramme.set',
          programme: { standingQuestions: [{ id: 'neurodivergence', question: 'Is the child neurodivergent?', askedFrom: '2025-01-01' }], targets: [{ types: ['multi-agency'], perYear: 3 }], ...programme },
        },
      ],
      by(actors.cli),
    ),
  ).db;
}

const neglectAudit: z.input<typeof Audit> = {
  id: 'neglect-audit',
  title: 'Multi-agency audit: neglect',
  type: 'multi-agency',
  plannedMonth: '2025-06',
  agencyIds: ['council', 'police'],
  cases: 8,
  moderatedOn: '2025-06-12',
  standingAnswers: [{ questionId: 'neurodivergence', answer: 'Recorded for 6 of 8 children.' }],
  areasForDevelopment: ['Chronologies are rarely shared.'],
  actionPlan: [
    { number: 1, text: 'Share a chronology template.' },
    { number: 2, text: 'Raise at the adults board.', handedTo: 'Croydon Safeguarding Adults Board' },
  ],
};

const upsert = (audit: z.input<typeof Audit>): CommandInput => ({ type: 'audit.upsert', audit });

const itemAction = (ref: string, item: number | undefined, recordId = 'neglect-audit'): CommandInput => ({
  type: 'action.create',
  action: {
    ref,
    planId: 'plan-2025-27',
    title: 'Share a chronology template',
    ownerId: 'olu-owner',
    due: '2025-09-30',
    source: { kind: 'audit', reference: 'Neglect audit', recordId, ...(item === undefined ? {} : { item }) },
  },
});

const errorOf = (outcome: ReturnType<typeof applyCommands>) => (outcome.success ? null : outcome.error);

describe('the audit programme', () => {
  it("is kept by the QAG's chair and deputy and the business team, audited like any change", () => {
    const outcome = unwrap(applyCommands(withProgramme(), [upsert(neglectAudit)], by(actors.deputy)));
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['dev-deputy', 'audit.upsert', 'audit', 'neglect-audit']]);
    expect(outcome.changes.map((c) => [c.target, c.key])).toEqual([['audits', 'neglect-audit']]);
    expect(applyCommands(withProgramme(), [upsert(neglectAudit)], by(actors.businessTeam)).success).toBe(true);
    expect(unwrap(applyCommands(outcome.db, [upsert(neglectAudit)], by(actors.chair))).audit).toEqual([]);
  });

  it('refuses anyone else, saying who may change it', () => {
    expect(errorOf(applyCommands(withProgramme(), [upsert(neglectAudit)], by(actors.owner)))).toMatchObject({
      code: 'register.not_maintainer',
      message: expect.stringContaining('can change the audit programme'),
    });
    expect(errorOf(applyCommands(withProgramme(), [{ type: 'auditProgramme.set', programme: { standingQuestions: [], targets: [] } }], by(actors.bystander)))).toMatchObject({ code: 'register.not_maintainer' });
  });

  it('records the standing questions and targets as a change to the partnership, audited', () => {
    const db = withProgramme();
    expect(db.partnership.auditProgramme.targets).toEqual([{ types: ['multi-agency'], perYear: 3 }]);
    expect(db.audit.at(-1)).toMatchObject({ command: 'auditProgramme.set', entity: 'partnership' });
  });

  it('will not sign an audit off until the standing questions asked at its moderation are answered', () => {
    const unanswered = { ...neglectAudit, standingAnswers: [], signedOffOn: '2025-07-09' };
    expect(errorOf(applyCommands(withProgramme(), [upsert(unanswered)], by(actors.chair)))).toMatchObject({
      code: 'audit.unanswered_question',
      message: 'Audit "Multi-agency audit: neglect": answer the standing question "Is the child neurodivergent?" before the QAG signs it off; the partnership asks it in every audit.',
    });
    // Moderated before the question was asked: it need not answer it.
    expect(applyCommands(withProgramme(), [upsert({ ...unanswered, plannedMonth: '2024-12', moderatedOn: '2024-12-10' })], by(actors.chair)).success).toBe(true);
    // Planned, not yet signed off: it may wait for its answers.
    expect(applyCommands(withProgramme(), [upsert({ ...neglectAudit, standingAnswers: [] })], by(actors.chair)).success).toBe(true);
  });

  it('lists each answer, and the standing questions an audit still owes', () => {
    const db = unwrap(applyCommands(withProgramme(), [upsert(neglectAudit), upsert({ ...neglectAudit, id: 'cse', title: 'Multi-agency audit: CSE', standingAnswers: [] })], by(actors.chair))).db;
    expect(auditsReport(db, { today: '2025-07-01' }).tables[2]!.rows).toEqual([
      { audit: 'Multi-agency audit: CSE', question: 'Is the child neurodivergent?', answer: 'Not answered yet' },
      { audit: 'Multi-agency audit: neglect', question: 'Is the child neurodivergent?', answer: 'Recorded for 6 of 8 children.' },
    ]);
  });

  it.each([
    [{ signedOffOn: '2025-06-01' }, 'audit.dates'],
    [{ signedOffOn: '2025-07-09', cancelledReason: 'No capacity' }, 'audit.cancelled_and_completed'],
    [{ agencyIds: ['nobody'] }, 'audit.unknown_agency'],
    [{ areasForDevelopment: ['Child born 03/07/2019 was not seen.'] }, 'audit.personal_data'],
    [{ actionPlan: [{ number: 1, text: 'a' }, { number: 1, text: 'b' }] }, 'audit.duplicate_item'],
    [{ standingAnswers: [{ questionId: 'ethnicity', answer: 'x' }] }, 'audit.unknown_question'],
  ])('refuses %j (%s)', (change, code) => {
    expect(errorOf(applyCommands(withProgramme(), [upsert({ ...neglectAudit, ...change })], by(actors.chair)))?.code).toBe(code);
  });

  it('refuses a second audit of the same title in the same month', () => {
    expect(errorOf(applyCommands(withProgramme(), [upsert(neglectAudit), upsert({ ...neglectAudit, id: 'again' })], by(actors.chair)))?.code).toBe('audit.duplicate');
  });

  it("turns an action-plan item into an ordinary action linked back to the audit, created by the programme's keepers", () => {
    const db = unwrap(applyCommands(withProgramme(), [upsert(neglectAudit), itemAction('Q-1', 1)], by(actors.chair))).db;
    const progress = auditProgress(db, db.audits[0]!);
    expect(progress.items.map((i) => [i.item.number, i.state, i.actions.map((a) => a.ref)])).toEqual([
      [1, 'open', ['Q-1']],
      [2, 'handed-over', []],
    ]);
    const done = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'Q-1', status: 'complete', progress: 100 }], by(actors.owner))).db;
    expect(auditProgress(done, done.audits[0]!)).toMatchObject({ completed: 2, allCompleted: true });
  });

  it.each([
    [itemAction('Q-1', 2), 'action.handed_over'],
    [itemAction('Q-1', 7), 'action.unknown_source'],
    [itemAction('Q-1', 1, 'no-such-audit'), 'action.unknown_source'],
  ])('refuses an action linked to what is not ours to act on (%#)', (command, code) => {
    expect(errorOf(applyCommands(withProgramme(), [upsert(neglectAudit), command], by(actors.chair)))?.code).toBe(code);
  });

  it('lets an action carry out the audit itself, linked with no item', () => {
    const db = unwrap(applyCommands(withProgramme(), [upsert(neglectAudit), itemAction('Q-2', undefined)], by(actors.businessTeam))).db;
    expect(db.actions.find((a) => a.ref === 'Q-2')!.source).toMatchObject({ kind: 'audit', recordId: 'neglect-audit' });
    expect(auditProgress(db, db.audits[0]!).items[0]!.actions).toEqual([]);
  });

  it('refuses to take away an item an action answers, or a question an audit answered', () => {
    const db = unwrap(applyCommands(withProgramme(), [upsert(neglectAudit), itemAction('Q-1', 1)], by(actors.chair))).db;
    expect(errorOf(applyCommands(db, [upsert({ ...neglectAudit, actionPlan: [] })], by(actors.chair)))?.code).toBe('audit.item_in_use');
    expect(errorOf(applyCommands(db, [{ type: 'auditProgramme.set', programme: { standingQuestions: [], targets: [] } }], by(actors.chair)))?.code).toBe('auditProgramme.question_in_use');
  });

  it('counts planned against completed by planned month, and a target only for a whole year', () => {
    const db = unwrap(
      applyCommands(
        withProgramme(),
        [
          upsert({ ...neglectAudit, signedOffOn: '2025-07-09' }),
          upsert({ id: 'dip', title: 'Dip sample: referrals', type: 'dip-sample', plannedMonth: '2025-09' }),
          upsert({ id: 'ma2', title: 'Multi-agency audit: CSE', type: 'multi-agency', plannedMonth: '2026-02', cancelledReason: 'Moved to 2026/27 for the JTAI.' }),
          upsert({ id: 'next', title: 'Multi-agency audit: CSE', type: 'multi-agency', plannedMonth: '2026-05' }),
        ],
        by(actors.chair),
      ),
    ).db;
    const summary = programmeSummary(db, year('2025/26'));
    expect(summary).toMatchObject({ planned: 3, completed: 1, cancelled: 1 });
    expect(summary.targets).toEqual([{ label: 'multi-agency audits', planned: 2, completed: 1, cancelled: 1, target: 3 }]);
    expect(programmeSentence(summary)).toBe('3 audits planned, 1 completed, 1 cancelled; target of 3 multi-agency audits a year not met (1 completed)');
    expect(programmeSummary(db, year('2025/26 Q1')).targets).toEqual([]);
    const report = auditsReport(db, { period: year('2025/26'), today: '2026-03-31' });
    expect(report.tables.at(-1)!.rows.map((r) => r.month)).toEqual(['May 2026']);
    expect(report.tables[3]!.rows.at(-1)).toEqual({ type: 'Target: 3 multi-agency audits a year', target: 3, planned: 2, completed: 1, cancelled: 1, met: 'No' });
  });
});

import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { examplePartnership } from '../example/index.js';
import type { Table } from '../reporting/table.js';
import { buildAnnualReport, type AnnualReport, type ReportBlock, type SectionSpec } from './annualReport.js';
import { annualReport, REPORT_SECTIONS } from './sections.js';

const db = examplePartnership();
const year = (text: string) => unwrap(parsePeriod(text)) as Period & { kind: 'year' };
const now = '2026-11-20T09:00:00Z';
const report = annualReport(db, { period: year('2024/25'), now });

const section = (r: AnnualReport, id: string) => r.sections.find((s) => s.id === id)!;
const tables = (r: AnnualReport, id: string): Table[] => section(r, id).blocks.flatMap((b: ReportBlock) => (b.kind === 'table' ? [b.table] : []));
const paragraphs = (r: AnnualReport, id: string): string[] => section(r, id).blocks.flatMap((b: ReportBlock) => (b.kind === 'paragraph' ? [b.text] : []));

describe('the annual report', () => {
  it('has the sections of a Working Together 2023 yearly report, in order', () => {
    expect(report.sections.map((s) => s.id)).toEqual([
      'area-profile',
      'governance',
      'funding',
      'engagement',
      'delivery',
      'what-we-said',
      'little-progress',
      'reviews',
      'audits',
      'executive-actions',
      'returns',
      'training',
      'voice-of-children',
      'scrutineer',
      'next-priorities',
    ]);
    expect(report.title).toBe('Croydon Safeguarding Children Partnership: annual report 2024/25');
    expect(report.asAt).toBe('2025-03-31');
  });

  it("gives the example's 86% delivery at the year's end, with each priority", () => {
    expect(paragraphs(report, 'delivery')).toEqual([
      '86% of CSCP Business Plan 2024/25 was delivered at 31/03/2025: 43 of its 50 actions were complete (withdrawn actions are not counted).',
    ]);
    const [byPriority] = tables(report, 'delivery');
    expect(byPriority!.rows.map((r) => [r.priority, r.percent])).toEqual([
      ['Family resilience', 92],
      ['Early intervention', 89],
      ['Neglect', 80],
      ['Serious youth violence', 82],
      ['System learning', 88],
    ]);
    expect(byPriority!.total).toEqual({ priority: 'Overall', completed: 43, counted: 50, percent: 86 });
  });

  it('prints what we said and what we delivered, row for row', () => {
    const [table] = tables(report, 'what-we-said');
    expect(table!.columns.map((c) => c.header)).toEqual(['What we said', 'What we delivered']);
    expect(table!.rows).toHaveLength(9);
    expect(table!.rows[6]).toMatchObject({ said: 'Promote youth participation and accountability through Young Scrutineers', delivered: expect.stringMatching(/^The recruitment of Young Scrutineers/) });
  });

  it('lists the carried-over actions from the carry-over links, and those with little or no progress', () => {
    const [stalled, carried] = tables(report, 'little-progress');
    expect(stalled!.rows.map((r) => [r.ref, r.status, r.progress])).toEqual([
      ['A-20', 'Off track', 45],
      ['A-27', 'On track', 40],
      ['A-38', 'At risk', 30],
    ]);
    expect(carried!.title).toBe('Carried over to CSCP Business Plan 2025–27');
    expect(carried!.rows.map((r) => [r.ref, r.progress, r.successor])).toEqual([
      ['A-2', 60, 'B-1'],
      ['A-20', 45, 'B-2'],
      ['A-25', 50, 'B-3'],
      ['A-27', 40, 'B-4'],
      ['A-37', 70, 'B-5'],
      ['A-38', 30, 'B-6'],
      ['A-45', 75, 'B-7'],
    ]);
  });

  it('uses the tables ptrack export writes for funding and engagement, with the change from the year before', () => {
    expect(tables(report, 'funding').map((t) => t.title)).toEqual([
      'Income 2024/25',
      'Expenditure 2024/25',
      'Balance 2024/25',
      'Income by statutory partner 2024/25',
      "The three statutory partners' split 2024/25",
      'Income by sector 2024/25',
      'Income 2024/25 against 2023/24',
      'Expenditure 2024/25 against 2023/24',
    ]);
    expect(paragraphs(report, 'funding')[0]).toBe(
      "In 2024/25 the partnership's income was £420,603 and its expenditure £420,603, a balance of £0. By statutory partner: Croydon Council 74.09%, NHS Southwest London Integrated Care Board 8.05%, Metropolitan Police 2.38%, Relevant agencies 12.62%, Other sources 2.86%. Against 2023/24: income up £10,622, expenditure up £14,238.",
    );
    expect(tables(report, 'engagement').map((t) => t.title)).toEqual(['Engagement 2024/25', 'Seat coverage 2024/25']);
  });

  it('names the statutory partners and the subgroups with their chairs and cadence', () => {
    const [partners, groups] = tables(report, 'governance');
    expect(partners!.rows.map((r) => r.agency)).toEqual(['Croydon Council', 'NHS Southwest London Integrated Care Board', 'Metropolitan Police']);
    expect(groups!.rows.find((r) => r.group === 'Quality Assurance Group')).toMatchObject({ chair: 'Chair (Named Person), CSCP', cadence: 'Termly', held: 3 });
  });

  it('prints the Impact of Executive Actions from the challenge log, with the counts by stage and outcome', () => {
    const [impact, counts] = tables(report, 'executive-actions');
    expect(impact!.columns.map((c) => c.header)).toEqual(['Impact Area', 'Evidence of Impact']);
    expect(impact!.rows.map((r) => r.impactArea)).toEqual([
      'Letter to other Local safeguarding Children Partnerships (LSCP) in response to the high number of children placed in Croydon by their Local Authority.',
      'Youth Support Map',
      'Makin Review – People in positions of trust',
      'Challenge of Housing representation',
      'Oversight of MASH',
    ]);
    expect(counts!.total).toMatchObject({ stage: 'Total', open: 1, resolved: 5, 'partly-resolved': 1, total: 7 });
  });

  it("gives next year's priorities from the plan in force when it starts", () => {
    const [priorities] = tables(report, 'next-priorities');
    expect(priorities!.title).toBe('Priorities for 2025/26 (CSCP Business Plan 2025–27)');
    expect(priorities!.rows).toHaveLength(12);
  });

  it('leaves marked placeholders for the narratives not given, and lists them with the sections that have no data yet', () => {
    expect(report.missingNarratives.map((s) => s.id)).toEqual(['area-profile', 'voice-of-children', 'scrutineer']);
    expect(report.sectionsWithoutData).toEqual([]);
    expect(section(report, 'scrutineer').blocks).toEqual([
      { kind: 'placeholder', reason: 'to-write', text: "The independent scrutineer's assessment of how well the arrangements worked this year. Write it in scrutineer.md in the narrative folder." },
    ]);
    // Every data section of 2024/25 is built from the data; a year with none says so in each.
    const early = annualReport(db, { period: year('2018/19'), now });
    expect(section(early, 'reviews').blocks).toEqual([{ kind: 'placeholder', reason: 'no-data', text: 'No reviews are recorded for 2018/19 (ptrack import reviews, recommendations).' }]);
  });

  it('takes a narrative section from its Markdown', () => {
    const withNarrative = annualReport(db, { period: year('2024/25'), now, narratives: { scrutineer: 'The arrangements **worked**.\n\n- Young Scrutineers joined QAG.' } });
    expect(section(withNarrative, 'scrutineer')).toMatchObject({ state: 'narrative', blocks: [{ kind: 'narrative', blocks: [{ kind: 'paragraph' }, { kind: 'list' }] }] });
    expect(withNarrative.missingNarratives.map((s) => s.id)).toEqual(['area-profile', 'voice-of-children']);
  });

  it("prints the year's reviews as the report counts them, with each review's recommendations as they stood at the year's end", () => {
    expect(paragraphs(report, 'reviews')).toEqual(['In 2024/25: 3 cases of concern, 4 learning briefings published.']);
    const [counts, progress, themes] = tables(report, 'reviews');
    expect(counts!.rows.find((r) => r.measure === 'Learning briefings published')).toEqual({ measure: 'Learning briefings published', count: 4 });
    expect(progress!.rows.map((r) => [r.codename, r.recommendations])).toEqual([
      ['Baby Eva', 'All recommendations completed'],
      ['Thematic Review: SYV', 'All recommendations completed'],
      ['Child W', 'None'],
      ['Child M', 'None'],
      ['Child T', 'None'],
    ]);
    expect(themes!.rows[0]).toMatchObject({ theme: 'Information sharing', total: 2 });
  });

  it("keeps a published review's figures when an action answering it is reopened after the year", () => {
    const reopened = structuredClone(db);
    const action = reopened.actions.find((a) => a.source.kind === 'review-recommendation' && a.source.recordId === 'baby-eva')!;
    const reopening = { ...action.history.at(-1)!, at: '2025-06-02T09:00:00.000Z', status: 'off-track' as const, progress: 40 };
    action.history.push(reopening);
    Object.assign(action, { status: 'off-track', progress: 40 });
    const later = annualReport(reopened, { period: year('2024/25'), now });
    expect(tables(later, 'reviews')[1]!.rows[0]).toMatchObject({ codename: 'Baby Eva', recommendations: 'All recommendations completed' });
    const thisYear = annualReport(reopened, { period: year('2025/26'), now });
    expect(tables(thisYear, 'reviews')[1]!.rows.find((r) => r.codename === 'Baby Eva')!.recommendations).not.toBe('All recommendations completed');
  });

  it("prints the QAG's year: planned against completed, and the Impact of Audits as the report prints it", () => {
    expect(paragraphs(report, 'audits')).toEqual(['In 2024/25: 5 audits planned, 5 completed; target of 3 multi-agency audits or JTAI preparation audits a year met (5 completed).']);
    const [programme, impact] = tables(report, 'audits');
    expect(programme!.rows.at(-1)).toMatchObject({ target: 3, completed: 5, met: 'Yes' });
    expect(impact!.title).toBe('Impact of audits 2024/25');
    expect(impact!.rows).toHaveLength(5);
    expect(impact!.rows.map((r) => [r.audit, r.month, r.progress])).toEqual([
      ['JTAI preparation: serious youth violence', 'April 2024', '2 of 3 completed'],
      ['Professional attendance at child protection conferences', 'August 2024', '2 of 3 completed'],
      ['JTAI preparation: diversion from exploitation', 'November 2024', '2 of 4 completed'],
      ['JTAI preparation: domestic abuse – children under 7 years old', 'December 2024', '2 of 4 completed'],
      ['SWL audit: complex cases', 'February 2025', 'All completed'],
    ]);
  });

  it("prints the agencies' returns of the year as they stand on the day the report is prepared", () => {
    expect(paragraphs(report, 'returns')).toEqual(['In 2024/25 the partnership asked its agencies for 6 returns, 58 in all. At 20/11/2026: 35 on time, 12 late, 6 partial and 5 missing.']);
    const [byReturn, byAgency] = tables(report, 'returns');
    expect(byReturn!.rows.map((r) => r.return)).toContain('Safeguarding assurance self-assessment 2024/25 (Section 11)');
    expect(byReturn!.total).toEqual({ return: 'All returns', due: null, asked: 58, onTime: 35, late: 12, partial: 6, missing: 5 });
    expect(byAgency!.rows.find((r) => r.agency === 'National Probation Service')).toMatchObject({ asked: 2, missing: 2 });
    // Prepared in the year's last week, its last returns are not yet due.
    const early = annualReport(db, { period: year('2024/25'), now: '2025-03-25T09:00:00Z' });
    expect(paragraphs(early, 'returns')[0]).toMatch(/At 25\/03\/2025: \d+ on time, \d+ late, \d+ partial and \d+ missing, 18 not yet due\.$/);
  });

  it("prints the year's training as the report does: 526 bookings, attendance down 13 points", () => {
    expect(paragraphs(report, 'training')).toEqual([
      'In 2024/25 there were 526 bookings on 11 courses (48 sessions), and 1,256 eLearning completions. Attendance was 59% against 72% in 2023/24 (−13 points). The no-show and cancellation rate was 35% against 28% in 2023/24 (+7 points).',
    ]);
    expect(tables(report, 'training').map((t) => t.title)).toEqual(['Training 2024/25', 'Reasons for cancelling 2024/25', 'Uptake by sector 2024/25', 'eLearning by role 2024/25']);
    expect(section(report, 'training').blocks.some((b) => b.kind === 'chart')).toBe(true);
  });

  it('takes a later section that plugs in with its own builder, in its place', () => {
    const audits: SectionSpec = {
      kind: 'data',
      id: 'audits',
      title: 'Impact of multi-agency audits',
      build: (context) => [{ kind: 'paragraph', text: `Two audits were completed in ${context.period.year.label}.` }],
      noData: () => 'none',
    };
    const plugged = buildAnnualReport(db, { period: year('2024/25'), now }, REPORT_SECTIONS.map((s) => (s.id === 'audits' ? audits : s)));
    expect(section(plugged, 'audits')).toEqual({ id: 'audits', title: 'Impact of multi-agency audits', state: 'data', blocks: [{ kind: 'paragraph', text: 'Two audits were completed in 2024/25.' }] });
    expect(plugged.sectionsWithoutData.map((s) => s.id)).not.toContain('audits');
  });

  it('says "no data yet" for each section of a year the partnership recorded nothing for', () => {
    const early = annualReport(db, { period: year('2018/19'), now });
    expect(early.sectionsWithoutData.map((s) => s.id)).toEqual(['funding', 'delivery', 'what-we-said', 'little-progress', 'reviews', 'audits', 'executive-actions', 'returns', 'training', 'next-priorities']);
    expect(annualReport(db, { period: year('2030/31'), now: '2031-06-01T09:00:00Z' }).sectionsWithoutData.map((s) => s.id)).toContain('delivery');
    expect(section(early, 'funding').blocks).toEqual([{ kind: 'placeholder', reason: 'no-data', text: 'No income or expenditure is recorded for 2018/19 (ptrack import contributions, expenditure).' }]);
  });

  it('reports a year still running as at the moment asked', () => {
    const running = annualReport(db, { period: year('2026/27'), now });
    expect(running.asAt).toBe('2026-11-20');
  });
});

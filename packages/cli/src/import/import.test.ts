import { readFileSync } from 'node:fs';
import { expenditureTable, formatPence, fundingSummary, incomeTable } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { examplesFolder as examples, importExamples, importText } from '../__fixtures__/examples.js';
import { importers } from './index.js';

describe('importing the example files into a new partnership', () => {
  it('adds every record and says what it added', () => {
    expect(importExamples().changes).toMatchInlineSnapshot(`
      {
        "actions": "added 6 actions",
        "agencies": "added 13 agencies",
        "attendance": "added 66 register lines; changed 12 meetings",
        "audit-actions": "changed 1 audit",
        "audit-questions": "changed 1 partnership",
        "audit-targets": "changed 1 partnership",
        "audits": "added 3 audits",
        "challenges": "added 4 challenges; changed 1 action",
        "commitments": "changed 1 plan",
        "contributions": "added 12 income lines",
        "elearning": "added 2 training courses; added 3 eLearning results",
        "expenditure": "added 8 spending lines",
        "inspection-findings": "changed 1 inspection",
        "inspections": "added 2 inspections",
        "meetings": "added 16 meetings",
        "members": "changed 4 subgroups",
        "people": "added 13 people",
        "plans": "added 1 plan",
        "recommendations": "changed 1 review",
        "return-responses": "added 5 return responses",
        "returns": "added 2 returns",
        "reviews": "added 4 reviews",
        "self-ratings": "changed 1 return response",
        "standards": "changed 1 return",
        "subgroups": "added 4 subgroups",
        "training-baselines": "added 1 published training year",
        "training-bookings": "added 3 training courses; added 6 training bookings",
      }
    `);
  });

  it('changes nothing when the same files are imported again', () => {
    let { db } = importExamples();
    for (const { entity } of importers) {
      const again = importText(db, entity, readFileSync(new URL(`${entity}.csv`, examples), 'utf8'));
      expect([entity, again.changes]).toEqual([entity, 'nothing changed (everything in the file was already there)']);
      db = again.db;
    }
  });

  it('stores amounts as pence and meeting times as UTC instants on both sides of a clock change', () => {
    const { db } = importExamples();
    expect(db.contributions.find((c) => c.label === null && c.agencyId === 'croydon-council' && c.financialYear === '2024/25')?.amountPence).toBe(31_160_900);
    expect(db.meetings.filter((m) => m.subgroupId === 'executive').map((m) => [m.start, m.status])).toEqual([
      ['2025-10-21T08:30:00Z', 'scheduled'],
      ['2025-11-04T09:30:00Z', 'scheduled'],
      ['2026-01-20T09:30:00Z', 'scheduled'],
    ]);
  });

  it('marks a meeting held once its register has someone present, and links deputies and guests', () => {
    const { db } = importExamples();
    expect(db.meetings.find((m) => m.id === 'review-group-2024-09-10')?.status).toBe('held');
    const lines = db.attendance.filter((a) => a.meetingId === 'review-group-2024-09-10');
    expect(lines.find((a) => a.personId === 'deputy-nurse-at-example-org')?.deputisingForId).toBe('designated-nurse-at-example-org');
    expect(lines.find((a) => a.guestName !== null)?.guestName).toBe('Family Justice Observer');
  });
});

describe('a file with bad rows', () => {
  it('reports every bad row as FILE:LINE: column "X": problem, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'financial_year,agency,source,label,amount',
      '2024/25,Croydon Council,,Extra,"1,000"',
      '2024/26,Croydon Council,,Second,100',
      '2024/25,Croydon Counsil,,,100',
      '2024/25,Metropolitan Police,,Met Police (MOPAC),12.345',
      '2024/25,,,,5',
      '2024/25,Croydon Council,,Extra,2',
    ].join('\n');
    const result = importText(db, 'contributions', text, 'income.csv');
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "income.csv:3: column "financial_year": "2024/26" is not a financial year; write it like 2024/25
      income.csv:4: column "agency": unknown agency "Croydon Counsil"; add it to the agencies first, or import with --create-agencies
      income.csv:5: column "amount": "12.345" is not an amount of money; write it like 311609, 311,609 or £311,609.00
      income.csv:6: column "agency": is blank; give the agency, or the source for income from outside the partnership
      income.csv:7: column "label": duplicate income line for 2024/25 (give the lines different labels): line 2 already has it"
    `);
  });

  it('refuses an unknown agency unless asked to create it', () => {
    const { db } = importExamples();
    const text = 'subgroup,agency,joined\nQAG,Croydon Youth Justice Service,01/04/2024\n';
    expect(importText(db, 'members', text).error).toMatchInlineSnapshot(`"members.csv:2: column "agency": unknown agency "Croydon Youth Justice Service"; add it to the agencies first, or import with --create-agencies"`);
    const created = importText(db, 'members', text, 'members.csv', true);
    expect(created.changes).toBe('added 1 agency; changed 1 subgroup');
    expect(created.db.agencies.at(-1)).toMatchObject({ id: 'croydon-youth-justice-service', sector: 'other' });
  });

  it('reports a rule only core knows about against the row that broke it', () => {
    const { db } = importExamples();
    const text = 'name,email,teams_id\nA,a@example.org,aad-1\nB,b@example.org,aad-1\n';
    expect(importText(db, 'people', text).error).toBe('people.csv:3: That Teams identity already belongs to A.');
  });

  it('records the chat service the partnership prefers for a person, keeps it on a blank cell, and clears it with latest', () => {
    const { db } = importExamples();
    const chair = (d: typeof db) => d.people.find((p) => p.email === 'chair@example.org')!.preferredChat;
    expect(chair(db)).toBeNull();
    const teams = importText(db, 'people', 'name,email,preferred_chat\nIndependent Chair,chair@example.org,Teams\n').db;
    expect(chair(teams)).toBe('teams');
    expect(chair(importText(teams, 'people', 'name,email,preferred_chat\nIndependent Chair,chair@example.org,\n').db)).toBe('teams');
    expect(chair(importText(teams, 'people', 'name,email,preferred_chat\nIndependent Chair,chair@example.org,latest\n').db)).toBeNull();
    expect(importText(db, 'people', 'name,email,preferred_chat\nIndependent Chair,chair@example.org,email\n').error).toContain('preferred_chat');
  });

  it('treats a row naming an agency by its alias as that agency, without renaming it', () => {
    const { db } = importExamples();
    const result = importText(db, 'agencies', 'name,sector,statutory_role\nMet Police,police,police\n');
    expect(result.changes).toBe('nothing changed (everything in the file was already there)');
  });

  it('records a relevant agency that stands for a statutory partner at meetings, and clears it with none', () => {
    const { db } = importExamples();
    const trust = (d: typeof db) => d.agencies.find((a) => a.name === 'South London and Maudsley NHS Foundation Trust');
    expect(trust(db)).toMatchObject({ statutoryRole: 'none', quorumRole: 'health' });
    const cleared = importText(db, 'agencies', 'name,sector,quorum_role\nSLaM,health,none\n');
    expect(trust(cleared.db)).toMatchObject({ statutoryRole: 'none', quorumRole: null });
    const kept = importText(cleared.db, 'agencies', 'name,sector,quorum_role\nSLaM,health,\n');
    expect(trust(kept.db)?.quorumRole).toBeNull();
    expect(importText(db, 'agencies', 'name,sector,quorum_role\nSLaM,health,nhs\n', 'agencies.csv').error).toContain('quorum_role');
  });

  it.each([
    ['meetings', 'subgroup,date,start,end\nQAG,31/02/2025,10:00,11:00\nQAG,01/03/2025,11:00,10:00\nNope,01/03/2025,10:00,11:00\n'],
    ['attendance', 'subgroup,date,person,status\nQAG,18/03/2025,qa.lead@example.org,present\nQAG,18/06/2024,nobody@example.org,present\nQAG,18/06/2024,qa.lead@example.org,late\nExecutive,20/01/2026,chair@example.org,present\n'],
    ['people', 'name,email,agency,roles\nA,not-an-email,,\nB,b@example.org,,chair\nC,c@example.org,Croydon Council,\nD,C@example.org,Croydon Council,\n'],
    ['actions', 'ref,plan,priority,title,due,status,progress\nA12,Business plan 2025–27,,Do it,01/01/2026,,\nA-20,Business plan 2025–27,Nope,Do it,01/01/2026,complete,50\nA-21,Another plan,,Do it,01/01/2026,,101\n'],
    ['agencies', 'name,sector,parent\nNew Agency,health,Unknown Parent\nOther,aerospace,\n'],
  ])('explains each problem in a bad %s file', (entity, text) => {
    const { db } = importExamples();
    expect(importText(db, entity, text, `${entity}.csv`).error).toMatchSnapshot();
  });
});

describe('importing people who are not yet known (issue 11: never merged by accident)', () => {
  it('gives each new address a person and an id of their own, however alike the addresses', () => {
    let { db } = importExamples();
    db = importText(db, 'people', 'name,email,agency,teams_id\nJo Smith,jo.smith@example.org,Croydon Council,aad-jo\n').db;
    const jo = db.people.find((p) => p.email === 'jo.smith@example.org')!;
    const result = importText(
      db,
      'people',
      ['name,email,agency', 'Joanne Smith,jo_smith@example.org,Croydon Council', 'Jo Smith (ICB),jo-smith@example.org,Croydon ICB', 'Jo Smith (plus),jo+x@example.org,Croydon Council'].join('\n'),
    );
    expect(result.error).toBe('');
    expect(result.changes).toBe('added 3 people');
    expect(result.db.people.find((p) => p.id === jo.id)).toEqual(jo);
    const ids = ['jo_smith@example.org', 'jo-smith@example.org', 'jo+x@example.org'].map((email) => result.db.people.find((p) => p.email === email)?.id);
    expect(ids).toEqual(['jo-smith-at-example-org-2', 'jo-smith-at-example-org-3', 'jo-x-at-example-org']);
  });

  it('matches a known person on the exact address, whatever its case', () => {
    const { db } = importExamples();
    const result = importText(db, 'people', 'name,email,agency\nNamed Nurse for Safeguarding,NAMED.NURSE@example.org,Croydon Health Service NHS\n');
    expect(result.changes).toBe('changed 1 person');
    expect(result.db.people.filter((p) => p.email === 'named.nurse@example.org').map((p) => p.name)).toEqual(['Named Nurse for Safeguarding']);
  });

  it('gives subgroups, plans and priorities whose names slug alike ids of their own', () => {
    let { db } = importExamples();
    db = importText(db, 'subgroups', 'name,short_name\nLearning (North),LN\nLearning - North,LN2\n群组,G1\nグループ,G2\n').db;
    expect(db.subgroups.filter((s) => ['LN', 'LN2', 'G1', 'G2'].includes(s.shortName)).map((s) => s.id)).toEqual(['learning-north', 'learning-north-2', 'x', 'x-2']);
    db = importText(db, 'plans', 'name,start,end,priorities\nPlan 2027,2027-04-01,2028-03-31,IT (Adobe); IT - Adobe\n').db;
    expect(db.plans.find((p) => p.name === 'Plan 2027')?.priorities.map((p) => [p.id, p.title])).toEqual([
      ['it-adobe', 'IT (Adobe)'],
      ['it-adobe-2', 'IT - Adobe'],
    ]);
  });
});

describe('funding lines keyed by what they are', () => {
  const incomeFor = (db: ReturnType<typeof importExamples>['db'], year: string) => incomeTable(db, year).lines.map((l) => [l.label, formatPence(l.amountPence)]);

  it('takes the ICB by its alias and by its full name as one line, so £30,000 is not counted twice', () => {
    let { db } = importExamples();
    const year = (agency: string) => `financial_year,agency,amount\n2026/27,${agency},"30,000"\n`;
    db = importText(db, 'contributions', year('Croydon ICB')).db;
    const again = importText(db, 'contributions', year('NHS Southwest London Integrated Care Board'));
    expect(again.changes).toBe('nothing changed (everything in the file was already there)');
    expect(incomeFor(again.db, '2026/27')).toEqual([['NHS Southwest London Integrated Care Board', '£30,000']]);
    // The published line is labelled "Croydon ICB": a row giving only the agency is still that line, and keeps the label.
    const relabelled = importText(again.db, 'contributions', 'financial_year,agency,amount\n2024/25,Croydon ICB,"33,850"\n');
    expect(relabelled.changes).toBe('nothing changed (everything in the file was already there)');
  });

  it('refuses the same agency twice in one file, however it is written', () => {
    const { db } = importExamples();
    const text = 'financial_year,agency,amount\n2026/27,Croydon ICB,100\n2026/27,SWL ICB,100\n';
    expect(importText(db, 'contributions', text, 'income.csv').error).toBe('income.csv:3: column "agency": duplicate income line for 2026/27 (give the lines different labels): line 2 already has it');
  });

  it('keeps "IT (Adobe)" and "IT - Adobe" as two rows, and names with no Latin letters apart', () => {
    const { db } = importExamples();
    const spending = importText(db, 'expenditure', 'financial_year,category,amount\n2026/27,IT (Adobe),100\n2026/27,IT - Adobe,200\n2026/27,Обучение,300\n2026/27,Конференция,400\n');
    expect(spending.changes).toBe('added 4 spending lines');
    expect(expenditureTable(spending.db, '2026/27').lines.map((l) => [l.label, l.amountPence])).toEqual([
      ['Конференция', 40_000],
      ['Обучение', 30_000],
      ['IT - Adobe', 20_000],
      ['IT (Adobe)', 10_000],
    ]);
    const income = importText(db, 'contributions', 'financial_year,source,amount\n2026/27,Фонд,100\n2026/27,基金,200\n');
    expect(income.changes).toBe('added 2 income lines');
    expect(new Set(income.db.contributions.map((c) => c.id)).size).toBe(income.db.contributions.length);
  });

  it('updates a spending line written with different case or spacing, and keeps its id', () => {
    const { db } = importExamples();
    const before = db.expenditure.find((e) => e.category === 'CSCP training provided' && e.financialYear === '2024/25')!;
    const after = importText(db, 'expenditure', 'financial_year,category,amount\n2024/25,CSCP  Training provided,"9,400"\n').db;
    expect(after.expenditure.filter((e) => e.financialYear === '2024/25')).toHaveLength(8);
    expect(after.expenditure.find((e) => e.id === before.id)).toMatchObject({ category: 'CSCP  Training provided', amountPence: 940_000 });
  });
});

describe('recording renames for comparing years', () => {
  it('reads predecessors and former names, and --compare then matches the renamed lines', () => {
    let { db } = importExamples();
    db = importText(db, 'agencies', 'name,sector\nCroydon CCG,health\n').db;
    db = importText(db, 'agencies', 'name,sector,predecessors\nCroydon ICB,health,Croydon CCG\n').db;
    db = importText(db, 'contributions', 'financial_year,agency,amount\n2021/22,Croydon CCG,"30,000"\n').db;
    db = importText(db, 'expenditure', 'financial_year,category,amount\n2021/22,Staffing & related costs,"330,000"\n2021/22,CSCP Training provided,"12,500"\n').db;
    db = importText(db, 'expenditure', 'financial_year,category,amount,former_names\n2024/25,Staff & related costs,"372,189",Staffing & related costs\n').db;
    const comparison = fundingSummary(db, '2024/25', { compareWith: '2021/22' }).comparison!;
    expect(comparison.income.find((c) => c.label === 'Croydon ICB')).toMatchObject({ amountPence: 3_385_000, previousPence: 3_000_000 });
    expect(comparison.income.map((c) => c.label)).not.toContain('Croydon CCG');
    expect(comparison.expenditure.slice(0, 3).map((c) => [c.label, c.previousPence])).toEqual([
      ['Staff & related costs', 33_000_000],
      ['Independent Scrutineer costs', 0],
      ['CSCP training provided', 1_250_000],
    ]);
  });

  it('refuses a predecessor that is not in the register', () => {
    const { db } = importExamples();
    expect(importText(db, 'agencies', 'name,sector,predecessors\nCroydon ICB,health,Croydon PCT\n', 'agencies.csv').error).toBe(
      'agencies.csv:2: column "predecessors": unknown agency "Croydon PCT"; list the predecessor before the agency that took it over',
    );
  });
});

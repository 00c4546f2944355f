import { complianceLabel, complianceStatus } from '@partnership-tracker/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { importExamples, importText } from '../__fixtures__/examples.js';
import { run } from '../main.js';

afterEach(removeFakeIoFolders);

describe('importing returns and what agencies sent (issue 15)', () => {
  it('gathers a return\'s rows into one return asked of each agency, with its contact, and reads the responses', () => {
    const { db } = importExamples();
    const dataset = db.returns.find((r) => r.title === 'Multi-agency dataset 2025/26 Q1')!;
    expect([dataset.id, dataset.kind, dataset.period, dataset.dueOn, dataset.mandatoryFields]).toEqual(['multi-agency-dataset-2025-26-q1', 'quarterly-dataset', '2025/26 Q1', '2025-08-15', ['commentary', 'neurodivergence']]);
    expect(dataset.agencies.map((a) => [a.agencyId, a.contactId])).toEqual([
      ['croydon-council-children-s-social-care', 'dcs-at-example-org'],
      ['metropolitan-police', 'police-lead-at-example-org'],
      ['croydon-council-housing', 'housing-lead-at-example-org'],
      ['south-london-and-maudsley-nhs-foundation-trust', 'slam-lead-at-example-org'],
    ]);
    const status = (agencyId: string) => complianceLabel(complianceStatus(dataset, db.returnResponses.find((r) => r.returnId === dataset.id && r.agencyId === agencyId), agencyId, '2026-11-23'));
    expect(dataset.agencies.map((a) => status(a.agencyId))).toEqual(['On time', 'Partial', 'Partial', 'Missing']);
    const housing = db.returnResponses.find((r) => r.agencyId === 'croydon-council-housing')!;
    expect([housing.review, housing.reviewNote, housing.reviewedOn]).toEqual(['sent-back', 'No commentary on the rise in referrals', '2025-08-29']);
  });

  it('reports every bad returns row as FILE:LINE: column "X": problem, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'return,type,period,due,agency,contact,template,mandatory_fields',
      'Dataset 2026/27 Q1,dataset,Q1 2026,2026-08-14,Metropolitan Police,,,',
      'Dataset 2026/27 Q2,dataset,2026/27 Q2,2026-11-13,Metropolitan Police,nobody@example.org,sharepoint,',
      'Dataset 2026/27 Q3,,,,Metropolitan Police,,,',
      'Dataset 2026/27 Q4,dataset,2026/27 Q4,2027-05-14,Metropolitan Police,,,commentary',
      'Dataset 2026/27 Q4,,,2027-05-21,Croydon Council: Housing,,,',
      'Dataset 2026/27 Q4,,,,Met Police,,,',
      'Dataset 2026/27 Q4,,,,Croydon Youth Zone,,,',
    ].join('\n');
    const result = importText(db, 'returns', text, 'returns.csv');
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "returns.csv:2: column "period": "Q1 2026" reads like a calendar quarter, but quarters here are the financial year's (Q1 = April–June). January–March 2026 is 2025/26 Q4; write that.
      returns.csv:3: column "contact": no person has the email address "nobody@example.org"; import them with \`ptrack import people\` first
      returns.csv:3: column "template": "sharepoint" is not a web address starting https://
      returns.csv:4: column "type": is blank; a new return needs its type
      returns.csv:4: column "period": is blank; a new return needs the period it covers
      returns.csv:4: column "due": is blank; a new return needs its due day
      returns.csv:6: column "due": differs from line 5, which asks for the same return; leave it blank or write it the same
      returns.csv:7: column "agency": duplicate agency for this return: line 5 already has it
      returns.csv:8: column "agency": unknown agency "Croydon Youth Zone"; add it to the agencies first, or import with --create-agencies"
    `);
  });

  it('reports every bad response row, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'return,agency,status,received,received_by,link,missing,review,review_note,reviewed',
      'Dataset 2030/31 Q1,Metropolitan Police,received,2025-08-14,,,,,,',
      'Multi-agency dataset 2025/26 Q1,National Probation Service,received,2025-08-14,,,,,,',
      'Multi-agency dataset 2025/26 Q1,Metropolitan Police,partial,2025-08-14,,,,,,',
      'Multi-agency dataset 2025/26 Q1,Croydon Council: Housing,received,,,,commentary,,,',
      'Multi-agency dataset 2025/26 Q1,South London and Maudsley,not received,2025-08-20,,,,accepted,,',
      "Multi-agency dataset 2025/26 Q1,Croydon Council: Children's Social Care,received,2025-08-14,,not a link,,sent back,,2025-08-01",
      "Multi-agency dataset 2025/26 Q1,CSC,received,2027-01-04,,,,,,",
    ].join('\n');
    const result = importText(db, 'return-responses', text, 'responses.csv');
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "responses.csv:2: column "return": unknown return "Dataset 2030/31 Q1"; import it with \`ptrack import returns\` first
      responses.csv:3: column "agency": National Probation Service was not asked for Multi-agency dataset 2025/26 Q1; add it with \`ptrack import returns\` first
      responses.csv:4: column "missing": is blank; say what a partial return lacks
      responses.csv:5: column "missing": only a partial return lacks something; this one is received
      responses.csv:5: column "received": is blank; say the day it came
      responses.csv:6: column "received": a return not received has no day it came; mark it received or partial
      responses.csv:6: column "review": nothing was received to accept or send back
      responses.csv:7: column "link": "not a link" is not a web address starting https://
      responses.csv:7: column "review_note": is blank; say why it was sent back
      responses.csv:7: column "reviewed": comes before the day it was received (2025-08-14)
      responses.csv:8: column "received": 2027-01-04 is after today"
    `);
  });

  it('changes a response whose status changed on re-import, and works out lateness from the days', () => {
    const { db } = importExamples();
    const text = 'return,agency,status,received\nMulti-agency dataset 2025/26 Q1,South London and Maudsley,late,2025-08-25\n';
    const result = importText(db, 'return-responses', text);
    expect(result.changes).toBe('changed 1 return response');
    const dataset = result.db.returns.find((r) => r.period === '2025/26 Q1')!;
    const slam = result.db.returnResponses.find((r) => r.agencyId === 'south-london-and-maudsley-nhs-foundation-trust');
    expect(complianceLabel(complianceStatus(dataset, slam, slam!.agencyId, '2026-11-23'))).toBe('Late 10 days');
  });
});

describe('ptrack export compliance', () => {
  it('writes the example\'s 2024/25 compliance table in every format, for the year and a quarter', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    let before = text().length;
    expect(await run(['export', 'compliance', '--year', '2024/25', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('| Croydon Council: Housing | Missing | Partial | Missing | Late 10 days | On time | Partial | 6 | 1 | 1 | 2 | 2 |');
    expect(markdown).toContain('| **All agencies** |  |  |  |  |  |  | **58** | **35** | **12** | **6** | **5** |');
    before = text().length;
    expect(await run(['export', 'compliance', '--year', '2024/25', '--quarter', 'Q3', '--format', 'csv'], io)).toBe(0);
    const csv = text().slice(before);
    expect(csv.split('\r\n')[1]).toBe('Agency,Safeguarding assurance self-assessment 2024/25 (Section 11),Multi-agency dataset 2024/25 Q3,Asked,On time,Late,Partial,Missing');
    expect(csv).toContain('Metropolitan Police,Late 21 days,On time,2,1,1,0,0');
    for (const format of ['json', 'html', 'xlsx']) {
      expect(await run(['export', 'compliance', '--year', '2024/25', '--format', format, '--out', `compliance.${format}`], io)).toBe(0);
    }
  });

  it('writes one agency\'s own record over time with --agency', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    const before = text().length;
    expect(await run(['export', 'compliance', '--agency', 'Probation Service', '--format', 'md'], io)).toBe(0);
    const markdown = text().slice(before);
    expect(markdown).toContain('| 2024/25 | 2 | 0 | 0 | 0 | 2 |');
    expect(markdown).toContain('| Annual report 2024/25 contribution | Annual report contribution | 2024/25 | 13/06/2025 |  | Missing |');
  });

  it('needs a year or an agency, and refuses --agency on other tables', async () => {
    const { io, err } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['export', 'compliance'], io)).toBe(2);
    expect(await run(['export', 'engagement', '--year', '2024/25', '--agency', 'Metropolitan Police'], io)).toBe(2);
    expect(await run(['export', 'compliance', '--agency', 'Nobody At All'], io)).not.toBe(0);
    expect(err.join('')).toContain("export compliance needs --year, e.g. --year 2024/25, or --agency for one agency's record over time");
    expect(err.join('')).toContain("export engagement is not one agency's record; leave out --agency");
    expect(err.join('')).toContain('--agency Nobody At All: there is no such agency in the register.');
  });
});


describe('importing a self-assessment\'s standards and the agencies\' self-ratings', () => {
  it('adds the standards, the ratings, and the action the agency commits to, led by it and linked to its rating', () => {
    const { db } = importExamples();
    const assessment = db.returns.find((r) => r.kind === 'assurance-self-assessment')!;
    expect(assessment.standards.map((s) => s.number)).toEqual([1, 2, 3]);
    const chs = db.returnResponses.find((r) => r.returnId === assessment.id && r.agencyId === 'croydon-health-service-nhs')!;
    expect(chs.ratings.map((r) => [r.standard, r.rating])).toEqual([[1, 'met'], [2, 'partly-met'], [3, 'met']]);
    const text = [
      'return,agency,standard,rating,note,action_ref,plan,action_title,owner,due',
      'Safeguarding assurance self-assessment 2025/26,CHS,2,partly met,Bank staff checks not yet audited,S-1,Business plan 2025–27,Audit DBS checks for bank and agency staff,named.nurse@example.org,31/03/2026',
    ].join('\n');
    const result = importText(db, 'self-ratings', text);
    expect(result.changes).toBe('added 1 action');
    const action = result.db.actions.find((a) => a.ref === 'S-1')!;
    expect([action.leadAgencyIds, action.ownerId, action.due, action.source]).toEqual([
      ['croydon-health-service-nhs'],
      'named-nurse-at-example-org',
      '2026-03-31',
      { kind: 'self-assessment', reference: 'Safeguarding assurance self-assessment 2025/26, standard 2', recordId: chs.id, item: 2 },
    ]);
    expect(importText(result.db, 'self-ratings', text).changes).toBe('nothing changed (everything in the file was already there)');
  });

  it('reports every bad rating row, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'return,agency,standard,rating,note,action_ref,plan,action_title,owner,due',
      'Multi-agency dataset 2025/26 Q1,Metropolitan Police,1,met,,,,,,',
      'Safeguarding assurance self-assessment 2025/26,National Probation Service,1,met,,,,,,',
      'Safeguarding assurance self-assessment 2025/26,Croydon Health Service NHS,9,met,,,,,,',
      'Safeguarding assurance self-assessment 2025/26,Croydon Health Service NHS,1,fine,,,,,,',
      'Safeguarding assurance self-assessment 2025/26,Croydon Health Service NHS,2,not met,,S-9,,,,',
      'Safeguarding assurance self-assessment 2025/26,CHS,3,met,,,,,,',
      'Safeguarding assurance self-assessment 2025/26,CHS,3,met,,,,,,',
    ].join('\n');
    const result = importText(db, 'self-ratings', text, 'ratings.csv');
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "ratings.csv:2: column "standard": Multi-agency dataset 2025/26 Q1 has no standard 1; import its standards with \`ptrack import standards\` first
      ratings.csv:3: column "agency": nothing from National Probation Service is recorded for Safeguarding assurance self-assessment 2025/26; record its return with \`ptrack import return-responses\` first
      ratings.csv:4: column "standard": Safeguarding assurance self-assessment 2025/26 has no standard 9; import its standards with \`ptrack import standards\` first
      ratings.csv:5: column "rating": "fine" is not one of met, partly-met, not-met
      ratings.csv:6: column "plan": is blank; an action needs the plan it is tracked in
      ratings.csv:6: column "due": is blank; an action needs the day it is due
      ratings.csv:6: column "action_title": is blank; say what the agency will do
      ratings.csv:8: column "standard": duplicate rating of this standard by this agency: line 7 already has it"
    `);
  });

  it('refuses standards for a return that is not a self-assessment', () => {
    const { db } = importExamples();
    const result = importText(db, 'standards', 'return,number,standard\nMulti-agency dataset 2025/26 Q1,1,Commentary\n', 'standards.csv');
    expect(result.error).toBe('standards.csv:2: column "return": Multi-agency dataset 2025/26 Q1 is a quarterly dataset; only an assurance self-assessment has standards');
  });
});

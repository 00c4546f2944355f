import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { EXAMPLE_AS_OF, examplePartnership } from '../example/index.js';
import { localDateOf } from '../base/dates.js';
import { writeMarkdown } from '../reporting/render/markdown.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import { agencyReturnRecord, complianceLabel, complianceStatus, complianceTable, returnsInPeriod } from './compliance.js';
import { ReturnRequest, ReturnResponse, responseId, type StandardRating } from './returnRequest.js';
import { complianceReport, selfRatingsTable } from './returnTables.js';

const period = (text: string) => unwrap(parsePeriod(text));

const dataset: z.input<typeof ReturnRequest> = {
  id: 'dataset-2025-26-q1',
  kind: 'quarterly-dataset',
  title: 'Dataset 2025/26 Q1',
  period: '2025/26 Q1',
  dueOn: '2025-08-15',
  mandatoryFields: ['commentary', 'neurodivergence'],
  agencies: [
    { agencyId: 'council', contactId: 'olu-owner' },
    { agencyId: 'police', contactId: 'dev-deputy' },
  ],
};

/** The sample partnership with the 2025/26 Q1 dataset asked of the council (Olu) and the police (Dev). */
function withDataset(): Database {
  return unwrap(applyCommands(sampleDatabase(), [{ type: 'return.upsert', request: dataset }], by(actors.businessTeam))).db;
}

const request = ReturnRequest.parse(dataset);
const response = (fields: Partial<z.input<typeof ReturnResponse>>) =>
  ReturnResponse.parse({ id: responseId(request.id, 'council'), returnId: request.id, agencyId: 'council', state: 'received', receivedOn: '2025-08-15', ...fields });

describe('where an agency stands with a return', () => {
  it.each([
    ['received on the due day', response({}), '2025-09-01', 'On time'],
    ['received early', response({ receivedOn: '2025-08-01' }), '2025-09-01', 'On time'],
    ['received a day after', response({ receivedOn: '2025-08-16' }), '2025-09-01', 'Late 1 day'],
    ['received 12 days after, counted in calendar days over a weekend', response({ receivedOn: '2025-08-27' }), '2025-09-01', 'Late 12 days'],
    ['received without neurodivergence', response({ state: 'partial', missing: ['neurodivergence'] }), '2025-09-01', 'Partial'],
    ['received, then sent back with a note', response({ review: 'sent-back', reviewNote: 'No commentary' }), '2025-09-01', 'Partial'],
    ['recorded as not received, past the due day', response({ state: 'not-received', receivedOn: null }), '2025-08-16', 'Missing'],
    ['with nothing recorded, past the due day', undefined, '2025-08-16', 'Missing'],
    ['with nothing recorded, on the due day', undefined, '2025-08-15', 'Not yet due'],
    ['received after the day the table is drawn up for', response({ receivedOn: '2025-08-20' }), '2025-08-18', 'Missing'],
  ])('%s: %s', (_case, given, asOf, expected) => {
    expect(complianceLabel(complianceStatus(request, given, 'council', asOf))).toBe(expected);
  });

  it('is "—" for an agency that was not asked', () => {
    expect(complianceLabel(complianceStatus(request, undefined, 'probation', '2025-09-01'))).toBe('—');
  });

  it('says what a partial return lacks: its missing fields, or the business team\'s note when sent back', () => {
    expect(complianceStatus(request, response({ state: 'partial', missing: ['neurodivergence'] }), 'council', '2025-09-01')).toEqual({ kind: 'partial', missing: ['neurodivergence'] });
    expect(complianceStatus(request, response({ review: 'sent-back', reviewNote: 'No commentary' }), 'council', '2025-09-01')).toEqual({ kind: 'partial', missing: ['No commentary'] });
  });
});

describe('responses that cannot be true are refused by the schema', () => {
  it.each([
    ['partial with nothing missing', { state: 'partial' }, 'missing'],
    ['received with something missing', { missing: ['commentary'] }, 'missing'],
    ['received with no day', { receivedOn: null }, 'receivedOn'],
    ['sent back without a note', { review: 'sent-back' }, 'reviewNote'],
    ['accepted though nothing came', { state: 'not-received', receivedOn: null, review: 'accepted' }, 'review'],
    ['under another id', { id: 'x' }, 'id'],
  ] as const)('%s', (_case, fields, path) => {
    const parsed = ReturnResponse.safeParse({ id: responseId(request.id, 'council'), returnId: request.id, agencyId: 'council', state: 'received', receivedOn: '2025-08-15', ...fields });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('refuses a period that is not a financial year or quarter as written here, and an agency asked twice', () => {
    expect(ReturnRequest.safeParse({ ...dataset, period: 'Q1 2025' }).success).toBe(false);
    expect(ReturnRequest.safeParse({ ...dataset, period: '2025-26' }).success).toBe(false);
    expect(ReturnRequest.safeParse({ ...dataset, agencies: [{ agencyId: 'council' }, { agencyId: 'council' }] }).success).toBe(false);
  });
});

describe('who may change returns', () => {
  const submit = (agencyId: string, link = 'https://share.example/dataset-q1.xlsx'): CommandInput => ({ type: 'returnResponse.submit', returnId: dataset.id, agencyId, link });

  it('the business team sends a return out, audited like any change; nobody else may', () => {
    const outcome = unwrap(applyCommands(sampleDatabase(), [{ type: 'return.upsert', request: dataset }], by(actors.businessTeam)));
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['bea-business', 'return.upsert', 'return', 'dataset-2025-26-q1']]);
    const refused = applyCommands(sampleDatabase(), [{ type: 'return.upsert', request: dataset }], by(actors.chair));
    expect(refused.success ? '' : refused.error.code).toBe('access.not_business_team');
  });

  it('an agency\'s contact marks its return submitted with the link: received that day, by them, awaiting review', () => {
    const outcome = unwrap(applyCommands(withDataset(), [submit('council')], by(actors.owner, '2025-08-18T08:00:00.000Z')));
    const saved = outcome.db.returnResponses[0]!;
    expect([saved.state, saved.receivedOn, saved.receivedById, saved.link, saved.review]).toEqual(['received', '2025-08-18', 'olu-owner', 'https://share.example/dataset-q1.xlsx', 'pending']);
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['olu-owner', 'returnResponse.submit', 'returnResponse', 'dataset-2025-26-q1:council']]);
    expect(complianceLabel(complianceStatus(request, saved, 'council', '2025-09-01'))).toBe('Late 3 days');
  });

  it('sending the same link again changes nothing, so a retried chat submission is recorded once', () => {
    const once = unwrap(applyCommands(withDataset(), [submit('council')], by(actors.owner))).db;
    const again = unwrap(applyCommands(once, [submit('council')], by(actors.owner, '2025-06-02T10:00:00.000Z')));
    expect([again.audit.length, again.db]).toEqual([0, once]);
  });

  it.each([
    ['a contact, for another agency', actors.owner, 'police', 'return.not_contact'],
    ['a colleague of the contact who is not the contact', actors.chair, 'council', 'return.not_contact'],
    ['a partner with no part in it', actors.bystander, 'police', 'return.not_contact'],
    ['someone who has left', actors.leaver, 'council', 'access.unknown_person'],
    ['a stranger', actors.stranger, 'council', 'access.unknown_person'],
  ])('refuses a submission by %s', (_who, actor, agencyId, code) => {
    const refused = applyCommands(withDataset(), [submit(agencyId)], by(actor));
    expect(refused.success ? '' : refused.error.code).toBe(code);
  });

  it('lets the business team submit for any agency asked, and not for an agency that was not', () => {
    expect(applyCommands(withDataset(), [submit('police')], by(actors.businessTeam)).success).toBe(true);
    const db = unwrap(applyCommands(withDataset(), [{ type: 'agency.upsert', agency: { id: 'probation', name: 'Probation', sector: 'probation' } }], by(actors.cli))).db;
    const refused = applyCommands(db, [submit('probation')], by(actors.businessTeam));
    expect(refused.success ? '' : refused.error.message).toBe('Dataset 2025/26 Q1 was not asked of Probation.');
  });

  it('the business team accepts or sends back with a note; a contact may not, and a sent-back return is sent again', () => {
    const submitted = unwrap(applyCommands(withDataset(), [submit('council')], by(actors.owner, '2025-08-14T09:00:00.000Z'))).db;
    const review = (decision: 'accepted' | 'sent-back', note: string | null = null): CommandInput => ({ type: 'returnResponse.review', returnId: dataset.id, agencyId: 'council', decision, note });
    const byContact = applyCommands(submitted, [review('accepted')], by(actors.owner));
    expect(byContact.success ? '' : byContact.error.code).toBe('access.not_business_team');
    const noNote = applyCommands(submitted, [review('sent-back')], by(actors.businessTeam));
    expect(noNote.success ? '' : noNote.error.code).toBe('return.note_needed');
    const sentBack = unwrap(applyCommands(submitted, [review('sent-back', 'The commentary is missing.')], by(actors.businessTeam, '2025-08-15T09:00:00.000Z'))).db;
    expect(complianceLabel(complianceStatus(request, sentBack.returnResponses[0], 'council', '2025-08-20'))).toBe('Partial');
    const resent = unwrap(applyCommands(sentBack, [submit('council', 'https://share.example/dataset-q1-v2.xlsx')], by(actors.owner, '2025-08-19T09:00:00.000Z'))).db;
    expect(complianceLabel(complianceStatus(request, resent.returnResponses[0], 'council', '2025-08-20'))).toBe('Late 4 days');
    const accepted = unwrap(applyCommands(resent, [review('accepted')], by(actors.businessTeam, '2025-08-20T09:00:00.000Z'))).db;
    expect([accepted.returnResponses[0]!.review, accepted.returnResponses[0]!.reviewedOn]).toEqual(['accepted', '2025-08-20']);
    const afterAcceptance = applyCommands(accepted, [submit('council', 'https://share.example/other.xlsx')], by(actors.owner));
    expect(afterAcceptance.success ? '' : afterAcceptance.error.code).toBe('return.already_accepted');
  });

  it('refuses to accept what never came, and to drop an agency that has answered from those asked', () => {
    const refused = applyCommands(withDataset(), [{ type: 'returnResponse.review', returnId: dataset.id, agencyId: 'police', decision: 'accepted' }], by(actors.businessTeam));
    expect(refused.success ? '' : refused.error.code).toBe('return.nothing_received');
    const answered = unwrap(applyCommands(withDataset(), [submit('police')], by(actors.deputy))).db;
    const dropped = applyCommands(answered, [{ type: 'return.upsert', request: { ...dataset, agencies: [{ agencyId: 'council' }] } }], by(actors.businessTeam));
    expect(dropped.success ? '' : dropped.error.code).toBe('return.response_exists');
  });

  it('refuses a contact who is not a known, active person', () => {
    const db = sampleDatabase();
    const unknown = applyCommands(db, [{ type: 'return.upsert', request: { ...dataset, agencies: [{ agencyId: 'council', contactId: 'nobody' }] } }], by(actors.cli));
    const leaver = applyCommands(db, [{ type: 'return.upsert', request: { ...dataset, agencies: [{ agencyId: 'council', contactId: 'lee-leaver' }] } }], by(actors.cli));
    expect([unknown, leaver].map((r) => (r.success ? '' : r.error.code))).toEqual(['return.unknown_contact', 'return.inactive_contact']);
  });
});

describe('the example partnership\'s 2024/25 returns', () => {
  const db = examplePartnership();
  const asOf = localDateOf(EXAMPLE_AS_OF, 'Europe/London');

  it('counts a quarter\'s dataset in its quarter, and a year\'s return in the quarter it fell due', () => {
    const titles = (text: string) => returnsInPeriod(db, period(text)).map((r) => r.id);
    expect(titles('2024/25 Q1')).toEqual(['dataset-2024-25-q1']);
    expect(titles('2024/25 Q3')).toEqual(['assurance-2024-25', 'dataset-2024-25-q3']);
    expect(titles('2024/25')).toEqual(['dataset-2024-25-q1', 'assurance-2024-25', 'dataset-2024-25-q2', 'dataset-2024-25-q3', 'dataset-2024-25-q4', 'annual-report-2024-25']);
    expect(titles('2025/26')).toEqual([]);
  });

  it('gives a quarter\'s counts and the year\'s, with some late and missing', () => {
    const totals = (text: string) => complianceTable(db, period(text), asOf).totals;
    expect(totals('2024/25 Q1')).toEqual({ asked: 9, onTime: 5, late: 1, partial: 2, missing: 1, notDue: 0 });
    expect(totals('2024/25')).toEqual({ asked: 58, onTime: 35, late: 12, partial: 6, missing: 5, notDue: 0 });
  });

  it('keeps Housing\'s own record: no data until the autumn\'s challenge, then data every quarter', () => {
    const housing = db.agencies.find((a) => a.name === 'Croydon Council: Housing')!;
    const record = agencyReturnRecord(db, housing, asOf);
    expect(record.lines.map((l) => [l.request.title, complianceLabel(l.status)])).toEqual([
      ['Multi-agency dataset 2024/25 Q1', 'Missing'],
      ['Safeguarding assurance self-assessment 2024/25 (Section 11)', 'Partial'],
      ['Multi-agency dataset 2024/25 Q2', 'Missing'],
      ['Multi-agency dataset 2024/25 Q3', 'Late 10 days'],
      ['Multi-agency dataset 2024/25 Q4', 'On time'],
      ['Annual report 2024/25 contribution', 'Partial'],
    ]);
    expect(record.byYear).toEqual([{ year: '2024/25', counts: { asked: 6, onTime: 1, late: 1, partial: 2, missing: 2, notDue: 0 } }]);
  });

  it('publishes the 2024/25 compliance table as it stands', () => {
    const grid = complianceReport(db, period('2024/25'), asOf).tables[0]!;
    expect(writeMarkdown({ title: 'Returns', tables: [grid] })).toMatchSnapshot();
  });
});

describe('an assurance self-assessment\'s standards, ratings and the actions agencies commit to', () => {
  const assessment: z.input<typeof ReturnRequest> = {
    id: 'assurance-2025-26',
    kind: 'assurance-self-assessment',
    title: 'Section 11 audit 2025/26',
    period: '2025/26',
    dueOn: '2025-10-31',
    agencies: [{ agencyId: 'council', contactId: 'olu-owner' }, { agencyId: 'police', contactId: 'dev-deputy' }],
    standards: [
      { number: 1, text: 'Senior management commitment' },
      { number: 2, text: 'Safer recruitment' },
    ],
  };
  const policeResponse = (ratings: Array<z.input<typeof StandardRating>>): CommandInput => ({
    type: 'returnResponse.upsert',
    response: { id: 'assurance-2025-26:police', returnId: 'assurance-2025-26', agencyId: 'police', state: 'received', receivedOn: '2025-05-30', ratings },
  });
  const commitment = (fields: Record<string, unknown> = {}): CommandInput => ({
    type: 'action.create',
    action: {
      ref: 'S-1',
      planId: 'plan-2025-27',
      title: 'Refresh safer recruitment checks for volunteers',
      ownerId: 'dev-deputy',
      leadAgencyId: 'police',
      due: '2026-03-31',
      source: { kind: 'self-assessment', reference: 'Section 11 audit 2025/26, standard 2', recordId: 'assurance-2025-26:police', item: 2 },
      ...fields,
    },
  });
  const rated = () =>
    unwrap(
      applyCommands(
        sampleDatabase(),
        [{ type: 'return.upsert', request: assessment }, policeResponse([{ standard: 1, rating: 'met' }, { standard: 2, rating: 'partly-met', note: 'Volunteers not yet DBS-checked' }])],
        by(actors.businessTeam),
      ),
    ).db;

  it('keeps standards for self-assessments alone', () => {
    expect(ReturnRequest.safeParse({ ...dataset, standards: [{ number: 1, text: 'x' }] }).success).toBe(false);
    expect(ReturnRequest.safeParse({ ...assessment, standards: [{ number: 1, text: 'x' }, { number: 1, text: 'y' }] }).success).toBe(false);
  });

  it('refuses a rating of a standard the return does not have', () => {
    const db = unwrap(applyCommands(sampleDatabase(), [{ type: 'return.upsert', request: assessment }], by(actors.businessTeam))).db;
    const refused = applyCommands(db, [policeResponse([{ standard: 3, rating: 'met' }])], by(actors.businessTeam));
    expect(refused.success ? '' : refused.error.code).toBe('return.unknown_standard');
  });

  it('makes what an agency commits to an ordinary action led by that agency, linked to its rating', () => {
    const outcome = unwrap(applyCommands(rated(), [commitment()], by(actors.businessTeam)));
    const action = outcome.db.actions.find((a) => a.ref === 'S-1')!;
    expect([action.leadAgencyIds, action.ownerId, action.source.recordId, action.source.item, action.status]).toEqual([['police'], 'dev-deputy', 'assurance-2025-26:police', 2, 'not-started']);
    const table = selfRatingsTable(outcome.db, outcome.db.returns[0]!);
    expect(table.rows).toEqual([
      { agency: 'Croydon Council', 'standard:1': null, 'standard:2': null, actions: 0 },
      { agency: 'Metropolitan Police', 'standard:1': 'Met', 'standard:2': 'Partly met', actions: 1 },
    ]);
  });

  it.each([
    ['led by another agency', { leadAgencyId: 'council' }, 'action.bad_source'],
    ['with no lead agency', { leadAgencyId: null }, 'action.bad_source'],
    ['for a standard the agency did not rate', { source: { kind: 'self-assessment', reference: null, recordId: 'assurance-2025-26:police', item: 3 } }, 'action.unknown_source'],
    ['for an agency that has not responded', { leadAgencyId: 'council', source: { kind: 'self-assessment', reference: null, recordId: 'assurance-2025-26:council', item: 1 } }, 'action.unknown_source'],
  ])('refuses an action %s', (_case, fields, code) => {
    const refused = applyCommands(rated(), [commitment(fields)], by(actors.businessTeam));
    expect(refused.success ? '' : refused.error.code).toBe(code);
  });

  it('keeps a standard that is rated, and a rating an action answers', () => {
    const db = unwrap(applyCommands(rated(), [commitment()], by(actors.businessTeam))).db;
    const dropStandard = applyCommands(db, [{ type: 'return.upsert', request: { ...assessment, standards: [{ number: 1, text: 'Senior management commitment' }] } }], by(actors.businessTeam));
    const dropRating = applyCommands(db, [policeResponse([{ standard: 1, rating: 'met' }])], by(actors.businessTeam));
    expect([dropStandard, dropRating].map((r) => (r.success ? '' : r.error.code))).toEqual(['return.standard_in_use', 'return.rating_in_use']);
  });

  it('keeps the ratings when the contact sends the return again', () => {
    const again = unwrap(applyCommands(rated(), [{ type: 'returnResponse.submit', returnId: 'assurance-2025-26', agencyId: 'police', link: 'https://share.example/s11-v2.xlsx' }], by(actors.deputy))).db;
    expect(again.returnResponses[0]!.ratings.map((r) => r.rating)).toEqual(['met', 'partly-met']);
  });

  it('shows the example\'s self-ratings: Housing partly meets training and information sharing', () => {
    const db = examplePartnership();
    const table = selfRatingsTable(db, db.returns.find((r) => r.id === 'assurance-2024-25')!);
    const housing = table.rows.find((row) => row.agency === 'Croydon Council: Housing')!;
    expect([housing['standard:4'], housing['standard:6'], housing['standard:1']]).toEqual(['Partly met', 'Partly met', 'Met']);
    expect(table.rows.find((row) => row.agency === 'National Probation Service')!['standard:1']).toBeNull();
  });
});

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
import { ReturnRequest, ReturnResponse, responseId } from './returnRequest.js';
import { complianceReport } from './returnTables.js';

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

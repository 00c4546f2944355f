import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../base/result.js';
import { ReturnRequest, ReturnResponse, responseId } from '../returns/returnRequest.js';
import { applyCommands } from '../store/applyCommands.js';
import type { Database } from '../store/database.js';
import { reminderDatabase } from './__fixtures__/reminderDatabase.js';
import { pendingMessages } from './pendingMessages.js';
import { dueMessages, type ScheduledMessage } from './reminderRules.js';
import { renderMessage } from './renderMessage.js';

/**
 * The 2026/27 Q1 dataset, due Friday 14 August 2026, asked of the schools (Jo), the voluntary
 * sector (Dee), the police (Sam) and the council (whose contact has left).
 */
const dataset: z.input<typeof ReturnRequest> = {
  id: 'dataset-q1',
  kind: 'quarterly-dataset',
  title: 'Dataset 2026/27 Q1',
  period: '2026/27 Q1',
  dueOn: '2026-08-14',
  templateUrl: 'https://share.example/dataset-template.xlsx',
  mandatoryFields: ['commentary', 'neurodivergence'],
  agencies: [
    { agencyId: 'schools', contactId: 'jo' },
    { agencyId: 'vcs', contactId: 'learning-deputy' },
    { agencyId: 'police', contactId: 'sam' },
    { agencyId: 'council', contactId: 'gone' },
  ],
};

const response = (agencyId: string, fields: Partial<z.input<typeof ReturnResponse>>) =>
  ReturnResponse.parse({ id: responseId('dataset-q1', agencyId), returnId: 'dataset-q1', agencyId, state: 'received', receivedOn: '2026-08-10', ...fields });

/** The reminder fixture with no actions, the dataset asked for, and the police's return in on time. */
function withDataset(responses: ReturnResponse[] = []): Database {
  return { ...reminderDatabase({ actions: [] }), returns: [ReturnRequest.parse(dataset)], returnResponses: [response('police', {}), ...responses] };
}

/** Every returns message due at some moment from July to December 2026, asked every few hours, by key. */
function sweep(db: Database): Map<string, ScheduledMessage> {
  const seen = new Map<string, ScheduledMessage>();
  const start = Date.parse('2026-07-01T00:00:00Z');
  for (let hour = 0; hour < 184 * 24; hour += 3) {
    for (const message of dueMessages(db, new Date(start + hour * 3_600_000).toISOString())) {
      if (message.kind === 'return-chase' || message.kind === 'return-overdue-alert') seen.set(message.key, message);
    }
  }
  return seen;
}

const chasesOf = (seen: Map<string, ScheduledMessage>, agencyId: string) =>
  [...seen.values()].filter((m) => m.kind === 'return-chase' && m.data.agencyId === agencyId).map((m) => `${m.sendAt.slice(0, 16)} ${m.key.split(':')[1]}`);

describe('chasing a return', () => {
  it('chases the contact a week before, on the day, then weekly while overdue six times, at 09:00 on working days', () => {
    expect(chasesOf(sweep(withDataset()), 'schools')).toEqual([
      '2026-08-07T08:00 due-7',
      '2026-08-14T08:00 due',
      '2026-08-21T08:00 overdue',
      '2026-08-28T08:00 overdue',
      '2026-09-04T08:00 overdue',
      '2026-09-11T08:00 overdue',
      '2026-09-18T08:00 overdue',
      '2026-09-25T08:00 overdue',
    ]);
  });

  it('does not chase an agency whose return came in whole, nor a contact who has left', () => {
    const seen = sweep(withDataset());
    expect([chasesOf(seen, 'police'), chasesOf(seen, 'council')]).toEqual([[], []]);
  });

  it('keeps chasing a partial return, and one sent back, until it comes in whole', () => {
    const partial = withDataset([response('schools', { state: 'partial', missing: ['neurodivergence'] }), response('vcs', { review: 'sent-back', reviewNote: 'No commentary' })]);
    const seen = sweep(partial);
    expect([chasesOf(seen, 'schools').length, chasesOf(seen, 'vcs').length]).toEqual([8, 8]);
    const chase = [...seen.values()].find((m) => m.key === 'return-chase:due:dataset-q1:schools:2026-08-14')!;
    expect(renderMessage(partial, chase).text).toMatchInlineSnapshot(
      `"Reminder: Testshire Schools's “Dataset 2026/27 Q1”, which is due today, Friday 14 August 2026. What came lacks neurodivergence. It must include commentary, neurodivergence. When it is sent, reply "submit return dataset-q1 https://…" with its link. The template: https://share.example/dataset-template.xlsx"`,
    );
  });

  it('stops chasing once the return is received', () => {
    const received = withDataset([response('schools', { receivedOn: '2026-08-20' })]);
    expect(dueMessages(received, '2026-08-21T08:00:00Z').filter((m) => m.kind === 'return-chase' && m.data.agencyId === 'schools')).toEqual([]);
  });

  it('waits for a snooze to end, but still tells the chair', () => {
    const snoozed = withDataset([response('schools', { state: 'not-received', receivedOn: null, snoozedUntil: '2026-09-01' })]);
    const seen = sweep(snoozed);
    expect(chasesOf(seen, 'schools')[0]).toBe('2026-09-04T08:00 overdue');
    expect(seen.has('return-overdue-alert:dataset-q1:schools')).toBe(true);
  });
});

describe('telling the chair of a return still not in', () => {
  it('tells the chair ten working days after it was due (the August bank holiday not counted), once', () => {
    const seen = sweep(withDataset());
    const alerts = [...seen.values()].filter((m) => m.kind === 'return-overdue-alert').map((m) => `${m.sendAt.slice(0, 16)} ${m.data.agencyId} → ${m.target.kind === 'person' ? m.target.personId : ''}`);
    // Schools sit only on QAG, the voluntary sector only on Learning, and the council on QAG besides the Executive.
    expect(alerts).toEqual(['2026-08-28T08:00 council → qag-chair', '2026-08-28T08:00 schools → qag-chair', '2026-08-28T08:00 vcs → learning-chair']);
    const message = seen.get('return-overdue-alert:dataset-q1:schools')!;
    expect(renderMessage(withDataset(), message).text).toMatchInlineSnapshot(
      `"Overdue return: Testshire Schools has not sent “Dataset 2026/27 Q1” in whole, which is 14 days overdue: it was due on Friday 14 August 2026; its contact is Jo Owner, who has been chased. You are told as chair of Quality Assurance Group."`,
    );
  });
});

describe('a chase by hand', () => {
  const businessTeam = { actor: { kind: 'system' as const, name: 'cli' } };

  it('goes at once, on a Sunday and through a snooze, to the contact; once sent, it is not due again', () => {
    const snoozed = withDataset([response('schools', { state: 'not-received', receivedOn: null, snoozedUntil: '2026-12-01' })]);
    const at = '2026-08-23T15:00:00.000Z';
    const chased = unwrap(applyCommands(snoozed, [{ type: 'returnResponse.chase', returnId: 'dataset-q1', agencyId: 'schools' }], { ...businessTeam, at })).db;
    const due = pendingMessages(chased, at).filter((m) => m.kind === 'return-chase' && m.data.agencyId === 'schools');
    expect(due.map((m) => [m.key, m.sendAt, m.target])).toEqual([[`return-chase:by-hand:dataset-q1:schools:${at}`, at, { kind: 'person', personId: 'jo' }]]);
    expect(renderMessage(chased, due[0]!).text).toMatch(/^The business team asks after Testshire Schools's “Dataset 2026\/27 Q1”, which is 9 days overdue/);
    const sent = { ...chased, outbox: [{ key: due[0]!.key, state: 'sent' as const, claimedAt: at, sentAt: at, attempts: 1, error: null }] };
    expect(pendingMessages(sent, '2026-08-23T15:05:00.000Z').filter((m) => m.kind === 'return-chase' && m.data.agencyId === 'schools')).toEqual([]);
  });

  it('is the business team\'s, for a contact who can be reached, and only while something is owed', () => {
    const db = withDataset();
    const chase = (agencyId: string, actor: { kind: 'person'; personId: string } | { kind: 'system'; name: string }) =>
      applyCommands(db, [{ type: 'returnResponse.chase', returnId: 'dataset-q1', agencyId }], { actor, at: '2026-08-20T10:00:00.000Z' });
    expect([chase('schools', { kind: 'person', personId: 'qag-chair' }), chase('council', businessTeam.actor), chase('police', businessTeam.actor)].map((r) => (r.success ? '' : r.error.code))).toEqual([
      'access.not_business_team',
      'return.no_contact',
      'return.already_received',
    ]);
  });

  it('lets the contact snooze their own chases, and nobody else outside the business team', () => {
    const db = withDataset();
    const snooze = (personId: string) => applyCommands(db, [{ type: 'returnResponse.snooze', returnId: 'dataset-q1', agencyId: 'schools', until: '2026-09-01' }], { actor: { kind: 'person', personId }, at: '2026-08-20T10:00:00.000Z' });
    expect(unwrap(snooze('jo')).db.returnResponses.find((r) => r.agencyId === 'schools')).toMatchObject({ state: 'not-received', snoozedUntil: '2026-09-01' });
    const refused = snooze('sam');
    expect(refused.success ? '' : refused.error.code).toBe('return.not_contact');
  });

  it('keeps the chases and the snooze when an import records the response', () => {
    const chased = unwrap(
      applyCommands(withDataset(), [{ type: 'returnResponse.chase', returnId: 'dataset-q1', agencyId: 'schools' }, { type: 'returnResponse.snooze', returnId: 'dataset-q1', agencyId: 'schools', until: '2026-09-01' }], {
        ...businessTeam,
        at: '2026-08-20T10:00:00.000Z',
      }),
    ).db;
    const imported = unwrap(applyCommands(chased, [{ type: 'returnResponse.upsert', response: response('schools', { state: 'partial', missing: ['commentary'] }) }], { ...businessTeam, at: '2026-08-21T10:00:00.000Z' })).db;
    expect(imported.returnResponses.find((r) => r.agencyId === 'schools')).toMatchObject({ state: 'partial', snoozedUntil: '2026-09-01', chases: [{ at: '2026-08-20T10:00:00.000Z', byId: 'system:cli' }] });
  });
});

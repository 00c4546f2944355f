import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { examplePartnership, EXAMPLE_AS_OF } from '../example/index.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';
import type { z } from 'zod';
import type { Review } from './review.js';
import { reviewCounts, reviewCountsSentence, reviewProgress, reviewsReport, themesByAgeBand, timelinessOf } from './reviewTables.js';

/** The sample partnership with a Review Group that Dev (deputy chair) holds the reviews register for. */
function withReviewGroup(): Database {
  const db = sampleDatabase();
  return unwrap(
    applyCommands(
      db,
      [{ type: 'subgroup.upsert', subgroup: { id: 'review', name: 'Review Group', shortName: 'Review', chairId: 'dev-deputy', maintains: ['reviews'] } }],
      by(actors.cli),
    ),
  ).db;
}

const childK: z.input<typeof Review> = {
  id: 'child-k',
  codename: 'Child K',
  type: 'rapid-review',
  notifiedOn: '2025-04-07',
  rapidReviewMeetingOn: '2025-04-22',
  decisionOn: '2025-04-28',
  decision: 'lcspr',
  decisionRationale: 'Agencies did not share what they knew about the father.',
  themes: ['Information sharing'],
  ageBand: 'babies-and-toddlers',
  recommendations: [
    { number: 1, text: 'Ask about fathers at every contact.' },
    { number: 2, text: 'Review adult mental health referrals.', handedTo: 'Croydon Safeguarding Adults Board' },
  ],
};

const upsert = (review: z.input<typeof Review>): CommandInput => ({ type: 'review.upsert', review });

const recommendationAction = (ref: string, item: number, ownerId = 'olu-owner'): CommandInput => ({
  type: 'action.create',
  action: {
    ref,
    planId: 'plan-2025-27',
    title: 'Add a question on fathers to the contact form',
    ownerId,
    due: '2025-09-30',
    source: { kind: 'review-recommendation', reference: 'Child K, recommendation 1', recordId: 'child-k', item },
  },
});

describe('the reviews register', () => {
  it('is kept by the chair or deputy of the group that holds it, audited like any change', () => {
    const outcome = unwrap(applyCommands(withReviewGroup(), [upsert(childK)], by(actors.deputy)));
    expect(outcome.db.reviews.map((r) => r.codename)).toEqual(['Child K']);
    expect(outcome.audit.map((e) => [e.by, e.command, e.entity, e.entityId])).toEqual([['dev-deputy', 'review.upsert', 'review', 'child-k']]);
    expect(outcome.changes.map((c) => [c.target, c.key])).toEqual([['reviews', 'child-k']]);
  });

  it('changes nothing when the same review is recorded again', () => {
    const db = unwrap(applyCommands(withReviewGroup(), [upsert(childK)], by(actors.deputy))).db;
    const again = unwrap(applyCommands(db, [upsert(childK)], by(actors.deputy)));
    expect(again.audit).toEqual([]);
    expect(again.db).toBe(db);
  });

  it('refuses anyone else, saying who may change it', () => {
    const refused = applyCommands(withReviewGroup(), [upsert(childK)], by(actors.chair));
    expect(refused.success ? null : refused.error).toMatchObject({
      code: 'register.not_maintainer',
      message: 'Only the chair or deputy chair of Review Group (or the business team) can change the reviews register.',
    });
  });

  it('is the business team\'s alone where no group holds it', () => {
    expect(applyCommands(sampleDatabase(), [upsert(childK)], by(actors.businessTeam)).success).toBe(true);
    const refused = applyCommands(sampleDatabase(), [upsert(childK)], by(actors.chair));
    expect(refused.success ? null : refused.error.message).toBe('Only the business team can change the reviews register.');
  });

  it.each([
    ['a date of birth', 'Child K 03/07/2019'],
    ['an ISO date', 'K 2019-07-03'],
    ['a written date', 'Child born 3rd July 2019'],
    ['DOB', 'Child K DOB'],
    ['an NHS number', 'Child 943 476 5919'],
    ['a postcode', 'Child K CR0 1NX'],
  ])('refuses a codename holding %s, and writes nothing', (_what, codename) => {
    const db = withReviewGroup();
    const refused = applyCommands(db, [upsert({ ...childK, codename })], by(actors.deputy));
    expect(refused.success ? null : refused.error.code).toBe('review.personal_data');
  });

  it('explains the refusal of a date of birth in a codename', () => {
    const refused = applyCommands(withReviewGroup(), [upsert({ ...childK, codename: 'Child K 03/07/2019' })], by(actors.deputy));
    expect(refused.success ? null : refused.error.message).toMatchInlineSnapshot(`"The codename "Child K 03/07/2019" holds a full date, which could be a date of birth. A codename must not identify the child: use a pseudonym such as "Child K" or "Baby Eva"."`);
  });

  it('refuses a date of birth in the rationale but not an ordinary date', () => {
    const born = applyCommands(withReviewGroup(), [upsert({ ...childK, decisionRationale: 'Child born 3 July 2019; agencies missed signs.' })], by(actors.deputy));
    expect(born.success ? null : born.error.message).toBe('Review Child K: its decision rationale holds a date of birth; the register must not identify the child.');
    expect(applyCommands(withReviewGroup(), [upsert({ ...childK, decisionRationale: 'Decided at the meeting of 28 April 2025.' })], by(actors.deputy)).success).toBe(true);
  });

  it.each<[string, Partial<z.input<typeof Review>>, string]>([
    ['a decision before the notification', { decisionOn: '2025-04-01' }, 'review.dates'],
    ['a decision on a case of concern', { type: 'case-of-concern' }, 'review.decision'],
    ['a publication date without deciding to publish', { completedOn: '2025-05-01', publishedOn: '2025-06-01' }, 'review.publication'],
    ['a recommendation numbered twice', { recommendations: [{ number: 1, text: 'A' }, { number: 1, text: 'B' }] }, 'review.duplicate_recommendation'],
  ])('refuses %s', (_what, change, code) => {
    const refused = applyCommands(withReviewGroup(), [upsert({ ...childK, ...change })], by(actors.deputy));
    expect(refused.success ? null : refused.error.code).toBe(code);
  });

  it('refuses a second review with the same codename', () => {
    const refused = applyCommands(withReviewGroup(), [upsert(childK), upsert({ ...childK, id: 'other' })], by(actors.deputy));
    expect(refused.success ? null : refused.error.code).toBe('review.duplicate_codename');
  });
});

describe('recommendations become ordinary actions linked back to the review', () => {
  const recorded = () => unwrap(applyCommands(withReviewGroup(), [upsert(childK)], by(actors.deputy))).db;

  it('lets the register\'s chair create the action, which its owner then updates like any other', () => {
    const db = unwrap(applyCommands(recorded(), [recommendationAction('R-1', 1)], by(actors.deputy))).db;
    expect(db.actions.find((a) => a.ref === 'R-1')!.source).toEqual({ kind: 'review-recommendation', reference: 'Child K, recommendation 1', recordId: 'child-k', item: 1 });
    expect(applyCommands(db, [{ type: 'action.update', ref: 'R-1', progress: 50 }], by(actors.owner)).success).toBe(true);
  });

  it('shows "all recommendations completed" once every action is complete, the handed-over one counted as done', () => {
    let db = unwrap(applyCommands(recorded(), [recommendationAction('R-1', 1)], by(actors.deputy))).db;
    const progress = () => reviewProgress(db, db.reviews[0]!);
    expect(progress().recommendations.map((r) => r.state)).toEqual(['open', 'handed-over']);
    expect(progress().allCompleted).toBe(false);
    db = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'R-1', status: 'complete' }], by(actors.owner))).db;
    expect(progress().recommendations.map((r) => r.state)).toEqual(['completed', 'handed-over']);
    expect(progress().allCompleted).toBe(true);
  });

  it.each<[string, CommandInput, string]>([
    ['a recommendation the review does not have', recommendationAction('R-1', 7), 'action.unknown_source'],
    ['a recommendation handed to another board', recommendationAction('R-1', 2), 'action.handed_over'],
  ])('refuses an action for %s', (_what, command, code) => {
    const refused = applyCommands(recorded(), [command], by(actors.deputy));
    expect(refused.success ? null : refused.error.code).toBe(code);
  });

  it('refuses someone who does not keep the register', () => {
    const refused = applyCommands(recorded(), [recommendationAction('R-1', 1)], by(actors.chair));
    expect(refused.success ? null : refused.error.code).toBe('register.not_maintainer');
  });

  it('keeps a recommendation that an action answers from being taken out of the review', () => {
    const db = unwrap(applyCommands(recorded(), [recommendationAction('R-1', 1)], by(actors.deputy))).db;
    const refused = applyCommands(db, [upsert({ ...childK, recommendations: [] })], by(actors.deputy));
    expect(refused.success ? null : refused.error.message).toBe('Review Child K: action R-1 answers recommendation 1, which would no longer be ours to act on; keep it, or withdraw the action first.');
  });
});

describe('the example partnership\'s reviews, as its 2024/25 annual report gives them', () => {
  const db = examplePartnership();
  const year = unwrap(parsePeriod('2024/25'));

  it('counts 3 cases of concern and 4 briefings, and no rapid review or LCSPR', () => {
    expect(reviewCounts(db, year)).toEqual({
      rapidReviews: 0,
      takenForwardToLcspr: 0,
      takenForwardToThematic: 0,
      practiceReviewsCompleted: 0,
      practiceReviewsPublished: 0,
      casesOfConcern: 3,
      briefingsPublished: 4,
    });
    expect(reviewCountsSentence(reviewCounts(db, year))).toBe('3 cases of concern, 4 learning briefings published');
  });

  it('published two practice reviews in 2023/24, Baby Eva and the thematic review of serious youth violence', () => {
    expect(reviewCounts(db, unwrap(parsePeriod('2023/24 Q4'))).practiceReviewsPublished).toBe(2);
  });

  it('completed every recommendation of both', () => {
    const summaries = db.reviews.filter((r) => r.recommendations.length > 0).map((r) => [r.codename, reviewProgress(db, r).allCompleted, reviewProgress(db, r).recommendations.length]);
    expect(summaries).toEqual([
      ['Baby Eva', true, 5],
      ['Thematic Review: SYV', true, 4],
    ]);
  });

  it('shows Baby Eva as late after its criminal hold, with the reason', () => {
    const babyEva = db.reviews.find((r) => r.codename === 'Baby Eva')!;
    expect(timelinessOf(db, babyEva, '2024-04-01')).toMatchObject({ state: 'late', explanation: "The family's contributions could only be sought once the trial had ended.; held 257 days for criminal proceedings" });
  });

  it('finds information sharing and professional curiosity recurring across the age bands', () => {
    expect(themesByAgeBand(db, year).slice(0, 2)).toEqual([
      { theme: 'Information sharing', byAgeBand: { 'babies-and-toddlers': 1, children: 0, adolescents: 1 }, bandNotRecorded: 0, total: 2 },
      { theme: 'Professional curiosity', byAgeBand: { 'babies-and-toddlers': 1, children: 0, adolescents: 1 }, bandNotRecorded: 0, total: 2 },
    ]);
  });

  it('exports the year\'s register, recommendations, counts and themes as one report', () => {
    const report = reviewsReport(db, { period: year, today: EXAMPLE_AS_OF.slice(0, 10) });
    expect(report.tables.map((t) => [t.title, t.rows.length])).toEqual([
      ['Reviews 2024/25', 9],
      ['Recommendations', 9],
      ['Review activity 2024/25', 7],
      ['Recurring themes by age band 2024/25', 8],
    ]);
    expect(report.notes).toEqual(['2024/25: 3 cases of concern, 4 learning briefings published.']);
  });
});

import { isInRange, localDateOf, periodDates, periodLabel, type DateRange, type Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { actionStateAt } from '../plan/delivery.js';
import type { Action, ActionStatus } from '../plan/plan.js';
import type { Report, Row, Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { AGE_BAND_LABELS, AgeBand, REVIEW_TYPE_LABELS, type Recommendation, type Review } from './review.js';
import { reviewTimeliness, type Timeliness } from './timeliness.js';

/** Where a recommendation's work stands. */
export type RecommendationState =
  /** Handed to another board: recorded, theirs to act on. */
  | 'handed-over'
  /** No action answers it yet. */
  | 'no-action'
  /** Actions answer it and some are still open. */
  | 'open'
  /** Every action answering it (withdrawn ones aside) is complete. */
  | 'completed';

/** One recommendation of a review and the actions that answer it. */
export interface RecommendationProgress {
  readonly recommendation: Recommendation;
  readonly state: RecommendationState;
  readonly actions: readonly Pick<Action, 'ref' | 'title' | 'ownerId' | 'due' | 'status' | 'progress'>[];
}

/** A review's recommendations and whether they are all completed. */
export interface ReviewProgress {
  readonly review: Review;
  readonly recommendations: readonly RecommendationProgress[];
  /** Completed (or handed over), out of all recommendations. */
  readonly completed: number;
  /** True when it has recommendations and every one is completed or handed over: "all recommendations completed". */
  readonly allCompleted: boolean;
}

/** The actions answering a review's recommendation: ordinary actions whose source names the review and its number. */
export function recommendationActions(db: Database, reviewId: string, number: number): Action[] {
  return db.actions.filter((a) => a.source.kind === 'review-recommendation' && a.source.recordId === reviewId && a.source.item === number);
}

/**
 * Each recommendation of a review with the actions answering it, and whether all are completed;
 * with `at`, the actions as they stood then (an annual report's figures do not move with later updates).
 */
export function reviewProgress(db: Database, review: Review, at?: string): ReviewProgress {
  const recommendations = review.recommendations.map((recommendation): RecommendationProgress => {
    const actions = recommendationActions(db, review.id, recommendation.number).flatMap((action) => {
      const state = at === undefined ? action : actionStateAt(action, at);
      return state === null ? [] : [{ ...action, status: state.status, progress: state.progress }];
    });
    const counted = actions.filter((a) => a.status !== 'withdrawn');
    const state: RecommendationState =
      recommendation.handedTo !== null ? 'handed-over' : counted.length === 0 ? 'no-action' : counted.every((a) => a.status === 'complete') ? 'completed' : 'open';
    return {
      recommendation,
      state,
      actions: actions.map(({ ref, title, ownerId, due, status, progress }) => ({ ref, title, ownerId, due, status, progress })),
    };
  });
  const completed = recommendations.filter((r) => r.state === 'completed' || r.state === 'handed-over').length;
  return { review, recommendations, completed, allCompleted: recommendations.length > 0 && completed === recommendations.length };
}

/** A review's timeliness as the register shows it, on the partnership's timescales. */
export function timelinessOf(db: Database, review: Review, today: LocalDate): Timeliness {
  return reviewTimeliness(review, today, db.partnership.reviewTimescales);
}

/** The year's review counts, as the annual report prints them. */
export interface ReviewCounts {
  readonly rapidReviews: number;
  readonly takenForwardToLcspr: number;
  readonly takenForwardToThematic: number;
  readonly practiceReviewsCompleted: number;
  readonly practiceReviewsPublished: number;
  readonly casesOfConcern: number;
  readonly briefingsPublished: number;
}

const isPracticeReview = (review: Review) => review.type === 'lcspr' || review.type === 'thematic-review';
const within = (date: LocalDate | null, range: DateRange) => date !== null && isInRange(date, range);

/**
 * The counts of a period: rapid reviews and cases of concern notified in it, rapid reviews taken
 * forward (decided in it), practice reviews completed and published in it, briefings published.
 */
export function reviewCounts(db: Database, period: Period): ReviewCounts {
  const range = periodDates(period, db.partnership.financialYearStart);
  const count = (test: (review: Review) => boolean) => db.reviews.filter(test).length;
  return {
    rapidReviews: count((r) => r.type === 'rapid-review' && within(r.notifiedOn, range)),
    takenForwardToLcspr: count((r) => r.type === 'rapid-review' && r.decision === 'lcspr' && within(r.decisionOn, range)),
    takenForwardToThematic: count((r) => r.type === 'rapid-review' && r.decision === 'thematic-review' && within(r.decisionOn, range)),
    practiceReviewsCompleted: count((r) => isPracticeReview(r) && within(r.completedOn, range)),
    practiceReviewsPublished: count((r) => isPracticeReview(r) && within(r.publishedOn, range)),
    casesOfConcern: count((r) => r.type === 'case-of-concern' && within(r.notifiedOn, range)),
    briefingsPublished: count((r) => r.type === 'learning-briefing' && within(r.publishedOn, range)),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The counts in one sentence as annual reports print them ("7 rapid reviews, 3 taken forward to
 * a thematic review, …"), leaving out what did not happen.
 */
export function reviewCountsSentence(counts: ReviewCounts): string {
  const parts = [
    counts.rapidReviews > 0 ? plural(counts.rapidReviews, 'rapid review', 'rapid reviews') : null,
    counts.takenForwardToLcspr > 0 ? `${counts.takenForwardToLcspr} taken forward to an LCSPR` : null,
    counts.takenForwardToThematic > 0 ? `${counts.takenForwardToThematic} taken forward to a thematic review` : null,
    counts.practiceReviewsCompleted > 0 ? `${plural(counts.practiceReviewsCompleted, 'practice review', 'practice reviews')} completed` : null,
    counts.practiceReviewsPublished > 0 ? `${counts.practiceReviewsPublished} published` : null,
    counts.casesOfConcern > 0 ? plural(counts.casesOfConcern, 'case of concern', 'cases of concern') : null,
    counts.briefingsPublished > 0 ? `${plural(counts.briefingsPublished, 'learning briefing', 'learning briefings')} published` : null,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? 'No reviews' : parts.join(', ');
}

/** One line of the recurring-themes table: how many reviews raised the theme, by the child's age band. */
export interface ThemeLine {
  readonly theme: string;
  readonly byAgeBand: Readonly<Record<AgeBand, number>>;
  /** Reviews raising it whose age band is not recorded. */
  readonly bandNotRecorded: number;
  readonly total: number;
}

/**
 * The recurring themes of the reviews notified in a period (all of them without one), each
 * theme counted once per review, by age band; most frequent first, then by name. Themes are
 * matched as people mean them ("Information sharing" is "information  sharing").
 */
export function themesByAgeBand(db: Database, period?: Period): ThemeLine[] {
  const range = period === undefined ? undefined : periodDates(period, db.partnership.financialYearStart);
  const lines = new Map<string, { theme: string; byAgeBand: Record<AgeBand, number>; bandNotRecorded: number; total: number }>();
  for (const review of db.reviews) {
    if (review.type === 'learning-briefing') continue;
    const day = review.notifiedOn ?? review.decisionOn;
    if (range !== undefined && !within(day, range)) continue;
    const seen = new Set<string>();
    for (const theme of review.themes) {
      const key = theme.trim().toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(key)) continue;
      seen.add(key);
      let line = lines.get(key);
      if (!line) lines.set(key, (line = { theme: theme.trim(), byAgeBand: { 'babies-and-toddlers': 0, children: 0, adolescents: 0 }, bandNotRecorded: 0, total: 0 }));
      if (review.ageBand === null) line.bandNotRecorded++;
      else line.byAgeBand[review.ageBand]++;
      line.total++;
    }
  }
  return [...lines.values()].sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme, 'en'));
}

const TIMELINESS_WORDS: Readonly<Record<Timeliness['state'], string>> = {
  'on-time': 'On time',
  late: 'Late',
  overdue: 'Overdue',
  'in-time': 'Within timescale',
  held: 'Held',
  'no-timescale': '—',
};

const STATE_WORDS: Readonly<Record<RecommendationState, string>> = {
  'handed-over': 'Handed over',
  'no-action': 'No action yet',
  open: 'Open',
  completed: 'Completed',
};

const DECISION_WORDS = { lcspr: 'LCSPR', 'thematic-review': 'Thematic review', 'no-further-review': 'No further review' } as const;
const PUBLICATION_WORDS = { undecided: 'Undecided', publish: 'To be published', 'not-published': 'Not to be published' } as const;

/**
 * Whether a review belongs in a period's register: something happened to it then, it was still
 * under way, or an action answering its recommendations was worked on then.
 */
export function reviewActiveIn(db: Database, review: Review, range: DateRange): boolean {
  const dates = [review.notifiedOn, review.rapidReviewMeetingOn, review.decisionOn, review.completedOn, review.publishedOn];
  if (dates.some((d) => within(d, range))) return true;
  const timeZone = db.partnership.timeZone;
  const worked = db.actions.some(
    (a) => a.source.kind === 'review-recommendation' && a.source.recordId === review.id && a.history.some((entry) => within(localDateOf(entry.at, timeZone), range)),
  );
  if (worked) return true;
  const began = review.notifiedOn ?? review.decisionOn;
  return began !== null && began < range.start && review.type !== 'learning-briefing' && (review.completedOn === null || review.completedOn >= range.start);
}

/** A review's recommendations in a few words: "5 of 5 completed", "all completed", "none". */
export function recommendationSummary(progress: ReviewProgress): string {
  const total = progress.recommendations.length;
  if (total === 0) return 'None';
  if (progress.allCompleted) return 'All recommendations completed';
  return `${progress.completed} of ${total} completed`;
}

/**
 * The reviews register as the business team exports it: every review (those active in the
 * period, with one) with its timeliness and recommendation progress, then each recommendation
 * and its actions; with a period, also the year's counts and the recurring themes by age band.
 */
export function reviewsReport(db: Database, options: { period?: Period; today: LocalDate }): Report {
  const range = options.period === undefined ? undefined : periodDates(options.period, db.partnership.financialYearStart);
  const reviews = db.reviews.filter((r) => range === undefined || reviewActiveIn(db, r, range));
  const people = new Map(db.people.map((p) => [p.id, p.name] as const));
  const registerRows: Row[] = reviews.map((review) => {
    const timeliness = timelinessOf(db, review, options.today);
    return {
      codename: review.codename,
      type: REVIEW_TYPE_LABELS[review.type],
      notified: review.notifiedOn,
      decided: review.decisionOn,
      decision: review.decision === null ? null : DECISION_WORDS[review.decision],
      panelTold: review.panelToldOn,
      due: timeliness.due,
      completed: review.completedOn,
      timeliness: TIMELINESS_WORDS[timeliness.state],
      why: timeliness.explanation,
      publication: PUBLICATION_WORDS[review.publication],
      published: review.publishedOn,
      ageBand: review.ageBand === null ? null : AGE_BAND_LABELS[review.ageBand],
      themes: review.themes.join('; ') || null,
      recommendations: recommendationSummary(reviewProgress(db, review)),
    };
  });
  const recommendationRows: Row[] = reviews.flatMap((review) =>
    reviewProgress(db, review).recommendations.map((line) => ({
      codename: review.codename,
      number: line.recommendation.number,
      recommendation: line.recommendation.text,
      state: STATE_WORDS[line.state],
      handedTo: line.recommendation.handedTo,
      actions: line.actions.map((a) => `${a.ref} (${statusWords(a.status, a.progress)}${a.ownerId === null ? '' : `, ${people.get(a.ownerId) ?? a.ownerId}`})`).join('; ') || null,
    })),
  );
  const label = options.period === undefined ? null : periodLabel(options.period);
  const tables: Table[] = [
    {
      title: label === null ? 'Reviews' : `Reviews ${label}`,
      columns: [
        { key: 'codename', header: 'Review', type: 'text' },
        { key: 'type', header: 'Type', type: 'text' },
        { key: 'notified', header: 'Notified', type: 'date' },
        { key: 'decided', header: 'Decided', type: 'date' },
        { key: 'decision', header: 'Decision', type: 'text' },
        { key: 'panelTold', header: 'Panel told', type: 'date' },
        { key: 'due', header: 'Due', type: 'date' },
        { key: 'completed', header: 'Completed', type: 'date' },
        { key: 'timeliness', header: 'Timeliness', type: 'text' },
        { key: 'why', header: 'Why', type: 'text' },
        { key: 'publication', header: 'Publication', type: 'text' },
        { key: 'published', header: 'Published', type: 'date' },
        { key: 'ageBand', header: 'Age band', type: 'text' },
        { key: 'themes', header: 'Themes', type: 'text' },
        { key: 'recommendations', header: 'Recommendations', type: 'text' },
      ],
      rows: registerRows,
    },
    {
      title: 'Recommendations',
      columns: [
        { key: 'codename', header: 'Review', type: 'text' },
        { key: 'number', header: 'No.', type: 'integer' },
        { key: 'recommendation', header: 'Recommendation', type: 'text' },
        { key: 'state', header: 'State', type: 'text' },
        { key: 'handedTo', header: 'Handed to', type: 'text' },
        { key: 'actions', header: 'Actions', type: 'text' },
      ],
      rows: recommendationRows,
    },
  ];
  const notes: string[] = [];
  if (options.period !== undefined) {
    const counts = reviewCounts(db, options.period);
    tables.push(reviewCountsTable(counts, label!));
    tables.push(themesTable(themesByAgeBand(db, options.period), label!));
    notes.push(`${label}: ${reviewCountsSentence(counts)}.`);
  }
  return { title: label === null ? 'Reviews register' : `Reviews register ${label}`, tables, notes };
}

function statusWords(status: ActionStatus, progress: number): string {
  return status === 'complete' || status === 'withdrawn' ? status : `${progress}% ${status}`;
}

/** The counts as a two-column table, in the order annual reports give them. */
export function reviewCountsTable(counts: ReviewCounts, label: string): Table {
  const lines: Array<[string, number]> = [
    ['Rapid reviews', counts.rapidReviews],
    ['Taken forward to an LCSPR', counts.takenForwardToLcspr],
    ['Taken forward to a thematic review', counts.takenForwardToThematic],
    ['Practice reviews completed', counts.practiceReviewsCompleted],
    ['Practice reviews published', counts.practiceReviewsPublished],
    ['Cases of concern', counts.casesOfConcern],
    ['Learning briefings published', counts.briefingsPublished],
  ];
  return {
    title: `Review activity ${label}`,
    columns: [
      { key: 'measure', header: 'Review activity', type: 'text' },
      { key: 'count', header: 'Number', type: 'integer' },
    ],
    rows: lines.map(([measure, count]) => ({ measure, count })),
  };
}

/** The recurring-themes table: a theme per row, a column per age band. */
export function themesTable(lines: readonly ThemeLine[], label: string): Table {
  const anyUnbanded = lines.some((l) => l.bandNotRecorded > 0);
  return {
    title: `Recurring themes by age band ${label}`,
    columns: [
      { key: 'theme', header: 'Theme', type: 'text' },
      ...AgeBand.options.map((band) => ({ key: band, header: AGE_BAND_LABELS[band], type: 'integer' as const })),
      ...(anyUnbanded ? [{ key: 'notRecorded', header: 'Age band not recorded', type: 'integer' as const }] : []),
      { key: 'total', header: 'Reviews', type: 'integer' },
    ],
    rows: lines.map((line) => ({ theme: line.theme, ...line.byAgeBand, ...(anyUnbanded ? { notRecorded: line.bandNotRecorded } : {}), total: line.total })),
  };
}

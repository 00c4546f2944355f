import { formatDate } from '../../reporting/formatCell.js';
import type { Table } from '../../reporting/table.js';
import { REVIEW_TYPE_LABELS } from '../../reviews/review.js';
import { recommendationSummary, reviewActiveIn, reviewCounts, reviewCountsSentence, reviewCountsTable, reviewProgress, themesByAgeBand, themesTable } from '../../reviews/reviewTables.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period, range, at } = context;
  const year = period.year.label;
  const active = db.reviews.filter((review) => reviewActiveIn(db, review, range));
  if (active.length === 0) return null;
  const counts = reviewCounts(db, period);
  const themes = themesByAgeBand(db, period);
  const asAt = formatDate(context.asAt);
  // Briefings carry no recommendations of their own: the counts name them, the table does not.
  const withWork = active.filter((review) => review.type !== 'learning-briefing');
  const progress: Table = {
    title: `Reviews and their recommendations, at ${asAt}`,
    columns: [
      { key: 'codename', header: 'Review', type: 'text' },
      { key: 'type', header: 'Type', type: 'text' },
      { key: 'published', header: 'Published', type: 'date' },
      { key: 'recommendations', header: 'Recommendations', type: 'text' },
    ],
    rows: withWork.map((review) => ({
      codename: review.codename,
      type: REVIEW_TYPE_LABELS[review.type],
      published: review.publishedOn,
      recommendations: recommendationSummary(reviewProgress(db, review, at)),
    })),
  };
  const out: ReportBlock[] = [{ kind: 'paragraph', text: `In ${year}: ${reviewCountsSentence(counts)}.` }, { kind: 'table', table: reviewCountsTable(counts, year) }];
  if (withWork.length > 0) out.push({ kind: 'table', table: progress, notes: ['Recommendations count as completed when every action answering them is complete, or when they were handed to another board.'] });
  if (themes.length > 0) out.push({ kind: 'table', table: themesTable(themes, year) });
  return out;
}

/** The year's reviews: counts as reports print them, each review's recommendations, the recurring themes. */
export const reviewsSection: DataSection = {
  kind: 'data',
  id: 'reviews',
  title: 'Impact of child safeguarding practice reviews',
  build: blocks,
  noData: (context) => `No reviews are recorded for ${context.period.year.label} (ptrack import reviews, recommendations).`,
};

export { Review, ReviewType, ReviewDecision, ReviewHold, Recommendation, AgeBand, Publication, ReviewTimescales, WORKING_TOGETHER_TIMESCALES, REVIEW_TYPE_LABELS, AGE_BAND_LABELS } from './review.js';
export { reviewTimeliness, type Timeliness, type TimelinessState } from './timeliness.js';
export { personalDataInCodename, personalDataInText } from './personalData.js';
export {
  reviewProgress,
  recommendationActions,
  recommendationSummary,
  timelinessOf,
  reviewCounts,
  reviewCountsSentence,
  reviewCountsTable,
  themesByAgeBand,
  themesTable,
  reviewsReport,
  reviewActiveIn,
  type ReviewCounts,
  type ReviewProgress,
  type RecommendationProgress,
  type RecommendationState,
  type ThemeLine,
} from './reviewTables.js';

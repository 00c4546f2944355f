import { fail, ok, type Result } from '../base/result.js';
import { nameKey } from '../base/names.js';
import type { Database } from '../store/database.js';
import { personalDataInCodename, personalDataInText } from './personalData.js';
import type { Review } from './review.js';

/**
 * Checks a review before it enters the register: no obvious personal data, dates in the order
 * things happen, one review per codename, and no recommendation taken out while actions answer it.
 */
export function checkReview(db: Database, review: Review): Result<true> {
  const name = `Review ${review.codename}`;
  const inCodename = personalDataInCodename(review.codename);
  if (inCodename !== null) {
    return fail('review.personal_data', `The codename "${review.codename}" holds ${inCodename}. A codename must not identify the child: use a pseudonym such as "Child K" or "Baby Eva".`, { field: 'codename' });
  }
  const texts: Array<[string, string | null]> = [
    ['decision rationale', review.decisionRationale],
    ['late reason', review.lateReason],
    ['reviewer', review.reviewer],
    ...review.themes.map((theme): [string, string] => ['theme', theme]),
    ...review.recommendations.map((r): [string, string] => [`recommendation ${r.number}`, r.text]),
  ];
  for (const [field, text] of texts) {
    const found = text === null ? null : personalDataInText(text);
    if (found !== null) return fail('review.personal_data', `${name}: its ${field} holds ${found}; the register must not identify the child.`, { field });
  }
  const order: Array<[string, string | null, string, string | null]> = [
    ['the rapid review meeting', review.rapidReviewMeetingOn, 'the notification', review.notifiedOn],
    ['the decision', review.decisionOn, 'the notification', review.notifiedOn],
    ['the Panel being told', review.panelToldOn, 'the decision', review.decisionOn],
    ['completion', review.completedOn, 'the notification', review.notifiedOn],
    ['completion', review.completedOn, 'the decision', review.type === 'rapid-review' ? null : review.decisionOn],
    ['publication', review.publishedOn, 'completion', review.type === 'learning-briefing' ? null : review.completedOn],
  ];
  for (const [later, laterOn, earlier, earlierOn] of order) {
    if (laterOn !== null && earlierOn !== null && laterOn < earlierOn) {
      return fail('review.dates', `${name}: ${later} (${laterOn}) cannot come before ${earlier} (${earlierOn}).`);
    }
  }
  if (review.decision !== null && review.type !== 'rapid-review') {
    return fail('review.decision', `${name}: only a rapid review decides whether a practice review follows; record the ${review.type} itself without a decision.`);
  }
  if (review.publishedOn !== null && review.publication !== 'publish') {
    return fail('review.publication', `${name}: it has a publication date, so its publication decision must be "publish".`);
  }
  const numbers = new Set<number>();
  for (const recommendation of review.recommendations) {
    if (numbers.has(recommendation.number)) return fail('review.duplicate_recommendation', `${name}: recommendation ${recommendation.number} is listed twice.`);
    numbers.add(recommendation.number);
  }
  const clash = db.reviews.find((r) => r.id !== review.id && nameKey(r.codename) === nameKey(review.codename));
  if (clash) return fail('review.duplicate_codename', `The register already has a review called ${clash.codename} (${clash.id}).`);
  const stranded = db.actions.find(
    (a) => a.status !== 'withdrawn' && a.source.kind === 'review-recommendation' && a.source.recordId === review.id && a.source.item !== undefined && !review.recommendations.some((r) => r.number === a.source.item && r.handedTo === null),
  );
  if (stranded) {
    return fail('review.recommendation_in_use', `${name}: action ${stranded.ref} answers recommendation ${stranded.source.item}, which would no longer be ours to act on; keep it, or withdraw the action first.`);
  }
  return ok(true);
}

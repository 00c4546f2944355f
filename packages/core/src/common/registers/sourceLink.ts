import { fail, ok, type Result } from '../base/result.js';
import type { ActionSource } from '../plan/plan.js';
import type { Database } from '../store/database.js';
import type { RegisterName } from '../subgroups/subgroup.js';

/** The register each kind of source links into (an Executive decision is logged in the challenge log). */
const REGISTER_OF_KIND: Readonly<Partial<Record<ActionSource['kind'], RegisterName>>> = {
  'review-recommendation': 'reviews',
  audit: 'audits',
  inspection: 'inspections',
  challenge: 'challenge',
  executive: 'challenge',
};

/** The register an action's source links it to, or null for an action not linked to a register record. */
export function registerOfSource(source: ActionSource): RegisterName | null {
  if (source.recordId === undefined) return null;
  return REGISTER_OF_KIND[source.kind] ?? null;
}

/** Whether an action's source is linked to a record of its register, and item numbered `item` of it. */
export function isLinkedTo(source: ActionSource, kind: ActionSource['kind'], recordId: string, item?: number): boolean {
  return source.kind === kind && source.recordId === recordId && (item === undefined || source.item === item);
}

/**
 * An action an agency commits to in its self-assessment names its response (`return:agency`) and
 * the standard; it is led by that agency, and the standard is one the agency rated.
 */
function checkSelfAssessmentLink(db: Database, ref: string, recordId: string, item: number | undefined, leadAgencyId: string | null): Result<true> {
  const response = db.returnResponses.find((r) => r.id === recordId);
  const request = response && db.returns.find((r) => r.id === response.returnId);
  if (!response || !request) return fail('action.unknown_source', `${ref}: there is no self-assessment response "${recordId}".`);
  const agency = db.agencies.find((a) => a.id === response.agencyId)?.name ?? response.agencyId;
  if (leadAgencyId !== response.agencyId) return fail('action.bad_source', `${ref}: an action ${agency} commits to in its self-assessment is led by ${agency}.`);
  if (item === undefined) return ok(true);
  if (!request.standards.some((s) => s.number === item)) return fail('action.unknown_source', `${ref}: ${request.title} has no standard ${item}.`);
  if (!response.ratings.some((r) => r.standard === item)) return fail('action.unknown_source', `${ref}: ${agency} has not rated itself against standard ${item} of ${request.title}.`);
  return ok(true);
}

/**
 * Checks that an action's link to a register record points at something there: the record
 * exists, and so does the recommendation (or item) it names. An action not linked is fine.
 */
export function checkSourceLink(db: Database, ref: string, source: ActionSource, leadAgencyId: string | null = null): Result<true> {
  if (source.recordId === undefined) {
    if (source.item !== undefined) return fail('action.bad_source', `${ref}: its source names item ${source.item} but no record.`);
    return ok(true);
  }
  if (source.kind === 'self-assessment') return checkSelfAssessmentLink(db, ref, source.recordId, source.item, leadAgencyId);
  const register = REGISTER_OF_KIND[source.kind];
  if (register === undefined) return fail('action.bad_source', `${ref}: a ${source.kind} source is not kept in a register, so it cannot name record "${source.recordId}".`);
  switch (register) {
    case 'reviews': {
      const review = db.reviews.find((r) => r.id === source.recordId);
      if (!review) return fail('action.unknown_source', `${ref}: there is no review "${source.recordId}" in the register.`);
      if (source.item === undefined) return fail('action.bad_source', `${ref}: say which of ${review.codename}'s recommendations it answers.`);
      const recommendation = review.recommendations.find((r) => r.number === source.item);
      if (!recommendation) return fail('action.unknown_source', `${ref}: ${review.codename} has no recommendation ${source.item}.`);
      if (recommendation.handedTo !== null) return fail('action.handed_over', `${ref}: ${review.codename}'s recommendation ${source.item} was handed to ${recommendation.handedTo}; it is theirs to act on.`);
      return ok(true);
    }
    case 'audits': {
      const audit = db.audits.find((a) => a.id === source.recordId);
      if (!audit) return fail('action.unknown_source', `${ref}: there is no audit "${source.recordId}" in the programme.`);
      // No item: the action is the work of carrying out the audit itself.
      if (source.item === undefined) return ok(true);
      const item = audit.actionPlan.find((i) => i.number === source.item);
      if (!item) return fail('action.unknown_source', `${ref}: "${audit.title}" has no action-plan item ${source.item}.`);
      if (item.handedTo !== null) return fail('action.handed_over', `${ref}: item ${source.item} of "${audit.title}" was handed to ${item.handedTo}; it is theirs to act on.`);
      return ok(true);
    }
    case 'inspections': {
      const inspection = db.inspections.find((i) => i.id === source.recordId);
      if (!inspection) return fail('action.unknown_source', `${ref}: there is no inspection "${source.recordId}" in the register.`);
      if (source.item === undefined) return fail('action.bad_source', `${ref}: say which of "${inspection.title}"'s areas for improvement it answers.`);
      if (!inspection.areas.some((a) => a.number === source.item)) return fail('action.unknown_source', `${ref}: "${inspection.title}" has no area for improvement ${source.item}.`);
      return ok(true);
    }
    case 'challenge': {
      const challenge = db.challenges.find((c) => c.id === source.recordId);
      if (!challenge) return fail('action.unknown_source', `${ref}: there is no challenge "${source.recordId}" in the challenge log.`);
      if (source.item !== undefined) return fail('action.bad_source', `${ref}: a challenge has no numbered items; name the challenge alone.`);
      return ok(true);
    }
    default:
      return fail('action.unknown_source', `${ref}: the ${register} register has no record "${source.recordId}".`);
  }
}

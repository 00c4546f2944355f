import { fail, ok, type Result } from '../base/result.js';
import type { Database } from '../store/database.js';
import type { Challenge } from './challenge.js';

/**
 * Checks a challenge before it enters the log: the subgroup and agencies it names exist, the
 * escalation only moves up, the dates come in the order things happen, and an outcome and
 * evidence of impact belong to a closed challenge.
 */
export function checkChallenge(db: Database, challenge: Challenge): Result<true> {
  const name = `Challenge ${challenge.id}`;
  if (challenge.raisedBy === 'subgroup') {
    if (challenge.subgroupId === null) return fail('challenge.subgroup_needed', `${name}: say which subgroup raised it.`);
    if (!db.subgroups.some((s) => s.id === challenge.subgroupId)) return fail('challenge.unknown_subgroup', `${name}: there is no subgroup "${challenge.subgroupId}".`);
  } else if (challenge.subgroupId !== null) {
    return fail('challenge.subgroup_not_raiser', `${name}: it was raised by the ${challenge.raisedBy}, so it names no subgroup.`);
  }
  const seen = new Set<string>();
  for (const agencyId of challenge.toAgencyIds) {
    if (!db.agencies.some((a) => a.id === agencyId)) return fail('challenge.unknown_agency', `${name}: agency "${agencyId}" is not in the register.`);
    if (seen.has(agencyId)) return fail('challenge.duplicate_agency', `${name}: agency "${agencyId}" is named twice.`);
    seen.add(agencyId);
  }
  let stage = challenge.stage;
  let since = challenge.raisedOn;
  for (const escalation of challenge.escalations) {
    if (escalation.stage <= stage) return fail('challenge.escalation', `${name}: it cannot move to stage ${escalation.stage} from stage ${stage}; an escalation moves up.`);
    if (escalation.on < since) return fail('challenge.dates', `${name}: its escalation to stage ${escalation.stage} (${escalation.on}) cannot come before ${since}.`);
    stage = escalation.stage;
    since = escalation.on;
  }
  const order: Array<[string, string | null, string, string | null]> = [
    ['the response', challenge.respondedOn, 'the challenge', challenge.raisedOn],
    ['closing it', challenge.closedOn, 'the challenge', challenge.raisedOn],
    ['closing it', challenge.closedOn, 'the last escalation', challenge.escalations.at(-1)?.on ?? null],
  ];
  for (const [later, laterOn, earlier, earlierOn] of order) {
    if (laterOn !== null && earlierOn !== null && laterOn < earlierOn) {
      return fail('challenge.dates', `${name}: ${later} (${laterOn}) cannot come before ${earlier} (${earlierOn}).`);
    }
  }
  if (challenge.respondedOn !== null && challenge.response === null) return fail('challenge.response_needed', `${name}: it has a response date; say what the response was.`);
  if ((challenge.outcome === null) !== (challenge.closedOn === null)) {
    return fail('challenge.outcome', `${name}: a closed challenge has an outcome and the day it closed; an open one has neither.`);
  }
  if (challenge.evidenceOfImpact !== null && challenge.closedOn === null) {
    return fail('challenge.impact_before_close', `${name}: evidence of impact is recorded once the challenge is closed.`);
  }
  return ok(true);
}

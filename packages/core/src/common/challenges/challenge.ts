import { z } from 'zod';
import { Id } from '../base/ids.js';
import { LocalDate } from '../base/time.js';

/** Who raised a challenge: the Executive, the Independent Scrutineer, a Young Scrutineer, or a subgroup (named by `subgroupId`). */
export const ChallengeRaiser = z.enum(['executive', 'independent-scrutineer', 'young-scrutineer', 'subgroup']);
export type ChallengeRaiser = z.infer<typeof ChallengeRaiser>;

/** A stage of the partnership's escalation protocol, 1 (between practitioners or managers) to 3 (the partnership's leaders). */
export const EscalationStage = z.literal([1, 2, 3]);
export type EscalationStage = z.infer<typeof EscalationStage>;

/** How a closed challenge ended; a challenge with no outcome is still open. */
export const ChallengeOutcome = z.enum(['resolved', 'partly-resolved', 'not-resolved', 'withdrawn']);
export type ChallengeOutcome = z.infer<typeof ChallengeOutcome>;

/** The day a challenge moved up to a later stage of the escalation protocol. */
export const ChallengeEscalation = z.object({
  stage: z.literal([2, 3]),
  on: LocalDate,
});
export type ChallengeEscalation = z.infer<typeof ChallengeEscalation>;

/**
 * One entry of the challenge and escalation log: a challenge raised with one or more agencies (or
 * with the partnership as a whole), the stage of the escalation protocol it was raised at and the
 * later stages it moved to, the response, and once closed its outcome and evidence of impact.
 * Actions taken on it are ordinary actions whose source names it (`source.recordId`).
 */
export const Challenge = z.object({
  id: Id,
  raisedBy: ChallengeRaiser,
  /** The subgroup that raised it, when `raisedBy` is `subgroup`; null otherwise. */
  subgroupId: Id.nullable().default(null),
  /** The agencies it was raised with; empty when it was raised with the partnership as a whole. */
  toAgencyIds: z.array(Id).default([]),
  /** What was challenged, as the annual report's impact table names it (its "impact area"). */
  issue: z.string().trim().min(1).max(400),
  raisedOn: LocalDate,
  /** The stage of the escalation protocol it was raised at. */
  stage: EscalationStage.default(1),
  /** The later stages it moved to, and when, in order. */
  escalations: z.array(ChallengeEscalation).default([]),
  response: z.string().trim().min(1).nullable().default(null),
  respondedOn: LocalDate.nullable().default(null),
  /** How it ended; null while it is open. */
  outcome: ChallengeOutcome.nullable().default(null),
  closedOn: LocalDate.nullable().default(null),
  /** What changed because of it, recorded once it is closed: the annual report's "evidence of impact". */
  evidenceOfImpact: z.string().trim().min(1).nullable().default(null),
});
export type Challenge = z.infer<typeof Challenge>;

/** How people read who raised a challenge (a subgroup is read by its name instead). */
export const CHALLENGE_RAISER_LABELS: Readonly<Record<ChallengeRaiser, string>> = {
  executive: 'Executive',
  'independent-scrutineer': 'Independent Scrutineer',
  'young-scrutineer': 'Young Scrutineer',
  subgroup: 'Subgroup',
};

/** How people read each outcome. */
export const CHALLENGE_OUTCOME_LABELS: Readonly<Record<ChallengeOutcome, string>> = {
  resolved: 'Resolved',
  'partly-resolved': 'Partly resolved',
  'not-resolved': 'Not resolved',
  withdrawn: 'Withdrawn',
};

/** The stage a challenge had reached on a day (its latest stage, without one). */
export function stageOf(challenge: Pick<Challenge, 'stage' | 'escalations'>, on?: LocalDate): EscalationStage {
  let stage = challenge.stage;
  for (const escalation of challenge.escalations) {
    if ((on === undefined || escalation.on <= on) && escalation.stage > stage) stage = escalation.stage;
  }
  return stage;
}

/** Whether a challenge was closed by the end of a day (still open on it, if not). */
export function isClosedBy(challenge: Pick<Challenge, 'closedOn'>, on: LocalDate): boolean {
  return challenge.closedOn !== null && challenge.closedOn <= on;
}

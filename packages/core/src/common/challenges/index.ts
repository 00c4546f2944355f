export { Challenge, ChallengeRaiser, ChallengeOutcome, ChallengeEscalation, EscalationStage, CHALLENGE_RAISER_LABELS, CHALLENGE_OUTCOME_LABELS, stageOf, isClosedBy } from './challenge.js';
export {
  challengeActions,
  challengeCounts,
  challengeCountsSentence,
  challengeCountsTable,
  challengedNames,
  challengesReport,
  challengesUnderWay,
  executiveImpact,
  executiveImpactTable,
  raiserName,
  type ChallengeCounts,
  type ImpactLine,
  type OutcomeAtEnd,
} from './challengeTables.js';

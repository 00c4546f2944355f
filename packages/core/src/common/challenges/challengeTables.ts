import { addDays, isInRange, periodDates, periodLabel, type DateRange, type Period } from '../base/dates.js';
import type { Action, ActionStatus } from '../plan/plan.js';
import { registerOfSource } from '../registers/sourceLink.js';
import type { Report, Row, Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { CHALLENGE_OUTCOME_LABELS, CHALLENGE_RAISER_LABELS, ChallengeOutcome, isClosedBy, stageOf, type Challenge, type EscalationStage } from './challenge.js';

/** The actions taken on a challenge: ordinary actions whose source names it. */
export function challengeActions(db: Database, challengeId: string): Action[] {
  return db.actions.filter((a) => a.source.recordId === challengeId && registerOfSource(a.source) === 'challenge');
}

/** Who raised a challenge, as people read it: "Executive", or the subgroup's name. */
export function raiserName(db: Database, challenge: Challenge): string {
  if (challenge.raisedBy !== 'subgroup') return CHALLENGE_RAISER_LABELS[challenge.raisedBy];
  return db.subgroups.find((s) => s.id === challenge.subgroupId)?.name ?? challenge.subgroupId ?? CHALLENGE_RAISER_LABELS.subgroup;
}

/** Whom a challenge was raised with: the agencies' names, or "The partnership" when it names none. */
export function challengedNames(db: Database, challenge: Challenge): string {
  if (challenge.toAgencyIds.length === 0) return 'The partnership';
  const names = new Map(db.agencies.map((a) => [a.id, a.name] as const));
  return challenge.toAgencyIds.map((id) => names.get(id) ?? id).join('; ');
}

/** Whether a challenge was under way in a period: raised by its end and not closed before it began. */
function activeIn(challenge: Challenge, range: DateRange): boolean {
  return challenge.raisedOn < range.end && (challenge.closedOn === null || challenge.closedOn >= range.start);
}

/** The last day of a range (whose end is exclusive): the day a period's figures stand at. */
function lastDay(range: DateRange): string {
  return addDays(range.end, -1);
}

/** The log's entries in the order they were raised (entries of one day in the order they were logged). */
function byRaised(challenges: readonly Challenge[]): Challenge[] {
  return challenges
    .map((challenge, position) => ({ challenge, position }))
    .sort((a, b) => (a.challenge.raisedOn < b.challenge.raisedOn ? -1 : a.challenge.raisedOn > b.challenge.raisedOn ? 1 : a.position - b.position))
    .map(({ challenge }) => challenge);
}

/** One line of the annual report's "Impact of Executive Actions" table. */
export interface ImpactLine {
  readonly impactArea: string;
  readonly evidenceOfImpact: string;
}

/**
 * The annual report's "Impact of Executive Actions": each challenge the Executive raised that was
 * closed in the period with its evidence of impact recorded, in the order the impact was recorded
 * (closed), those closed on one day in the order they were raised.
 */
export function executiveImpact(db: Database, period: Period): ImpactLine[] {
  const range = periodDates(period, db.partnership.financialYearStart);
  const closed = byRaised(db.challenges).filter(
    (c): c is Challenge & { closedOn: string; evidenceOfImpact: string } =>
      c.raisedBy === 'executive' && c.closedOn !== null && isInRange(c.closedOn, range) && c.evidenceOfImpact !== null,
  );
  // Array.prototype.sort is stable: challenges closed on one day keep the order they were raised in.
  return closed.sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0)).map((c) => ({ impactArea: c.issue, evidenceOfImpact: c.evidenceOfImpact }));
}

/** The impact lines as the annual report prints them: impact area | evidence of impact. */
export function executiveImpactTable(lines: readonly ImpactLine[], label: string): Table {
  return {
    title: `Impact of Executive Actions ${label}`,
    columns: [
      { key: 'impactArea', header: 'Impact Area', type: 'text' },
      { key: 'evidenceOfImpact', header: 'Evidence of Impact', type: 'text' },
    ],
    rows: lines.map((line) => ({ impactArea: line.impactArea, evidenceOfImpact: line.evidenceOfImpact })),
  };
}

/** What became of a challenge by the end of a period: its outcome, or still open. */
export type OutcomeAtEnd = ChallengeOutcome | 'open';

/** The challenges under way in a period, by the stage reached and the outcome, both as at its end. */
export interface ChallengeCounts {
  /** Raised in the period. */
  readonly raised: number;
  /** Closed in the period. */
  readonly closed: number;
  /** Under way at some time in the period: raised by its end and not closed before it began. */
  readonly total: number;
  /** By the stage reached by the period's end, then the outcome by then. */
  readonly byStage: Readonly<Record<EscalationStage, Readonly<Record<OutcomeAtEnd, number>>>>;
}

const OUTCOMES_AT_END: readonly OutcomeAtEnd[] = ['open', ...ChallengeOutcome.options];

/**
 * The period's counts by stage and outcome. Both are taken as at the period's end, so a challenge
 * escalated or closed later counts in a past year as it stood then: a published count stays put.
 */
export function challengeCounts(db: Database, period: Period): ChallengeCounts {
  const range = periodDates(period, db.partnership.financialYearStart);
  const empty = () => Object.fromEntries(OUTCOMES_AT_END.map((o) => [o, 0])) as Record<OutcomeAtEnd, number>;
  const byStage: Record<EscalationStage, Record<OutcomeAtEnd, number>> = { 1: empty(), 2: empty(), 3: empty() };
  let raised = 0;
  let closed = 0;
  let total = 0;
  for (const challenge of db.challenges) {
    if (!activeIn(challenge, range)) continue;
    total++;
    if (isInRange(challenge.raisedOn, range)) raised++;
    if (challenge.closedOn !== null && isInRange(challenge.closedOn, range)) closed++;
    const outcome: OutcomeAtEnd = isClosedBy(challenge, lastDay(range)) ? challenge.outcome! : 'open';
    byStage[stageOf(challenge, lastDay(range))][outcome]++;
  }
  return { raised, closed, total, byStage };
}

/** The counts as a table: a row per stage of the protocol, a column per outcome, with totals. */
export function challengeCountsTable(counts: ChallengeCounts, label: string): Table {
  const outcomeHeader = (o: OutcomeAtEnd) => (o === 'open' ? 'Open' : CHALLENGE_OUTCOME_LABELS[o]);
  const stages: EscalationStage[] = [1, 2, 3];
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return {
    title: `Challenge and escalation by stage and outcome ${label}`,
    columns: [
      { key: 'stage', header: 'Stage reached', type: 'text' },
      ...OUTCOMES_AT_END.map((o) => ({ key: o, header: outcomeHeader(o), type: 'integer' as const })),
      { key: 'total', header: 'Total', type: 'integer' },
    ],
    rows: stages.map((stage) => ({ stage: `Stage ${stage}`, ...counts.byStage[stage], total: sum(Object.values(counts.byStage[stage])) })),
    total: {
      stage: 'Total',
      ...Object.fromEntries(OUTCOMES_AT_END.map((o) => [o, sum(stages.map((s) => counts.byStage[s][o]))])),
      total: counts.total,
    },
  };
}

/** The counts in one sentence: "7 challenges under way: 5 raised and 6 closed in 2024/25". */
export function challengeCountsSentence(counts: ChallengeCounts, label: string): string {
  if (counts.total === 0) return `No challenge was under way in ${label}`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${plural(counts.total, 'challenge', 'challenges')} under way in ${label}: ${counts.raised} raised and ${counts.closed} closed in it`;
}

function statusWords(status: ActionStatus, progress: number): string {
  return status === 'complete' || status === 'withdrawn' ? status : `${progress}% ${status}`;
}

/**
 * The challenge and escalation log as the business team exports it: every challenge (those under
 * way in the period, with one) with its stage, response, outcome, impact and the actions taken on
 * it; with a period, also the Executive's impact table and the counts by stage and outcome.
 */
export function challengesReport(db: Database, options: { period?: Period } = {}): Report {
  const range = options.period === undefined ? undefined : periodDates(options.period, db.partnership.financialYearStart);
  const challenges = byRaised(db.challenges.filter((c) => range === undefined || activeIn(c, range)));
  const asAt = range === undefined ? undefined : lastDay(range);
  const rows: Row[] = challenges.map((challenge) => ({
    id: challenge.id,
    raisedBy: raiserName(db, challenge),
    to: challengedNames(db, challenge),
    issue: challenge.issue,
    raised: challenge.raisedOn,
    stage: stageOf(challenge, asAt),
    escalated: challenge.escalations.filter((e) => asAt === undefined || e.on <= asAt).map((e) => `stage ${e.stage} on ${e.on}`).join('; ') || null,
    response: challenge.response,
    responded: challenge.respondedOn,
    outcome: challenge.outcome === null || (asAt !== undefined && !isClosedBy(challenge, asAt)) ? 'Open' : CHALLENGE_OUTCOME_LABELS[challenge.outcome],
    closed: asAt !== undefined && !isClosedBy(challenge, asAt) ? null : challenge.closedOn,
    impact: challenge.evidenceOfImpact,
    actions: challengeActions(db, challenge.id).map((a) => `${a.ref} (${statusWords(a.status, a.progress)})`).join('; ') || null,
  }));
  const label = options.period === undefined ? null : periodLabel(options.period);
  const tables: Table[] = [
    {
      title: label === null ? 'Challenge and escalation log' : `Challenge and escalation log ${label}`,
      columns: [
        { key: 'id', header: 'Id', type: 'reference' },
        { key: 'raisedBy', header: 'Raised by', type: 'text' },
        { key: 'to', header: 'Raised with', type: 'text' },
        { key: 'issue', header: 'Issue', type: 'text' },
        { key: 'raised', header: 'Raised', type: 'date' },
        { key: 'stage', header: 'Stage', type: 'integer' },
        { key: 'escalated', header: 'Escalated', type: 'text' },
        { key: 'response', header: 'Response', type: 'text' },
        { key: 'responded', header: 'Responded', type: 'date' },
        { key: 'outcome', header: 'Outcome', type: 'text' },
        { key: 'closed', header: 'Closed', type: 'date' },
        { key: 'impact', header: 'Evidence of impact', type: 'text' },
        { key: 'actions', header: 'Actions', type: 'text' },
      ],
      rows,
    },
  ];
  const notes: string[] = [];
  if (options.period !== undefined) {
    const counts = challengeCounts(db, options.period);
    tables.push(executiveImpactTable(executiveImpact(db, options.period), label!));
    tables.push(challengeCountsTable(counts, label!));
    notes.push(`${challengeCountsSentence(counts, label!)}. Stages and outcomes are as they stood at the end of ${label}.`);
  }
  return { title: label === null ? 'Challenge and escalation log' : `Challenge and escalation log ${label}`, tables, notes };
}

/** The challenges under way in a period, in the order they were raised. */
export function challengesUnderWay(db: Database, period: Period): Challenge[] {
  const range = periodDates(period, db.partnership.financialYearStart);
  return byRaised(db.challenges.filter((c) => activeIn(c, range)));
}

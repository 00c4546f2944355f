import { financialYear, isInRange, localDateOf, periodDates, periodInstants, periodLabel, type DateRange, type Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { actionStateAt } from '../plan/delivery.js';
import type { Action, ActionStatus } from '../plan/plan.js';
import type { Report, Row, Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { AUDIT_TYPE_LABELS, AuditType, auditStage, questionsFor, type ActionPlanItem, type Audit, type AuditStage, type AuditTarget } from './audit.js';

/** Where an action-plan item's work stands. */
export type ActionPlanItemState =
  /** Handed to another body: recorded, theirs to act on. */
  | 'handed-over'
  /** No action answers it yet. */
  | 'no-action'
  /** Actions answer it and some are still open. */
  | 'open'
  /** Every action answering it (withdrawn ones aside) is complete. */
  | 'completed';

/** One item of an audit's action plan and the actions that answer it. */
export interface ActionPlanItemProgress {
  readonly item: ActionPlanItem;
  readonly state: ActionPlanItemState;
  readonly actions: readonly Pick<Action, 'ref' | 'title' | 'ownerId' | 'due' | 'status' | 'progress'>[];
}

/** An audit's action plan and how far it has got. */
export interface AuditProgress {
  readonly audit: Audit;
  readonly items: readonly ActionPlanItemProgress[];
  /** Completed (or handed over), out of all items. */
  readonly completed: number;
  /** True when it has items and every one is completed or handed over. */
  readonly allCompleted: boolean;
}

/**
 * The actions answering an audit's action-plan item: ordinary actions whose source names the
 * audit and the item's number, as they stood at `at` (an instant; now when left out). An action
 * carried over to a later plan is answered by its continuation (which keeps its source), so only
 * the continuation is listed once it exists.
 */
export function actionPlanActions(db: Database, auditId: string, number: number, at?: string): Action[] {
  const linked = db.actions.flatMap((a): Action[] => {
    if (a.source.kind !== 'audit' || a.source.recordId !== auditId || a.source.item !== number) return [];
    if (at === undefined) return [a];
    const state = actionStateAt(a, at);
    return state === null ? [] : [{ ...a, ...state }];
  });
  const continued = new Set(linked.flatMap((a) => (a.carriedOverFrom === null ? [] : [a.carriedOverFrom.ref])));
  return linked.filter((a) => !continued.has(a.ref));
}

/**
 * Each item of an audit's action plan with the actions answering it, as they stood at `at` (an
 * instant; now when left out), so that a year's report keeps the progress it printed.
 */
export function auditProgress(db: Database, audit: Audit, at?: string): AuditProgress {
  const day = at === undefined ? undefined : localDateOf(at, db.partnership.timeZone);
  const items = audit.actionPlan.map((item): ActionPlanItemProgress => {
    const actions = actionPlanActions(db, audit.id, item.number, at);
    const counted = actions.filter((a) => a.status !== 'withdrawn');
    const doneWithoutAction = item.completedOn !== null && (day === undefined || item.completedOn <= day);
    const state: ActionPlanItemState =
      item.handedTo !== null
        ? 'handed-over'
        : counted.length === 0
          ? doneWithoutAction
            ? 'completed'
            : 'no-action'
          : counted.every((a) => a.status === 'complete')
            ? 'completed'
            : 'open';
    return { item, state, actions: actions.map(({ ref, title, ownerId, due, status, progress }) => ({ ref, title, ownerId, due, status, progress })) };
  });
  const completed = items.filter((i) => i.state === 'completed' || i.state === 'handed-over').length;
  return { audit, items, completed, allCompleted: items.length > 0 && completed === items.length };
}

/** An action plan in a few words: "3 of 4 completed", "All completed", "None". */
export function actionPlanSummary(progress: AuditProgress): string {
  const total = progress.items.length;
  if (total === 0) return 'None';
  if (progress.allCompleted) return 'All completed';
  return `${progress.completed} of ${total} completed`;
}

/** The first day of an audit's planned month. */
const monthStart = (audit: Audit): LocalDate => `${audit.plannedMonth}-01`;

/** The audits planned for a period (by their planned month), in the order they are planned. */
export function auditsPlannedIn(db: Database, period: Period): Audit[] {
  const range = periodDates(period, db.partnership.financialYearStart);
  return db.audits.filter((a) => isInRange(monthStart(a), range)).sort(byMonth);
}

const byMonth = (a: Audit, b: Audit) => (a.plannedMonth < b.plannedMonth ? -1 : a.plannedMonth > b.plannedMonth ? 1 : a.title.localeCompare(b.title, 'en'));

/** One line of planned against completed: a type, or a target's types together. */
export interface ProgrammeLine {
  readonly label: string;
  readonly planned: number;
  readonly completed: number;
  readonly cancelled: number;
  /** The target for the year, when the line is a target's. */
  readonly target: number | null;
}

/** The year's programme, planned against completed, by type and against the partnership's targets. */
export interface ProgrammeSummary {
  readonly planned: number;
  readonly completed: number;
  readonly cancelled: number;
  readonly byType: readonly ProgrammeLine[];
  readonly targets: readonly ProgrammeLine[];
}

const TYPE_PLURALS: Readonly<Record<AuditType, string>> = {
  'multi-agency': 'multi-agency audits',
  'single-agency': 'single-agency audits',
  'dip-sample': 'dip samples',
  'jtai-preparation': 'JTAI preparation audits',
  'section-11': 'Section 11 audits',
};

/** A target's name as a sentence says it: "multi-agency audits or JTAI preparation audits". */
export function targetLabel(target: AuditTarget): string {
  return target.types.map((type) => TYPE_PLURALS[type]).join(' or ');
}

/**
 * Planned against completed for the audits planned in a period: every audit planned in it
 * counts as planned (a cancelled one too, and said so), and as completed once the QAG has
 * signed it off, whenever that was. A target is a whole year's, so quarters show none.
 */
export function programmeSummary(db: Database, period: Period): ProgrammeSummary {
  const audits = auditsPlannedIn(db, period);
  const line = (label: string, matching: readonly Audit[], target: number | null): ProgrammeLine => ({
    label,
    planned: matching.length,
    completed: matching.filter((a) => auditStage(a) === 'completed').length,
    cancelled: matching.filter((a) => auditStage(a) === 'cancelled').length,
    target,
  });
  const byType = AuditType.options.map((type) => line(AUDIT_TYPE_LABELS[type], audits.filter((a) => a.type === type), null)).filter((l) => l.planned > 0);
  const targets =
    period.kind === 'year'
      ? db.partnership.auditProgramme.targets.map((target) => line(targetLabel(target), audits.filter((a) => target.types.includes(a.type)), target.perYear))
      : [];
  const all = line('All audits', audits, null);
  return { planned: all.planned, completed: all.completed, cancelled: all.cancelled, byType, targets };
}

const STAGE_WORDS: Readonly<Record<AuditStage, string>> = { planned: 'Planned', moderated: 'Moderated', completed: 'Signed off', cancelled: 'Cancelled' };

const ITEM_STATE_WORDS: Readonly<Record<ActionPlanItemState, string>> = {
  'handed-over': 'Handed over',
  'no-action': 'No action yet',
  open: 'Open',
  completed: 'Completed',
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** A planned month as people write it: `2024-11` is "November 2024". */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function statusWords(status: ActionStatus, progress: number): string {
  return status === 'complete' || status === 'withdrawn' ? status : `${progress}% ${status}`;
}

/** One row of the Impact of Audits: an audit, its key learning and its action plan with how far it has got. */
export interface AuditImpact {
  readonly audit: Audit;
  readonly progress: AuditProgress;
}

/**
 * The audits planned in a period that the QAG has signed off, with their learning and their
 * action plans' progress at the period's end (or now, while it lasts): the annual report's
 * "Impact of Audits", which a later update does not change.
 */
export function impactOfAudits(db: Database, period: Period): AuditImpact[] {
  const end = new Date(periodInstants(period, db.partnership.timeZone, db.partnership.financialYearStart).end.getTime() - 1).toISOString();
  return auditsPlannedIn(db, period)
    .filter((a) => auditStage(a) === 'completed')
    .map((audit) => ({ audit, progress: auditProgress(db, audit, end) }));
}

/** The Impact of Audits as a table: one row per audit, its learning and action plan as lists. */
export function impactTable(impacts: readonly AuditImpact[], label: string): Table {
  return {
    title: `Impact of audits ${label}`,
    columns: [
      { key: 'audit', header: 'Audit', type: 'text' },
      { key: 'month', header: 'Month', type: 'text' },
      { key: 'strengths', header: 'Strengths', type: 'text' },
      { key: 'development', header: 'Areas for development', type: 'text' },
      { key: 'actionPlan', header: 'Action plan', type: 'text' },
      { key: 'progress', header: 'Progress', type: 'text' },
    ],
    rows: impacts.map(({ audit, progress }) => ({
      audit: audit.title,
      month: monthLabel(audit.plannedMonth),
      strengths: audit.strengths.join('; ') || null,
      development: audit.areasForDevelopment.join('; ') || null,
      actionPlan: progress.items.map((i) => `${i.item.number}. ${i.item.text} (${ITEM_STATE_WORDS[i.state].toLowerCase()})`).join('; ') || null,
      progress: actionPlanSummary(progress),
    })),
  };
}

/** Planned against completed as a table: one row per type, then each target. */
export function programmeTable(summary: ProgrammeSummary, label: string): Table {
  const lines = [...summary.byType, { label: 'All audits', planned: summary.planned, completed: summary.completed, cancelled: summary.cancelled, target: null }, ...summary.targets];
  return {
    title: `Audits planned and completed ${label}`,
    columns: [
      { key: 'type', header: 'Audits', type: 'text' },
      { key: 'target', header: 'Target', type: 'integer' },
      { key: 'planned', header: 'Planned', type: 'integer' },
      { key: 'completed', header: 'Completed', type: 'integer' },
      { key: 'cancelled', header: 'Cancelled', type: 'integer' },
      { key: 'met', header: 'Target met', type: 'text' },
    ],
    rows: lines.map((l) => ({
      type: l.target === null ? l.label : `Target: ${l.target} ${l.label} a year`,
      target: l.target,
      planned: l.planned,
      completed: l.completed,
      cancelled: l.cancelled,
      met: l.target === null ? null : l.completed >= l.target ? 'Yes' : 'No',
    })),
  };
}

/** The planned programme of a period as a table: what is to be audited, when, and with whom. */
export function plannedTable(db: Database, audits: readonly Audit[], title: string): Table {
  const agencies = new Map(db.agencies.map((a) => [a.id, a.name] as const));
  return {
    title,
    columns: [
      { key: 'audit', header: 'Audit', type: 'text' },
      { key: 'type', header: 'Type', type: 'text' },
      { key: 'month', header: 'Month', type: 'text' },
      { key: 'agencies', header: 'Agencies', type: 'text' },
      { key: 'stage', header: 'Stage', type: 'text' },
    ],
    rows: audits.map((audit) => ({
      audit: audit.title,
      type: AUDIT_TYPE_LABELS[audit.type],
      month: monthLabel(audit.plannedMonth),
      agencies: audit.agencyIds.map((id) => agencies.get(id) ?? id).join('; ') || null,
      stage: STAGE_WORDS[auditStage(audit)],
    })),
  };
}

/** Whether an audit belongs in a period's register: planned in it, moderated or signed off in it, or its action plan worked on in it. */
function activeIn(db: Database, audit: Audit, range: DateRange): boolean {
  if (isInRange(monthStart(audit), range)) return true;
  if ([audit.moderatedOn, audit.signedOffOn].some((d) => d !== null && isInRange(d, range))) return true;
  const timeZone = db.partnership.timeZone;
  return db.actions.some((a) => a.source.kind === 'audit' && a.source.recordId === audit.id && a.history.some((entry) => isInRange(localDateOf(entry.at, timeZone), range)));
}

/**
 * The audit programme as the business team exports it: every audit (those active in the period,
 * with one) with its stage and action plan, each item and its actions, and the standing
 * questions' answers; with a year, also planned against completed, the Impact of Audits and the
 * next year's programme.
 */
export function auditsReport(db: Database, options: { period?: Period; today: LocalDate }): Report {
  const range = options.period === undefined ? undefined : periodDates(options.period, db.partnership.financialYearStart);
  const audits = db.audits.filter((a) => range === undefined || activeIn(db, a, range)).sort(byMonth);
  const people = new Map(db.people.map((p) => [p.id, p.name] as const));
  const agencies = new Map(db.agencies.map((a) => [a.id, a.name] as const));
  const questions = db.partnership.auditProgramme.standingQuestions;
  const registerRows: Row[] = audits.map((audit) => ({
    audit: audit.title,
    type: AUDIT_TYPE_LABELS[audit.type],
    month: monthLabel(audit.plannedMonth),
    agencies: audit.agencyIds.map((id) => agencies.get(id) ?? id).join('; ') || null,
    cases: audit.cases,
    moderated: audit.moderatedOn,
    signedOff: audit.signedOffOn,
    stage: STAGE_WORDS[auditStage(audit)],
    why: audit.cancelledReason,
    actionPlan: actionPlanSummary(auditProgress(db, audit)),
  }));
  const itemRows: Row[] = audits.flatMap((audit) =>
    auditProgress(db, audit).items.map((line) => ({
      audit: audit.title,
      number: line.item.number,
      item: line.item.text,
      state: ITEM_STATE_WORDS[line.state],
      handedTo: line.item.handedTo,
      actions: line.actions.map((a) => `${a.ref} (${statusWords(a.status, a.progress)}${a.ownerId === null ? '' : `, ${people.get(a.ownerId) ?? a.ownerId}`})`).join('; ') || null,
    })),
  );
  // Each audit's answers, and the questions it is asked but has not answered yet.
  const answerRows: Row[] = audits.flatMap((audit) => {
    if (auditStage(audit) === 'cancelled') return [];
    const unanswered = questionsFor(questions, audit, options.today).filter((q) => !audit.standingAnswers.some((a) => a.questionId === q.id));
    return [
      ...audit.standingAnswers.map((a) => ({ audit: audit.title, question: questions.find((q) => q.id === a.questionId)?.question ?? a.questionId, answer: a.answer })),
      ...unanswered.map((q) => ({ audit: audit.title, question: q.question, answer: 'Not answered yet' })),
    ];
  });
  const label = options.period === undefined ? null : periodLabel(options.period);
  const tables: Table[] = [
    {
      title: label === null ? 'Audits' : `Audits ${label}`,
      columns: [
        { key: 'audit', header: 'Audit', type: 'text' },
        { key: 'type', header: 'Type', type: 'text' },
        { key: 'month', header: 'Month', type: 'text' },
        { key: 'agencies', header: 'Agencies', type: 'text' },
        { key: 'cases', header: 'Cases', type: 'integer' },
        { key: 'moderated', header: 'Moderated', type: 'date' },
        { key: 'signedOff', header: 'Signed off at QAG', type: 'date' },
        { key: 'stage', header: 'Stage', type: 'text' },
        { key: 'why', header: 'Why cancelled', type: 'text' },
        { key: 'actionPlan', header: 'Action plan', type: 'text' },
      ],
      rows: registerRows,
    },
    {
      title: 'Action plans',
      columns: [
        { key: 'audit', header: 'Audit', type: 'text' },
        { key: 'number', header: 'No.', type: 'integer' },
        { key: 'item', header: 'Action-plan item', type: 'text' },
        { key: 'state', header: 'State', type: 'text' },
        { key: 'handedTo', header: 'Handed to', type: 'text' },
        { key: 'actions', header: 'Actions', type: 'text' },
      ],
      rows: itemRows,
    },
    {
      title: 'Standing questions',
      columns: [
        { key: 'audit', header: 'Audit', type: 'text' },
        { key: 'question', header: 'Question', type: 'text' },
        { key: 'answer', header: 'Answer', type: 'text' },
      ],
      rows: answerRows,
    },
  ];
  const notes: string[] = [];
  if (options.period !== undefined) {
    const summary = programmeSummary(db, options.period);
    tables.push(programmeTable(summary, label!));
    tables.push(impactTable(impactOfAudits(db, options.period), label!));
    notes.push(`${label}: ${programmeSentence(summary)}.`);
    if (options.period.kind === 'year') {
      const next = financialYear(options.period.year.startYear + 1);
      tables.push(plannedTable(db, auditsPlannedIn(db, { kind: 'year', year: next }), `Audits planned for ${next.label}`));
    }
  }
  return { title: label === null ? 'Audit programme' : `Audit programme ${label}`, tables, notes };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Planned against completed in one sentence: "5 audits planned, 5 completed; target of 3 multi-agency audits a year met (5 completed)". */
export function programmeSentence(summary: ProgrammeSummary): string {
  if (summary.planned === 0) return 'No audits planned';
  const parts = [`${plural(summary.planned, 'audit', 'audits')} planned`, `${summary.completed} completed`];
  if (summary.cancelled > 0) parts.push(`${summary.cancelled} cancelled`);
  const targets = summary.targets.map((t) => `target of ${t.target} ${t.label} a year ${t.completed >= t.target! ? 'met' : 'not met'} (${t.completed} completed)`);
  return [parts.join(', '), ...targets].join('; ');
}

import { isInRange, localDateOf, periodDates, periodLabel, type DateRange, type Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { addWorkingDays, workingDaysBetween } from '../base/workingDays.js';
import type { Action, ActionStatus } from '../plan/plan.js';
import type { Report, Row, Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { INSPECTION_TYPE_LABELS, INSPECTORATE_LABELS, type AreaForImprovement, type Inspection } from './inspection.js';

/** When an inspection's written statement of action is due: the letter's day plus its working days (England's); null when none is owed or the letter is not yet in. */
export function statementDeadline(inspection: Inspection): LocalDate | null {
  if (!inspection.statementRequired || inspection.letterOn === null) return null;
  return addWorkingDays(inspection.letterOn, inspection.statementWorkingDays);
}

/** Where a written statement of action stands. */
export type StatementState = 'not-required' | 'awaiting-letter' | 'due' | 'overdue' | 'submitted-on-time' | 'submitted-late';

/** A statement's deadline and whether it was (or is being) met; `workingDaysLate` counts England's working days past the deadline. */
export interface StatementTimeliness {
  readonly state: StatementState;
  readonly due: LocalDate | null;
  readonly workingDaysLate: number;
}

/** Whether an inspection's written statement of action was submitted by its deadline, or is still due, on `today`. */
export function statementTimeliness(inspection: Inspection, today: LocalDate): StatementTimeliness {
  if (!inspection.statementRequired) return { state: 'not-required', due: null, workingDaysLate: 0 };
  const due = statementDeadline(inspection);
  if (due === null) return { state: 'awaiting-letter', due: null, workingDaysLate: 0 };
  const end = inspection.statementSubmittedOn ?? today;
  const workingDaysLate = end > due ? workingDaysBetween(due, end) : 0;
  const submitted = inspection.statementSubmittedOn !== null;
  const state: StatementState = submitted ? (workingDaysLate > 0 ? 'submitted-late' : 'submitted-on-time') : workingDaysLate > 0 ? 'overdue' : 'due';
  return { state, due, workingDaysLate };
}

/** Where an area for improvement's work stands. */
export type AreaState = 'no-action' | 'open' | 'completed';

/** One area for improvement with the actions answering it, and which of them are overdue. */
export interface AreaProgress {
  readonly area: AreaForImprovement;
  readonly state: AreaState;
  readonly actions: readonly Pick<Action, 'ref' | 'title' | 'ownerId' | 'leadAgencyIds' | 'due' | 'status' | 'progress'>[];
  /** The actions open past their due date. */
  readonly overdue: readonly string[];
}

/** Progress against the written statement of action: each area, and the totals. */
export interface InspectionProgress {
  readonly inspection: Inspection;
  readonly areas: readonly AreaProgress[];
  readonly areasCompleted: number;
  readonly actions: number;
  readonly actionsCompleted: number;
  readonly actionsOverdue: number;
}

/**
 * The actions answering an area for improvement: ordinary actions whose source names the
 * inspection and the area's number. An action carried over to a later plan is answered by its
 * continuation, so only the continuation is listed.
 */
export function areaActions(db: Database, inspectionId: string, number: number): Action[] {
  const linked = db.actions.filter((a) => a.source.kind === 'inspection' && a.source.recordId === inspectionId && a.source.item === number);
  const continued = new Set(linked.flatMap((a) => (a.carriedOverFrom === null ? [] : [a.carriedOverFrom.ref])));
  return linked.filter((a) => !continued.has(a.ref));
}

const isOpen = (status: ActionStatus) => status !== 'complete' && status !== 'withdrawn';

/** Each area of an inspection with its actions' progress and those overdue on `today`. */
export function inspectionProgress(db: Database, inspection: Inspection, today: LocalDate): InspectionProgress {
  const areas = inspection.areas.map((area): AreaProgress => {
    const actions = areaActions(db, inspection.id, area.number);
    const counted = actions.filter((a) => a.status !== 'withdrawn');
    const state: AreaState = counted.length === 0 ? 'no-action' : counted.every((a) => a.status === 'complete') ? 'completed' : 'open';
    return {
      area,
      state,
      actions: actions.map(({ ref, title, ownerId, leadAgencyIds, due, status, progress }) => ({ ref, title, ownerId, leadAgencyIds, due, status, progress })),
      overdue: actions.filter((a) => isOpen(a.status) && a.due < today).map((a) => a.ref),
    };
  });
  const all = areas.flatMap((a) => a.actions).filter((a) => a.status !== 'withdrawn');
  return {
    inspection,
    areas,
    areasCompleted: areas.filter((a) => a.state === 'completed').length,
    actions: all.length,
    actionsCompleted: all.filter((a) => a.status === 'complete').length,
    actionsOverdue: areas.reduce((sum, a) => sum + a.overdue.length, 0),
  };
}

const STATEMENT_WORDS: Readonly<Record<StatementState, string>> = {
  'not-required': 'Not required',
  'awaiting-letter': 'Awaiting the letter',
  due: 'Due',
  overdue: 'Overdue',
  'submitted-on-time': 'Submitted on time',
  'submitted-late': 'Submitted late',
};

const AREA_WORDS: Readonly<Record<AreaState, string>> = { 'no-action': 'No action yet', open: 'Open', completed: 'Completed' };

/** Whether an inspection belongs in a period's register: on site, its letter or statement in it, or an area's action worked on in it. */
function activeIn(db: Database, inspection: Inspection, range: DateRange): boolean {
  const dates = [inspection.onSiteFrom, inspection.onSiteTo, inspection.letterOn, inspection.statementSubmittedOn, statementDeadline(inspection)];
  if (dates.some((d) => d !== null && isInRange(d, range))) return true;
  const timeZone = db.partnership.timeZone;
  return db.actions.some((a) => a.source.kind === 'inspection' && a.source.recordId === inspection.id && a.history.some((entry) => isInRange(localDateOf(entry.at, timeZone), range)));
}

function statusWords(status: ActionStatus, progress: number): string {
  return status === 'complete' || status === 'withdrawn' ? status : `${progress}% ${status}`;
}

/**
 * The inspections register as the business team exports it: each inspection (those active in the
 * period, with one) with its written statement of action's deadline and how it stands; the
 * strengths and areas for improvement by theme; and the progress report against the statement,
 * each area's actions and those overdue on `today`.
 */
export function inspectionsReport(db: Database, options: { period?: Period; today: LocalDate }): Report {
  const range = options.period === undefined ? undefined : periodDates(options.period, db.partnership.financialYearStart);
  const inspections = db.inspections.filter((i) => range === undefined || activeIn(db, i, range)).sort((a, b) => (a.onSiteFrom < b.onSiteFrom ? -1 : a.onSiteFrom > b.onSiteFrom ? 1 : 0));
  const agencies = new Map(db.agencies.map((a) => [a.id, a.name] as const));
  const people = new Map(db.people.map((p) => [p.id, p.name] as const));
  const agencyNames = (ids: readonly string[]) => ids.map((id) => agencies.get(id) ?? id).join('; ') || null;
  const progressOf = new Map(inspections.map((i) => [i.id, inspectionProgress(db, i, options.today)] as const));
  const registerRows: Row[] = inspections.map((inspection) => {
    const statement = statementTimeliness(inspection, options.today);
    const progress = progressOf.get(inspection.id)!;
    return {
      inspection: inspection.title,
      type: INSPECTION_TYPE_LABELS[inspection.type],
      inspectorates: inspection.inspectorates.map((i) => INSPECTORATE_LABELS[i]).join(', '),
      onSiteFrom: inspection.onSiteFrom,
      onSiteTo: inspection.onSiteTo,
      letter: inspection.letterOn,
      statementDue: statement.due,
      statementSubmitted: inspection.statementSubmittedOn,
      statement: STATEMENT_WORDS[statement.state] + (statement.workingDaysLate > 0 ? ` (${statement.workingDaysLate} working days)` : ''),
      areas: inspection.areas.length === 0 ? null : `${progress.areasCompleted} of ${inspection.areas.length} completed`,
      overdue: progress.actionsOverdue,
    };
  });
  const findingRows: Row[] = inspections.flatMap((inspection) => [
    ...inspection.strengths.map((s) => ({ inspection: inspection.title, theme: s.theme, finding: 'Strength', number: null, text: s.text, leadAgencies: null })),
    ...inspection.areas.map((a) => ({ inspection: inspection.title, theme: a.theme, finding: 'Area for improvement', number: a.number, text: a.text, leadAgencies: agencyNames(a.leadAgencyIds) })),
  ]);
  const progressRows: Row[] = inspections.flatMap((inspection) =>
    progressOf.get(inspection.id)!.areas.map((line) => ({
      inspection: inspection.title,
      number: line.area.number,
      theme: line.area.theme,
      area: line.area.text,
      leadAgencies: agencyNames(line.area.leadAgencyIds),
      state: AREA_WORDS[line.state],
      actions:
        line.actions
          .map((a) => `${a.ref} (${statusWords(a.status, a.progress)}, due ${a.due}${a.leadAgencyIds.length === 0 ? '' : `, ${a.leadAgencyIds.map((id) => agencies.get(id) ?? id).join('; ')}`}${a.ownerId === null ? '' : `, ${people.get(a.ownerId) ?? a.ownerId}`})`)
          .join('; ') || null,
      overdue: line.overdue.join('; ') || null,
    })),
  );
  const label = options.period === undefined ? null : periodLabel(options.period);
  const tables: Table[] = [
    {
      title: label === null ? 'Inspections' : `Inspections ${label}`,
      columns: [
        { key: 'inspection', header: 'Inspection', type: 'text' },
        { key: 'type', header: 'Type', type: 'text' },
        { key: 'inspectorates', header: 'Inspectorates', type: 'text' },
        { key: 'onSiteFrom', header: 'On site from', type: 'date' },
        { key: 'onSiteTo', header: 'On site to', type: 'date' },
        { key: 'letter', header: 'Letter', type: 'date' },
        { key: 'statementDue', header: 'Statement of action due', type: 'date' },
        { key: 'statementSubmitted', header: 'Statement submitted', type: 'date' },
        { key: 'statement', header: 'Statement of action', type: 'text' },
        { key: 'areas', header: 'Areas for improvement', type: 'text' },
        { key: 'overdue', header: 'Actions overdue', type: 'integer' },
      ],
      rows: registerRows,
    },
    {
      title: 'Findings by theme',
      columns: [
        { key: 'inspection', header: 'Inspection', type: 'text' },
        { key: 'theme', header: 'Theme', type: 'text' },
        { key: 'finding', header: 'Finding', type: 'text' },
        { key: 'number', header: 'No.', type: 'integer' },
        { key: 'text', header: 'What the inspectors found', type: 'text' },
        { key: 'leadAgencies', header: 'Lead agencies', type: 'text' },
      ],
      rows: findingRows,
    },
    {
      title: `Progress against the written statement of action (as at ${options.today})`,
      columns: [
        { key: 'inspection', header: 'Inspection', type: 'text' },
        { key: 'number', header: 'No.', type: 'integer' },
        { key: 'theme', header: 'Theme', type: 'text' },
        { key: 'area', header: 'Area for improvement', type: 'text' },
        { key: 'leadAgencies', header: 'Lead agencies', type: 'text' },
        { key: 'state', header: 'State', type: 'text' },
        { key: 'actions', header: 'Actions', type: 'text' },
        { key: 'overdue', header: 'Overdue', type: 'text' },
      ],
      rows: progressRows,
    },
  ];
  return { title: label === null ? 'Inspections register' : `Inspections register ${label}`, tables };
}

import { z } from 'zod';
import { fail, ok, type Result } from '../base/result.js';
import type { Period } from '../base/dates.js';
import type { Database } from '../store/database.js';
import type { Report } from './table.js';
import { actionsReport } from './tables/actions.js';
import { attendanceRegister } from './tables/attendanceRegister.js';
import { commitmentsReport } from './tables/commitments.js';
import { engagementReport, type EngagementMeasure } from './tables/engagement.js';
import { expenditureReport, fundingReport, incomeReport } from './tables/funding.js';
import { auditsReport } from '../audits/auditTables.js';
import { inspectionsReport } from '../inspections/inspectionTables.js';
import { reviewsReport } from '../reviews/reviewTables.js';
import { challengesReport } from '../challenges/challengeTables.js';
import { trainingReport } from './tables/training.js';
import { agencyReturnsReport, complianceReport } from '../returns/returnTables.js';

/** The tables the business team exports: the annual report's, and the plan's and registers' own records. */
export const ExportTable = z.enum(['engagement', 'funding', 'income', 'expenditure', 'actions', 'attendance', 'commitments', 'reviews', 'audits', 'inspections', 'challenges', 'training', 'compliance']);
export type ExportTable = z.infer<typeof ExportTable>;

/** What a table can be asked for, so that every way of asking (a CLI flag, a chat message) refuses the same things. */
export interface ExportRule {
  /** A financial year is required (the annual report's tables); otherwise the whole history is the default. */
  readonly needsYear: boolean;
  /** A quarter of a year may be asked for instead of the whole year. */
  readonly quarters: boolean;
  /** The table can be limited to one subgroup. */
  readonly bySubgroup: boolean;
  /** The table can show another year beside it. */
  readonly compare: boolean;
  /** The table can be one agency's own record, over every year unless a period is given. */
  readonly byAgency: boolean;
}

/** Each table's rule. */
export const EXPORT_RULES: Readonly<Record<ExportTable, ExportRule>> = {
  engagement: { needsYear: true, quarters: true, bySubgroup: true, compare: false, byAgency: false },
  funding: { needsYear: true, quarters: false, bySubgroup: false, compare: true, byAgency: false },
  income: { needsYear: true, quarters: false, bySubgroup: false, compare: false, byAgency: false },
  expenditure: { needsYear: true, quarters: false, bySubgroup: false, compare: false, byAgency: false },
  actions: { needsYear: false, quarters: true, bySubgroup: false, compare: false, byAgency: false },
  attendance: { needsYear: false, quarters: true, bySubgroup: true, compare: false, byAgency: false },
  commitments: { needsYear: false, quarters: false, bySubgroup: false, compare: false, byAgency: false },
  reviews: { needsYear: false, quarters: true, bySubgroup: false, compare: false, byAgency: false },
  audits: { needsYear: false, quarters: true, bySubgroup: false, compare: false, byAgency: false },
  inspections: { needsYear: false, quarters: true, bySubgroup: false, compare: false, byAgency: false },
  challenges: { needsYear: false, quarters: true, bySubgroup: false, compare: false, byAgency: false },
  training: { needsYear: true, quarters: false, bySubgroup: false, compare: false, byAgency: false },
  compliance: { needsYear: true, quarters: true, bySubgroup: false, compare: false, byAgency: true },
};

/** What to export of a table. */
export interface ExportSelection {
  readonly period?: Period;
  readonly subgroupId?: string;
  /** Engagement only: attendance %, seat coverage, or both tables. */
  readonly measure?: EngagementMeasure;
  /** Funding only: the year (a label such as `2023/24`) to compare with. */
  readonly compareYear?: string;
  /** Compliance only: one agency's own record. */
  readonly agencyId?: string;
  /** The partnership's local date, on which the actions' RAG ratings are judged. */
  readonly today: string;
}

/** Whether the table's rule allows the selection: the selection, or why not in words that name the table. */
export function checkExportSelection(table: ExportTable, selection: Omit<ExportSelection, 'today'>): Result<true> {
  const rule = EXPORT_RULES[table];
  const { period } = selection;
  if (rule.needsYear && period === undefined && !(rule.byAgency && selection.agencyId !== undefined)) return fail('export.year_required', `The ${table} table is for a financial year, such as 2024/25.`);
  if (period?.kind === 'quarter' && !rule.quarters) return fail('export.no_quarters', `The ${table} table covers whole financial years, not quarters.`);
  if (selection.subgroupId !== undefined && !rule.bySubgroup) return fail('export.no_subgroup', `The ${table} table is not split by subgroup.`);
  if (selection.compareYear !== undefined && !rule.compare) return fail('export.no_compare', `Only the funding table compares years, not the ${table} table.`);
  if (selection.agencyId !== undefined && !rule.byAgency) return fail('export.no_agency', `The ${table} table is not one agency's record.`);
  if (selection.measure !== undefined && table !== 'engagement') return fail('export.no_measure', `Only the engagement table has measures, not the ${table} table.`);
  return ok(true);
}

/**
 * The report of one exported table: what `ptrack export` writes and what the bot's download
 * links serve, so that the two are the same file. A selection the table's rule does not allow
 * is refused, naming the table.
 */
export function exportReport(db: Database, table: ExportTable, selection: ExportSelection): Result<Report> {
  const checked = checkExportSelection(table, selection);
  if (!checked.success) return checked;
  const { period } = selection;
  switch (table) {
    case 'engagement':
      return ok(engagementReport(db, period!, selection.subgroupId, selection.measure ?? 'engagement'));
    case 'funding':
      return ok(fundingReport(db, period!.year.label, selection.compareYear));
    case 'income':
      return ok(incomeReport(db, period!.year.label));
    case 'expenditure':
      return ok(expenditureReport(db, period!.year.label));
    case 'actions':
      return ok(actionsReport(db, { today: selection.today, ...(period ? { period } : {}) }));
    case 'attendance':
      return ok(attendanceRegister(db, { ...(period ? { period } : {}), ...(selection.subgroupId ? { subgroupId: selection.subgroupId } : {}) }));
    case 'commitments':
      return ok(commitmentsReport(db, period));
    case 'reviews':
      return ok(reviewsReport(db, { today: selection.today, ...(period ? { period } : {}) }));
    case 'audits':
      return ok(auditsReport(db, { today: selection.today, ...(period ? { period } : {}) }));
    case 'inspections':
      return ok(inspectionsReport(db, { today: selection.today, ...(period ? { period } : {}) }));
    case 'challenges':
      return ok(challengesReport(db, period ? { period } : {}));
    case 'training':
      return ok(trainingReport(db, period!.year.label));
    case 'compliance': {
      if (selection.agencyId === undefined) return ok(complianceReport(db, period!, selection.today));
      const agency = db.agencies.find((a) => a.id === selection.agencyId);
      if (!agency) return fail('export.unknown_agency', `There is no agency "${selection.agencyId}".`);
      return ok(agencyReturnsReport(db, agency, selection.today, period));
    }
  }
}

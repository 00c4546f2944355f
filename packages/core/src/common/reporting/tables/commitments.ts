import { periodDates, periodLabel, type Period } from '../../base/dates.js';
import { commitmentLines } from '../../plan/commitments.js';
import type { BusinessPlan } from '../../plan/plan.js';
import type { Database } from '../../store/database.js';
import type { Report, Row, Table } from '../table.js';

/**
 * The plans a year's report speaks for: those (not drafts) whose period overlaps the year, in
 * the order they start; every plan when no year is given.
 */
export function plansOf(db: Database, period?: Period): BusinessPlan[] {
  const range = period ? periodDates(period, db.partnership.financialYearStart) : undefined;
  return db.plans
    .filter((plan) => range === undefined || (plan.status !== 'draft' && plan.start < range.end && plan.end >= range.start))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The "what we said / what we delivered" table: each commitment of a plan with its priority,
 * what was delivered and the actions that delivered it. Its headers read back through
 * `ptrack import commitments`, so an exported file can be edited and imported again.
 */
export function commitmentsTable(db: Database, plans: readonly BusinessPlan[], title: string): Table {
  const rows: Row[] = plans.flatMap((plan) =>
    commitmentLines(db, plan).map((line) => ({
      plan: plan.name,
      priority: line.priority,
      said: line.commitment.said,
      delivered: line.commitment.delivered,
      actions: line.commitment.actionRefs.length === 0 ? null : line.commitment.actionRefs.join('; '),
    })),
  );
  return {
    title,
    columns: [
      { key: 'plan', header: 'Plan', type: 'text' },
      { key: 'priority', header: 'Priority', type: 'text' },
      { key: 'said', header: 'What we said', type: 'text' },
      { key: 'delivered', header: 'What we delivered', type: 'text' },
      { key: 'actions', header: 'Actions', type: 'text' },
    ],
    rows,
  };
}

/** The commitments of the plans covering a year (or of every plan): what `ptrack export commitments` writes. */
export function commitmentsReport(db: Database, period?: Period): Report {
  const title = `What we said / what we delivered${period ? ` ${periodLabel(period)}` : ''}`;
  return { title, tables: [commitmentsTable(db, plansOf(db, period), title)] };
}

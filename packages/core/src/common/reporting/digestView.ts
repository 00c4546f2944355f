import { localDateOf } from '../base/dates.js';
import { roundHalfUp } from '../base/rounding.js';
import { formatPence } from '../funding/fundingTables.js';
import type { DigestAction, QuarterlyDigest } from './digest.js';
import { formatDate } from './formatCell.js';
import { REGISTER_LABELS, type RegisterName } from '../subgroups/subgroup.js';
import type { Row, Table } from './table.js';
import { engagementTableModel } from './tables/engagement.js';

/** A bar of a digest chart: a label and a percentage, or null when there is nothing to measure. */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
}

/** The digest as sections every renderer shares: sentences, tables and chart data. */
export interface DigestView {
  readonly title: string;
  readonly subtitle: string;
  readonly headline: readonly string[];
  readonly deliveryByPriority: Table;
  readonly completed: Table;
  readonly withdrawn: Table;
  readonly overdue: Table;
  readonly atRisk: Table;
  readonly engagementQuarter: Table;
  readonly engagementYear: Table;
  /** The share of expected seats filled, year to date, beside engagement. */
  readonly coverageYear: Table;
  readonly belowThreshold: Table;
  readonly meetings: Table;
  /** The registers' figures for the quarter: reviews opened and closed, and the actions they left open. */
  readonly registers: Table;
  readonly funding: Table;
  /** The returns that fell due this quarter, agency × return, as at the quarter end; absent when none did. */
  readonly returns?: Table;
  /** Each agency's attendance across the subgroups it sits on this quarter. */
  readonly engagementChart: readonly Bar[];
  readonly deliveryChart: readonly Bar[];
}

/** The digest's delivery in one sentence, with its change since last quarter: the same words on every channel. */
export function deliverySentence(digest: QuarterlyDigest): string {
  const { delivery } = digest;
  if (delivery.percent === null) return `No actions of ${digest.plan.name} count towards delivery yet.`;
  const base = `${delivery.percent}% of ${digest.plan.name} delivered (${delivery.completed} of ${delivery.counted} actions complete)`;
  if (delivery.change === null || delivery.previousPercent === null) return `${base}.`;
  if (delivery.change === 0) return `${base}, unchanged since last quarter.`;
  const direction = delivery.change > 0 ? 'up' : 'down';
  const points = Math.abs(delivery.change);
  return `${base}, ${direction} ${points} ${points === 1 ? 'point' : 'points'} from ${delivery.previousPercent}% last quarter.`;
}

const actionColumns = [
  { key: 'ref', header: 'Ref', type: 'reference' },
  { key: 'title', header: 'Action', type: 'text' },
  { key: 'owner', header: 'Owner', type: 'text' },
  { key: 'leadAgency', header: 'Lead agency', type: 'text' },
  { key: 'due', header: 'Due', type: 'date' },
  { key: 'status', header: 'Status', type: 'text' },
  { key: 'progress', header: 'Progress', type: 'percent' },
] as const;

function actionRow(action: DigestAction): Row {
  return { ref: action.ref, title: action.title, owner: action.ownerName, leadAgency: action.leadAgency, due: action.due, status: action.status, progress: action.progress };
}

type DigestReturns = NonNullable<QuarterlyDigest['returns']>;

/** The returns due this quarter in one sentence: the same words on every channel. */
export function returnsSentence(totals: DigestReturns['totals']): string {
  return `Returns due this quarter: ${totals.onTime} of ${totals.asked} on time, ${totals.late} late, ${totals.partial} partial, ${totals.missing} missing at the quarter end.`;
}

function returnsTable(returns: DigestReturns): Table {
  return {
    title: 'Returns due this quarter',
    columns: [{ key: 'agency', header: 'Agency', type: 'text' }, ...returns.returns.map((r) => ({ key: `return:${r.id}`, header: r.title, type: 'text' as const }))],
    rows: returns.agencies.map((a) => ({ agency: a.name, ...Object.fromEntries(returns.returns.map((r, i) => [`return:${r.id}`, a.statuses[i] ?? null])) })),
  };
}

/** Arranges a quarterly digest into the sentences, tables and charts that the md and html renderers print. */
export function digestView(digest: QuarterlyDigest, timeZone: string): DigestView {
  const { funding } = digest;
  const engagementChart: Bar[] = digest.engagement.quarter.rows.map((row) => {
    let attendances = 0;
    let held = 0;
    for (const cell of Object.values(row.cells)) {
      if (cell.kind === 'value') {
        attendances += cell.attendances;
        held += cell.meetingsHeld;
      }
    }
    return { label: row.label, value: held === 0 ? null : roundHalfUp(attendances, held) };
  });
  return {
    title: `Quarterly digest ${digest.periodLabel}`,
    subtitle: `${digest.partnership} · ${digest.plan.name} · prepared ${formatDate(localDateOf(digest.generatedAt, timeZone))}`,
    headline: [
      deliverySentence(digest),
      `${digest.completedThisQuarter.length} completed this quarter${digest.withdrawnThisQuarter.length > 0 ? ` and ${digest.withdrawnThisQuarter.length} withdrawn` : ''}; ${digest.overdue.length} overdue and ${digest.atRisk.length} at risk or off track at the quarter end.`,
      `Funding ${funding.year}: ${formatPence(funding.receivedPence)} received and ${formatPence(funding.pledgedPence)} pledged; income ${formatPence(funding.incomeTotalPence)} against spending of ${formatPence(funding.expenditureTotalPence)}.`,
      ...(digest.returns ? [returnsSentence(digest.returns.totals)] : []),
    ],
    ...(digest.returns ? { returns: returnsTable(digest.returns) } : {}),
    deliveryByPriority: {
      title: 'Delivery by priority',
      columns: [
        { key: 'priority', header: 'Priority', type: 'text' },
        { key: 'completed', header: 'Complete', type: 'integer' },
        { key: 'counted', header: 'Actions', type: 'integer' },
        { key: 'percent', header: 'Delivered', type: 'percent' },
      ],
      rows: digest.deliveryByPriority.map((p) => ({ priority: p.title, completed: p.completed, counted: p.counted, percent: p.percent ?? 'n/a' })),
    },
    completed: {
      title: 'Completed this quarter',
      columns: [
        { key: 'ref', header: 'Ref', type: 'reference' },
        { key: 'title', header: 'Action', type: 'text' },
        { key: 'owner', header: 'Owner', type: 'text' },
        { key: 'completedOn', header: 'Completed', type: 'date' },
      ],
      rows: digest.completedThisQuarter.map((a) => ({ ref: a.ref, title: a.title, owner: a.ownerName, completedOn: a.completedOn })),
    },
    withdrawn: {
      title: 'Withdrawn this quarter',
      columns: [
        { key: 'ref', header: 'Ref', type: 'reference' },
        { key: 'title', header: 'Action', type: 'text' },
        { key: 'owner', header: 'Owner', type: 'text' },
        { key: 'withdrawnOn', header: 'Withdrawn', type: 'date' },
        { key: 'by', header: 'By', type: 'text' },
        { key: 'reason', header: 'Reason', type: 'text' },
      ],
      rows: digest.withdrawnThisQuarter.map((a) => ({ ref: a.ref, title: a.title, owner: a.ownerName, withdrawnOn: a.withdrawnOn, by: a.byName, reason: a.reason })),
    },
    overdue: {
      title: 'Overdue at the quarter end',
      columns: [...actionColumns, { key: 'daysOverdue', header: 'Days overdue', type: 'integer' }],
      rows: digest.overdue.map((a) => ({ ...actionRow(a), daysOverdue: a.daysOverdue })),
    },
    atRisk: {
      title: 'At risk or off track',
      columns: actionColumns,
      rows: digest.atRisk.map(actionRow),
    },
    engagementQuarter: engagementTableModel(digest.engagement.quarter, `Engagement ${digest.engagement.quarter.periodLabel}`),
    engagementYear: engagementTableModel(digest.engagement.yearToDate, `Engagement ${digest.engagement.yearToDate.periodLabel}`),
    coverageYear: engagementTableModel(digest.engagement.yearToDate, `Seat coverage ${digest.engagement.yearToDate.periodLabel}`, 'seatCoverage'),
    belowThreshold: {
      title: 'Below the engagement threshold this quarter',
      columns: [
        { key: 'agency', header: 'Agency', type: 'text' },
        { key: 'subgroup', header: 'Group', type: 'text' },
        { key: 'percent', header: 'Attendance', type: 'percent' },
      ],
      rows: digest.belowThreshold.map((b) => ({ agency: b.label, subgroup: b.subgroupName, percent: b.percent })),
    },
    meetings: {
      title: 'Meetings this quarter',
      columns: [
        { key: 'name', header: 'Group', type: 'text' },
        { key: 'planned', header: 'Planned', type: 'integer' },
        { key: 'held', header: 'Held', type: 'integer' },
        { key: 'cancelled', header: 'Cancelled', type: 'integer' },
        { key: 'quorate', header: 'Quorate', type: 'integer' },
      ],
      rows: digest.meetings.map((m) => ({ name: m.name, planned: m.planned, held: m.held, cancelled: m.cancelled, quorate: m.quorate })),
    },
    registers: {
      title: 'Registers this quarter',
      columns: [
        { key: 'register', header: 'Register', type: 'text' },
        { key: 'measure', header: 'Measure', type: 'text' },
        { key: 'count', header: 'Number', type: 'integer' },
      ],
      rows: digest.registers.map((line) => ({ register: REGISTER_LABELS[line.register as RegisterName] ?? line.register, measure: line.measure, count: line.count })),
    },
    funding: {
      title: `Funding ${funding.year}`,
      columns: [
        { key: 'label', header: 'Measure', type: 'text' },
        { key: 'amount', header: 'Amount', type: 'pence' },
      ],
      rows: [
        { label: 'Income received', amount: funding.receivedPence },
        { label: 'Income pledged', amount: funding.pledgedPence },
        { label: 'Income in total', amount: funding.incomeTotalPence },
        { label: 'Expenditure', amount: funding.expenditureTotalPence },
      ],
      total: { label: 'Balance', amount: funding.incomeTotalPence - funding.expenditureTotalPence },
    },
    engagementChart,
    deliveryChart: digest.deliveryByPriority.map((p) => ({ label: p.title, value: p.percent })),
  };
}

import { z } from 'zod';
import { addDays, daysBetween, localDateOf, periodDates, periodInstants, periodLabel, previousPeriod, type Period } from '../base/dates.js';
import { fail, ok, type Result } from '../base/result.js';
import { Instant, LocalDate } from '../base/time.js';
import { cellsBelowThreshold, EngagementTable, engagementTable, engagementTableForRange, meetingsSummary } from '../engagement/engagement.js';
import { fundingSummary } from '../funding/fundingTables.js';
import { actionStateAt, deliveryByPriority, deliveryPercent, isOpen, planCovering } from '../plan/delivery.js';
import { ActionStatus, type Action, type ActionUpdate } from '../plan/plan.js';
import { registerDigestLines } from '../registers/registerDigest.js';
import { complianceLabel, returnsDueWithin } from '../returns/compliance.js';
import type { Database } from '../store/database.js';

const Percent = z.number().int().nullable();

/** An action as the digest lists it, with its status and progress as at the quarter end. */
export const DigestAction = z.object({
  ref: z.string(),
  title: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** The lead agencies' names, separated by `; `. */
  leadAgency: z.string().nullable(),
  due: LocalDate,
  status: ActionStatus,
  progress: z.number().int(),
});
export type DigestAction = z.infer<typeof DigestAction>;

/** The quarterly report to the Executive, as data: renderers for chat, e-mail and print read this. */
export const QuarterlyDigest = z.object({
  partnership: z.string(),
  periodLabel: z.string(),
  generatedAt: Instant,
  plan: z.object({ id: z.string(), name: z.string() }),
  delivery: z.object({
    percent: Percent,
    completed: z.number().int(),
    counted: z.number().int(),
    /** Delivery at the end of the previous quarter. */
    previousPercent: Percent,
    /** Percentage points since the previous quarter; null when either figure is. */
    change: Percent,
  }),
  deliveryByPriority: z.array(
    z.object({ priorityId: z.string().nullable(), title: z.string(), completed: z.number().int(), counted: z.number().int(), percent: Percent }),
  ),
  completedThisQuarter: z.array(z.object({ ref: z.string(), title: z.string(), ownerName: z.string().nullable(), completedOn: LocalDate })),
  /** Actions withdrawn in the quarter (and still withdrawn at its end): they left the delivery figure. */
  withdrawnThisQuarter: z.array(
    z.object({ ref: z.string(), title: z.string(), ownerName: z.string().nullable(), withdrawnOn: LocalDate, byName: z.string(), reason: z.string().nullable() }),
  ),
  overdue: z.array(DigestAction.extend({ daysOverdue: z.number().int().positive() })),
  /** Open actions at risk or off track at the quarter end (an overdue one may appear in both lists). */
  atRisk: z.array(DigestAction),
  engagement: z.object({ quarter: EngagementTable, yearToDate: EngagementTable }),
  belowThreshold: z.array(
    z.object({ agencyId: z.string(), label: z.string(), subgroupId: z.string(), subgroupName: z.string(), percent: z.number().int() }),
  ),
  meetings: z.array(
    z.object({
      subgroupId: z.string(),
      name: z.string(),
      planned: z.number().int(),
      held: z.number().int(),
      cancelled: z.number().int(),
      quorate: z.number().int(),
    }),
  ),
  /** What the registers recorded this quarter (reviews opened and closed, the actions they left open); empty where none are kept. */
  registers: z.array(z.object({ register: z.string(), measure: z.string(), count: z.number().int() })).default([]),
  funding: z.object({
    year: z.string(),
    receivedPence: z.number().int(),
    pledgedPence: z.number().int(),
    incomeTotalPence: z.number().int(),
    expenditureTotalPence: z.number().int(),
  }),
  /**
   * The returns that fell due this quarter and where each agency stood with them at the quarter
   * end (its label: On time, Late n days, Partial, Missing, or "—" not asked). Left out when none
   * fell due, so a partnership that keeps no returns has the digest it had.
   */
  returns: z
    .object({
      returns: z.array(z.object({ id: z.string(), title: z.string(), dueOn: LocalDate })),
      agencies: z.array(z.object({ agencyId: z.string(), name: z.string(), statuses: z.array(z.string()) })),
      totals: z.object({ asked: z.number().int(), onTime: z.number().int(), late: z.number().int(), partial: z.number().int(), missing: z.number().int() }),
    })
    .optional(),
});
export type QuarterlyDigest = z.infer<typeof QuarterlyDigest>;

/**
 * Gathers the quarterly digest: plan delivery against last quarter, completed, overdue and
 * at-risk actions, engagement for the quarter and year to date, meetings and funding.
 * Everything "as at the quarter end" is taken at the last millisecond of the quarter in the
 * partnership's time zone.
 */
export function quarterlyDigest(db: Database, options: { quarter: Period; now: string; planId?: string }): Result<QuarterlyDigest> {
  const { quarter, now } = options;
  if (quarter.kind !== 'quarter') {
    return fail('digest.not_quarter', `The quarterly digest needs a quarter such as 2024/25 Q4, not the whole year ${periodLabel(quarter)}.`);
  }
  if (!Instant.safeParse(now).success) return fail('digest.bad_now', `"${now}" is not an instant such as 2025-04-01T09:00:00Z.`);

  const { timeZone, financialYearStart: yearStart, engagementThreshold } = db.partnership;
  const dates = periodDates(quarter, yearStart);
  const lastDay = addDays(dates.end, -1);
  const asAt = lastInstantOf(quarter, db);
  const previousAsAt = lastInstantOf(previousPeriod(quarter), db);
  const quarterStart = periodInstants(quarter, timeZone, yearStart).start.getTime();

  const plan = options.planId === undefined ? planCovering(db, lastDay) : db.plans.find((p) => p.id === options.planId);
  if (!plan) {
    return options.planId === undefined
      ? fail('digest.no_plan', `No business plan covers ${periodLabel(quarter)}; add one, or name the plan to report on.`)
      : fail('plan.not_found', `There is no plan "${options.planId}".`);
  }
  const actions = db.actions.filter((a) => a.planId === plan.id);

  const delivery = deliveryPercent(actions, asAt);
  const previous = deliveryPercent(actions, previousAsAt);
  const change = delivery.percent === null || previous.percent === null ? null : delivery.percent - previous.percent;

  const completedThisQuarter = actions
    .flatMap((action) => {
      const at = completionWithin(action, quarterStart, Date.parse(asAt));
      return at === null ? [] : [{ ref: action.ref, title: action.title, ownerName: nameOf(db, action.ownerId), completedOn: localDateOf(at, timeZone) }];
    })
    .sort((a, b) => (a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : 0));

  const withdrawnThisQuarter = actions
    .flatMap((action) => {
      const entry = turnedWithin(action, 'withdrawn', quarterStart, Date.parse(asAt));
      if (entry === null) return [];
      return [
        {
          ref: action.ref,
          title: action.title,
          ownerName: nameOf(db, action.ownerId),
          withdrawnOn: localDateOf(entry.at, timeZone),
          byName: nameOf(db, entry.byId) ?? entry.byId,
          reason: entry.note,
        },
      ];
    })
    .sort((a, b) => (a.withdrawnOn < b.withdrawnOn ? -1 : a.withdrawnOn > b.withdrawnOn ? 1 : 0));

  const atQuarterEnd = actions.flatMap((action) => {
    const state = actionStateAt(action, asAt);
    return state === null || !isOpen(state) ? [] : [{ action, item: digestAction(db, action, state) }];
  });
  const overdue = atQuarterEnd
    .filter(({ action }) => action.due < dates.end)
    .map(({ item }) => ({ ...item, daysOverdue: daysBetween(item.due, dates.end) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue);
  const atRisk = atQuarterEnd.filter(({ item }) => item.status === 'at-risk' || item.status === 'off-track').map(({ item }) => item);

  const quarterTable = engagementTable(db, { period: quarter });
  const yearStartDate = periodDates({ kind: 'year', year: quarter.year }, yearStart).start;
  const yearToDate = engagementTableForRange(db, {
    range: { start: yearStartDate, end: dates.end },
    label: quarter.quarter === 1 ? periodLabel(quarter) : `${quarter.year.label} Q1–Q${quarter.quarter}`,
  });
  const belowThreshold = cellsBelowThreshold(quarterTable, engagementThreshold).map((b) => ({
    agencyId: b.agencyId,
    label: b.label,
    subgroupId: b.column.subgroupId,
    subgroupName: b.column.name,
    percent: b.percent,
  }));

  const funding = fundingSummary(db, quarter.year.label);
  const due = returnsDueWithin(db, dates, periodLabel(quarter), lastDay);
  const returns =
    due.returns.length === 0
      ? {}
      : {
          returns: {
            returns: due.returns.map((r) => ({ id: r.id, title: r.title, dueOn: r.dueOn })),
            agencies: due.rows.map((row) => ({ agencyId: row.agency.id, name: row.agency.name, statuses: due.returns.map((r) => complianceLabel(row.statuses.get(r.id)!)) })),
            totals: { asked: due.totals.asked, onTime: due.totals.onTime, late: due.totals.late, partial: due.totals.partial, missing: due.totals.missing },
          },
        };
  return ok({
    partnership: db.partnership.name,
    periodLabel: periodLabel(quarter),
    generatedAt: now,
    plan: { id: plan.id, name: plan.name },
    delivery: { ...delivery, previousPercent: previous.percent, change },
    deliveryByPriority: deliveryByPriority(db, plan.id, asAt),
    completedThisQuarter,
    withdrawnThisQuarter,
    overdue,
    atRisk,
    engagement: { quarter: quarterTable, yearToDate },
    belowThreshold,
    meetings: meetingsSummary(db, { period: quarter }),
    registers: registerDigestLines(db, { range: dates, lastDay, asAt }),
    funding: {
      year: quarter.year.label,
      receivedPence: funding.receivedPence,
      pledgedPence: funding.pledgedPence,
      incomeTotalPence: funding.income.totalPence,
      expenditureTotalPence: funding.expenditure.totalPence,
    },
    ...returns,
  });
}

/** The last millisecond of a period in the partnership's time zone, as an ISO instant. */
function lastInstantOf(period: Period, db: Database): string {
  const { end } = periodInstants(period, db.partnership.timeZone, db.partnership.financialYearStart);
  return new Date(end.getTime() - 1).toISOString();
}

/** When an action last turned complete within [from, to], if it did and stayed so at `to`. */
function completionWithin(action: Action, from: number, to: number): string | null {
  return turnedWithin(action, 'complete', from, to)?.at ?? null;
}

/** The history entry by which an action last turned to `status` within [from, to], if it did and stayed so at `to`. */
function turnedWithin(action: Action, status: ActionStatus, from: number, to: number): ActionUpdate | null {
  let turned: ActionUpdate | null = null;
  let was = false;
  for (const entry of action.history) {
    const at = Date.parse(entry.at);
    if (at > to) break;
    const is = entry.status === status;
    if (is && !was && at >= from) turned = entry;
    if (!is) turned = null;
    was = is;
  }
  return was ? turned : null;
}

function digestAction(db: Database, action: Action, state: { status: ActionStatus; progress: number }): DigestAction {
  return {
    ref: action.ref,
    title: action.title,
    ownerId: action.ownerId,
    ownerName: nameOf(db, action.ownerId),
    leadAgency: action.leadAgencyIds.map((id) => db.agencies.find((a) => a.id === id)?.name ?? id).join('; ') || null,
    due: action.due,
    status: state.status,
    progress: state.progress,
  };
}

function nameOf(db: Database, personId: string | null): string | null {
  return personId === null ? null : (db.people.find((p) => p.id === personId)?.name ?? null);
}

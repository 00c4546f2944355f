import { isInRange, type DateRange } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { actionStateAt, isOpen } from '../plan/delivery.js';
import { isClosedBy, stageOf } from '../challenges/challenge.js';
import { statementTimeliness } from '../inspections/inspectionTables.js';
import { timelinessOf } from '../reviews/reviewTables.js';
import type { Database } from '../store/database.js';
import type { RegisterName } from '../subgroups/subgroup.js';
import { registerOfSource } from './sourceLink.js';

/** One figure a register gives the quarterly digest: "Reviews opened: 2". */
export interface RegisterDigestLine {
  readonly register: RegisterName;
  readonly measure: string;
  readonly count: number;
}

/** The quarter the digest covers: its dates, its last day and the instant figures are taken at. */
export interface DigestQuarter {
  readonly range: DateRange;
  readonly lastDay: LocalDate;
  readonly asAt: string;
}

const within = (date: LocalDate | null, range: DateRange) => date !== null && isInRange(date, range);

/** A register's actions open at the quarter's end, and how many of them were past due then. */
function openActions(db: Database, register: RegisterName, quarter: DigestQuarter): { open: number; overdue: number } {
  let open = 0;
  let overdue = 0;
  for (const action of db.actions) {
    if (registerOfSource(action.source) !== register) continue;
    const state = actionStateAt(action, quarter.asAt);
    if (state === null || !isOpen(state)) continue;
    open += 1;
    if (action.due <= quarter.lastDay) overdue += 1;
  }
  return { open, overdue };
}

function reviewLines(db: Database, quarter: DigestQuarter): RegisterDigestLine[] {
  const reviews = db.reviews.filter((r) => r.type !== 'learning-briefing');
  if (db.reviews.length === 0) return [];
  const actions = openActions(db, 'reviews', quarter);
  const line = (measure: string, count: number): RegisterDigestLine => ({ register: 'reviews', measure, count });
  return [
    line('Reviews opened (notified)', reviews.filter((r) => within(r.notifiedOn, quarter.range)).length),
    line('Reviews completed', reviews.filter((r) => within(r.completedOn, quarter.range)).length),
    line('Reviews and briefings published', db.reviews.filter((r) => within(r.publishedOn, quarter.range)).length),
    line('Reviews behind their timescale at the quarter end', reviews.filter((r) => timelinessOf(db, r, quarter.lastDay).state === 'overdue').length),
    line('Recommendation actions open at the quarter end', actions.open),
    line('Recommendation actions overdue at the quarter end', actions.overdue),
  ];
}

function auditLines(db: Database, quarter: DigestQuarter): RegisterDigestLine[] {
  if (db.audits.length === 0) return [];
  const planned = db.audits.filter((a) => within(`${a.plannedMonth}-01`, quarter.range));
  const actions = openActions(db, 'audits', quarter);
  const line = (measure: string, count: number): RegisterDigestLine => ({ register: 'audits', measure, count });
  return [
    line('Audits planned for the quarter', planned.length),
    line('Of those, signed off at the QAG', planned.filter((a) => a.signedOffOn !== null && a.signedOffOn <= quarter.lastDay && a.cancelledReason === null).length),
    line('Audits signed off in the quarter', db.audits.filter((a) => within(a.signedOffOn, quarter.range)).length),
    line('Action-plan actions open at the quarter end', actions.open),
    line('Action-plan actions overdue at the quarter end', actions.overdue),
  ];
}

function inspectionLines(db: Database, quarter: DigestQuarter): RegisterDigestLine[] {
  if (db.inspections.length === 0) return [];
  const actions = openActions(db, 'inspections', quarter);
  const line = (measure: string, count: number): RegisterDigestLine => ({ register: 'inspections', measure, count });
  return [
    line('Written statements of action overdue at the quarter end', db.inspections.filter((i) => statementTimeliness(i, quarter.lastDay).state === 'overdue').length),
    line('Inspection actions open at the quarter end', actions.open),
    line('Inspection actions overdue at the quarter end', actions.overdue),
  ];
}

function challengeLines(db: Database, quarter: DigestQuarter): RegisterDigestLine[] {
  if (db.challenges.length === 0) return [];
  const open = db.challenges.filter((c) => c.raisedOn <= quarter.lastDay && !isClosedBy(c, quarter.lastDay));
  const line = (measure: string, count: number): RegisterDigestLine => ({ register: 'challenge', measure, count });
  return [
    line('Challenges raised in the quarter', db.challenges.filter((c) => within(c.raisedOn, quarter.range)).length),
    line('Challenges closed in the quarter', db.challenges.filter((c) => within(c.closedOn, quarter.range)).length),
    line('Challenges open at the quarter end', open.length),
    line('Of those, escalated to stage 2 or 3', open.filter((c) => stageOf(c, quarter.lastDay) > 1).length),
  ];
}

/**
 * What the registers recorded in a quarter, for the Executive's digest: reviews opened and
 * closed, audits completed against planned, inspection actions overdue, the challenge
 * still open, and the actions they left open (the
 * agencies' returns have a section of their own). A register the partnership does not keep adds nothing.
 */
export function registerDigestLines(db: Database, quarter: DigestQuarter): RegisterDigestLine[] {
  return [...reviewLines(db, quarter), ...auditLines(db, quarter), ...inspectionLines(db, quarter), ...challengeLines(db, quarter)];
}

import { auditStage } from '../audits/audit.js';
import { monthLabel } from '../audits/auditTables.js';
import type { LocalDate } from '../base/time.js';
import { isOpen } from '../plan/delivery.js';
import { formatDate } from '../reporting/formatCell.js';
import type { Action, ActionSource } from '../plan/plan.js';
import { timelinessOf } from '../reviews/reviewTables.js';
import type { Database } from '../store/database.js';
import type { RegisterName } from '../subgroups/subgroup.js';
import { registerOfSource } from './sourceLink.js';

/** An open action a register's record produced, as its chair chases it. */
export interface RegisterWorkItem {
  readonly ref: string;
  readonly title: string;
  readonly ownerId: string | null;
  readonly ownerName: string;
  readonly due: LocalDate;
  readonly status: Action['status'];
  readonly progress: number;
  readonly overdue: boolean;
  /** The record and item it answers, as people name it: "Baby Eva, recommendation 2". */
  readonly answers: string;
}

/** A record of the register that is behind its timescale, and why. */
export interface LateRecord {
  readonly record: string;
  readonly why: string;
}

/** What a register's chair has to chase today: its records' open actions by owner, and what is late. */
export interface RegisterWork {
  readonly register: RegisterName;
  readonly today: LocalDate;
  /** Open actions, grouped by owner (owners by name, nobody last), soonest due first within each. */
  readonly byOwner: ReadonlyArray<{ readonly ownerName: string; readonly items: readonly RegisterWorkItem[] }>;
  readonly openCount: number;
  readonly overdueCount: number;
  readonly late: readonly LateRecord[];
}

const NO_OWNER = 'No owner yet';

function answers(db: Database, source: ActionSource): string {
  if (source.kind === 'audit') {
    const audit = db.audits.find((a) => a.id === source.recordId);
    if (audit) return source.item === undefined ? audit.title : `${audit.title}, action-plan item ${source.item}`;
  }
  if (source.kind === 'review-recommendation') {
    const review = db.reviews.find((r) => r.id === source.recordId);
    if (review) return source.item === undefined ? review.codename : `${review.codename}, recommendation ${source.item}`;
  }
  return source.reference ?? source.recordId ?? source.kind;
}

/** The register's records that are behind their timescale today, with the register's reason. */
function lateRecords(db: Database, register: RegisterName, today: LocalDate): LateRecord[] {
  if (register === 'audits') {
    // An audit is late once its planned month is over and the QAG has not signed it off.
    const thisMonth = today.slice(0, 7);
    return db.audits
      .filter((audit) => audit.plannedMonth < thisMonth && auditStage(audit) !== 'completed' && auditStage(audit) !== 'cancelled')
      .map((audit) => ({ record: audit.title, why: `planned for ${monthLabel(audit.plannedMonth)}, not yet signed off at the QAG${audit.moderatedOn === null ? ' (not moderated)' : ''}` }));
  }
  if (register !== 'reviews') return [];
  return db.reviews.flatMap((review) => {
    const timeliness = timelinessOf(db, review, today);
    if (timeliness.state !== 'overdue') return [];
    const past = `${timeliness.daysLate} ${timeliness.unit} past its due date (${formatDate(timeliness.due!)})`;
    return [{ record: review.codename, why: timeliness.explanation === null ? past : `${past}: ${timeliness.explanation}` }];
  });
}

/**
 * What a register's chair chases: the open actions its records produced (a review's
 * recommendations, an audit's action plan), by owner, with those past due; and its records that
 * are behind their timescale.
 */
export function registerWork(db: Database, register: RegisterName, today: LocalDate): RegisterWork {
  const names = new Map(db.people.map((p) => [p.id, p.name] as const));
  const items: RegisterWorkItem[] = db.actions
    .filter((action) => isOpen(action) && registerOfSource(action.source) === register)
    .map((action) => ({
      ref: action.ref,
      title: action.title,
      ownerId: action.ownerId,
      ownerName: action.ownerId === null ? NO_OWNER : (names.get(action.ownerId) ?? action.ownerId),
      due: action.due,
      status: action.status,
      progress: action.progress,
      overdue: action.due < today,
      answers: answers(db, action.source),
    }));
  const owners = new Map<string, RegisterWorkItem[]>();
  for (const item of items) owners.set(item.ownerName, [...(owners.get(item.ownerName) ?? []), item]);
  const byOwner = [...owners.entries()]
    .sort(([a], [b]) => (a === NO_OWNER ? 1 : b === NO_OWNER ? -1 : a.localeCompare(b, 'en')))
    .map(([ownerName, list]) => ({ ownerName, items: [...list].sort((a, b) => a.due.localeCompare(b.due) || a.ref.localeCompare(b.ref, 'en', { numeric: true })) }));
  return { register, today, byOwner, openCount: items.length, overdueCount: items.filter((i) => i.overdue).length, late: lateRecords(db, register, today) };
}

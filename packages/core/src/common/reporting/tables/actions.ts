import { isInRange, localDateOf, periodDates, periodLabel, type Period } from '../../base/dates.js';
import { ragOf } from '../../plan/delivery.js';
import type { Database } from '../../store/database.js';
import type { Report, Row } from '../table.js';

/** Which actions to export. */
export interface ActionFilter {
  /** Only actions due in this period. */
  readonly period?: Period;
  /** The day the RAG rating is judged on. */
  readonly today: string;
}

/** The business plans' actions: owner, due date, status, RAG, progress and the latest update. */
export function actionsReport(db: Database, filter: ActionFilter): Report {
  const range = filter.period ? periodDates(filter.period, db.partnership.financialYearStart) : undefined;
  const people = new Map(db.people.map((p) => [p.id, p] as const));
  const agencies = new Map(db.agencies.map((a) => [a.id, a] as const));
  const plans = new Map(db.plans.map((p) => [p.id, p] as const));
  const rows: Row[] = db.actions
    .filter((a) => range === undefined || isInRange(a.due, range))
    .sort((a, b) => (a.planId === b.planId ? a.ref.localeCompare(b.ref, 'en', { numeric: true }) : (plans.get(a.planId)?.start ?? '').localeCompare(plans.get(b.planId)?.start ?? '')))
    .map((action) => {
      const plan = plans.get(action.planId);
      const last = action.history.at(-1)!;
      return {
        ref: action.ref,
        plan: plan?.name ?? action.planId,
        priority: plan?.priorities.find((p) => p.id === action.priorityId)?.title ?? null,
        title: action.title,
        owner: action.ownerId === null ? null : (people.get(action.ownerId)?.name ?? action.ownerId),
        leadAgency: action.leadAgencyIds.map((id) => agencies.get(id)?.name ?? id).join('; ') || null,
        due: action.due,
        status: action.status,
        rag: ragOf(action, filter.today),
        progress: action.progress,
        lastUpdate: localDateOf(last.at, db.partnership.timeZone),
        lastNote: last.note,
      };
    });
  const title = `Actions${filter.period ? ` due ${periodLabel(filter.period)}` : ''} (RAG as at ${filter.today})`;
  return {
    title,
    tables: [
      {
        title,
        columns: [
          { key: 'ref', header: 'Ref', type: 'reference' },
          { key: 'plan', header: 'Plan', type: 'text' },
          { key: 'priority', header: 'Priority', type: 'text' },
          { key: 'title', header: 'Action', type: 'text' },
          { key: 'owner', header: 'Owner', type: 'text' },
          { key: 'leadAgency', header: 'Lead agency', type: 'text' },
          { key: 'due', header: 'Due', type: 'date' },
          { key: 'status', header: 'Status', type: 'text' },
          { key: 'rag', header: 'RAG', type: 'text' },
          { key: 'progress', header: 'Progress', type: 'percent' },
          { key: 'lastUpdate', header: 'Last update', type: 'date' },
          { key: 'lastNote', header: 'Last note', type: 'text' },
        ],
        rows,
      },
    ],
  };
}

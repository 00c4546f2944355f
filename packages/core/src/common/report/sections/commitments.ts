import { actionStateAt } from '../../plan/delivery.js';
import { carriedOverActions } from '../../plan/commitments.js';
import { ACTION_STATUS_LABELS } from '../../plan/plan.js';
import { formatDate } from '../../reporting/formatCell.js';
import type { Table } from '../../reporting/table.js';
import { commitmentsTable } from '../../reporting/tables/commitments.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';
import { planActions } from './delivery.js';


/** An action's progress under this, at the year's end, is "little or no progress". */
export const LITTLE_PROGRESS_PERCENT = 50;

function commitmentBlocks(context: ReportContext): ReportBlock[] | null {
  const { plan, db } = context;
  if (!plan || plan.commitments.length === 0) return null;
  // ptrack export commitments' table, without the plan column (the section names the plan) and
  // without the priority and actions columns when no commitment is linked to any.
  const full = commitmentsTable(db, [plan], `What we said / what we delivered: ${plan.name}`);
  const used = (key: string) => key === 'said' || key === 'delivered' || full.rows.some((row) => row[key] !== null && row[key] !== undefined);
  const table: Table = { ...full, columns: full.columns.filter((c) => c.key !== 'plan' && used(c.key)), rows: full.rows.map((row) => ({ ...row, delivered: row.delivered ?? 'Not yet reported' })) };
  return [{ kind: 'table', table }];
}

/** What we said / what we delivered: the plan's commitments. */
export const commitmentsSection: DataSection = {
  kind: 'data',
  id: 'what-we-said',
  title: 'What we said / what we delivered',
  build: commitmentBlocks,
  noData: (context) => `${context.plan ? context.plan.name : 'The plan'} has no commitments recorded (ptrack import commitments).`,
};

function progressBlocks(context: ReportContext): ReportBlock[] | null {
  const { plan, db, at } = context;
  const actions = planActions(context);
  if (!plan || actions.length === 0) return null;
  const asAt = formatDate(context.asAt);
  const priorities = new Map(plan.priorities.map((p) => [p.id, p.title] as const));
  const stalled = actions.flatMap((action) => {
    const state = actionStateAt(action, at)!;
    if (state.status === 'complete' || state.status === 'withdrawn') return [];
    if (state.progress >= LITTLE_PROGRESS_PERCENT && state.status !== 'off-track') return [];
    return [{ ref: action.ref, title: action.title, priority: action.priorityId === null ? null : (priorities.get(action.priorityId) ?? null), progress: state.progress, status: ACTION_STATUS_LABELS[state.status] }];
  });
  stalled.sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const carried = carriedOverActions(db, plan.id);
  const out: ReportBlock[] = [];
  if (stalled.length === 0) out.push({ kind: 'paragraph', text: `Every unfinished action of ${plan.name} was at least ${LITTLE_PROGRESS_PERCENT}% done and not off track at ${asAt}.` });
  else {
    out.push({ kind: 'paragraph', text: `${stalled.length} ${stalled.length === 1 ? 'action' : 'actions'} of ${plan.name} had made little or no progress at ${asAt}: under ${LITTLE_PROGRESS_PERCENT}% done, or off track.` });
    out.push({
      kind: 'table',
      table: {
        title: `Little or no progress at ${asAt}`,
        columns: [
          { key: 'ref', header: 'Ref', type: 'reference' },
          { key: 'title', header: 'Action', type: 'text' },
          { key: 'priority', header: 'Priority', type: 'text' },
          { key: 'status', header: 'Status', type: 'text' },
          { key: 'progress', header: 'Progress', type: 'percent' },
        ],
        rows: stalled,
      },
    });
  }
  if (carried.length === 0) out.push({ kind: 'paragraph', text: `No action of ${plan.name} has been carried over to another plan.` });
  else {
    const into = [...new Set(carried.map((c) => c.successorPlan?.name ?? c.successor.planId))].join(' and ');
    out.push({ kind: 'paragraph', text: `${carried.length} unfinished ${carried.length === 1 ? 'action was' : 'actions were'} carried over to ${into}.` });
    out.push({
      kind: 'table',
      table: {
        title: `Carried over to ${into}`,
        columns: [
          { key: 'ref', header: 'Ref', type: 'reference' },
          { key: 'title', header: 'Action', type: 'text' },
          { key: 'progress', header: `Progress at ${asAt}`, type: 'percent' },
          { key: 'successor', header: 'Carried over as', type: 'reference' },
          { key: 'priority', header: 'Priority in the new plan', type: 'text' },
        ],
        rows: carried.map((c) => ({
          ref: c.original.ref,
          title: c.original.title,
          progress: actionStateAt(c.original, at)?.progress ?? null,
          successor: c.successor.ref,
          priority: c.successor.priorityId === null ? null : (c.successorPlan?.priorities.find((p) => p.id === c.successor.priorityId)?.title ?? null),
        })),
      },
    });
  }
  return out;
}

/** Areas of little or no progress, and what was carried over to the next plan (from the carry-over's links). */
export const progressSection: DataSection = {
  kind: 'data',
  id: 'little-progress',
  title: 'Little or no progress, and what was carried over',
  build: progressBlocks,
  noData: (context) => (context.plan ? `${context.plan.name} has no actions yet (ptrack import actions).` : `No business plan covers ${context.period.year.label}.`),
};

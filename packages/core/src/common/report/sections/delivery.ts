import { formatDate } from '../../reporting/formatCell.js';
import { actionStateAt, deliveryByPriority, deliveryPercent } from '../../plan/delivery.js';
import type { Action } from '../../plan/plan.js';
import type { Table } from '../../reporting/table.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';
import { chartOf } from './charts.js';

/** The year's plan's actions that existed at the report's moment. */
export function planActions(context: ReportContext): Action[] {
  const { plan, db, at } = context;
  if (!plan) return [];
  return db.actions.filter((a) => a.planId === plan.id && actionStateAt(a, at) !== null);
}

function blocks(context: ReportContext): ReportBlock[] | null {
  const { plan, db, at } = context;
  const actions = planActions(context);
  if (!plan || actions.length === 0) return null;
  const overall = deliveryPercent(actions, at);
  const byPriority = deliveryByPriority(db, plan.id, at);
  const asAt = formatDate(context.asAt);
  const sentence =
    overall.percent === null
      ? `No action of ${plan.name} counted towards delivery at ${asAt}.`
      : `${overall.percent}% of ${plan.name} was delivered at ${asAt}: ${overall.completed} of its ${overall.counted} actions were complete (withdrawn actions are not counted).`;
  const table: Table = {
    title: `Delivery of ${plan.name} by priority, at ${asAt}`,
    columns: [
      { key: 'priority', header: 'Priority', type: 'text' },
      { key: 'completed', header: 'Complete', type: 'integer' },
      { key: 'counted', header: 'Actions', type: 'integer' },
      { key: 'percent', header: 'Delivered', type: 'percent' },
    ],
    rows: byPriority.map((p) => ({ priority: p.title, completed: p.completed, counted: p.counted, percent: p.percent ?? 'n/a' })),
    total: { priority: 'Overall', completed: overall.completed, counted: overall.counted, percent: overall.percent ?? 'n/a' },
  };
  return [
    { kind: 'paragraph', text: sentence },
    { kind: 'table', table },
    { kind: 'chart', chart: chartOf(`Delivery of ${plan.name} by priority (% of actions complete)`, byPriority.map((p) => ({ label: p.title, value: p.percent }))) },
  ];
}

/** Business-plan delivery, overall and by priority, as at the year's end. */
export const deliverySection: DataSection = {
  kind: 'data',
  id: 'delivery',
  title: 'Business plan delivery',
  build: blocks,
  noData: (context) => (context.plan ? `${context.plan.name} has no actions yet (ptrack import actions).` : `No business plan covers ${context.period.year.label} (ptrack import plans, actions).`),
};

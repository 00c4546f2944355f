import type { ActionSource, BusinessPlan, CommandInput, Database } from '@partnership-tracker/core';
import type { ColumnSpec } from '../../csv/index.js';
import type { RowReader } from '../rowReader.js';

/**
 * The columns with which a register's row names the action answering its item: the plan, the
 * action's own title (by default `item`), its owner, lead agencies (by default `leadDefault`) and
 * due day, each read only when the row gives an action reference.
 */
export function linkedActionColumns(item: string, leadDefault?: string): ColumnSpec[] {
  return [
    { name: 'plan', required: false, description: 'With an action: the plan it is tracked in, by name.' },
    { name: 'action_title', required: false, description: `With an action: what is to be done (default: ${item}).` },
    { name: 'owner', required: false, description: "With an action: its owner's email address." },
    { name: 'lead_agency', required: false, description: `With an action: the agencies leading it, separated by \`;\`${leadDefault === undefined ? '' : ` (default: ${leadDefault})`}.` },
    { name: 'due', required: false, description: 'With an action: the day it is due.' },
  ];
}

/** What a register's import row says of the ordinary action that answers one of its items. */
export interface LinkedActionRow {
  readonly ref: string;
  readonly plan: BusinessPlan;
  readonly due: string;
  /** The action's own title; by default the item's text (or what the action already has). */
  readonly title: string | null;
  readonly itemText: string;
  readonly ownerId: string | null;
  /** The row's lead agencies; null keeps what the action has, or `defaultLeadAgencyIds`. */
  readonly leadAgencyIds: readonly string[] | null;
  readonly defaultLeadAgencyIds?: readonly string[];
  readonly source: ActionSource;
  readonly note: string;
}

/**
 * The command that creates, or brings up to date, the action a register's row names for one of
 * its items (a review's recommendation, an audit's action-plan item, an inspection's area). What
 * the row leaves blank keeps what the action already has. Null, with the problem noted against
 * the row, when the reference already belongs to another plan.
 */
export function linkedActionCommand(reader: RowReader, db: Database, row: LinkedActionRow): CommandInput | null {
  const existing = db.actions.find((a) => a.ref === row.ref);
  if (existing && existing.planId !== row.plan.id) {
    reader.problem('action_ref', `${row.ref} already belongs to another plan`);
    return null;
  }
  return {
    type: 'action.create',
    action: {
      ref: row.ref,
      planId: row.plan.id,
      priorityId: existing?.priorityId ?? null,
      title: row.title ?? existing?.title ?? row.itemText,
      ownerId: row.ownerId ?? existing?.ownerId ?? null,
      leadAgencyIds: [...(row.leadAgencyIds ?? existing?.leadAgencyIds ?? row.defaultLeadAgencyIds ?? [])],
      due: row.due,
      source: row.source,
      note: row.note,
    },
  };
}

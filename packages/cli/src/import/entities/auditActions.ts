import { ActionRef, type ActionPlanItem, type Audit } from '@partnership-tracker/core';
import { parseLocalDate } from '../../parse/index.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import { findAudit, parseMonth } from './audits.js';
import { linkedActionColumns, linkedActionCommand } from './linkedAction.js';
import { findPlan } from './plans.js';
import { personCell } from './subgroups.js';

/**
 * Imports audits' action plans, one item per row, matched on the audit and its number; a row
 * with an action reference also creates (or updates) the ordinary action that answers it, its
 * source linked back to the audit. An item handed to another body has no action.
 */
export const auditActionsImporter: Importer = {
  entity: 'audit-actions',
  rowMeaning: "one item of an audit's action plan, and the action that answers it",
  columns: [
    { name: 'audit', required: true, description: 'The audit, by title (imported with `ptrack import audits`).' },
    { name: 'month', required: false, description: "The audit's month, when two audits share a title." },
    { name: 'number', required: true, description: 'Its number in the action plan, from 1.' },
    { name: 'item', required: true, description: 'What the action plan says is to be done.' },
    { name: 'handed_to', required: false, description: 'The body it was handed to, when it is theirs to act on (no action then).' },
    { name: 'done', required: false, description: 'The day it was done without an action of its own (settled at the moderation, say).' },
    { name: 'action_ref', required: false, description: 'The reference of the action answering it, e.g. `Q-3`; blank for none yet.' },
    ...linkedActionColumns('the item'),
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    // Every row of one audit changes the same record: its items are gathered, then sent once, before the actions.
    const audits = new Map<string, { audit: Audit; items: Map<number, ActionPlanItem>; line: number }>();
    const actions: PlannedCommand[] = [];
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('audit');
      const month = reader.parsed('month', parseMonth);
      const number = reader.integer('number', 1, 999);
      const text = reader.required('item');
      const handedTo = reader.optional('handed_to');
      const done = reader.parsed('done', parseLocalDate);
      const ref = reader.parsed('action_ref', (cell) => {
        const parsed = ActionRef.safeParse(cell.toUpperCase());
        return parsed.success ? { success: true, data: parsed.data } : { success: false, error: { code: 'input.bad_ref', message: `"${cell}" is not an action reference like Q-3` } };
      });
      const planName = reader.optional('plan');
      const actionTitle = reader.optional('action_title');
      const ownerId = personCell(reader, db, 'owner');
      const agencyName = reader.optional('lead_agency');
      const due = reader.parsed('due', parseLocalDate);
      const audit = title === undefined || month === undefined ? undefined : findAudit(db, title, month);
      if (title !== undefined && month !== undefined && !audit) reader.problem('audit', `unknown audit "${title}"${month === null ? '' : ` in ${month}`}; import it with \`ptrack import audits\` first`);
      if (number === null) reader.problem('number', 'is blank; every row needs it');
      const plan = planName === null ? undefined : findPlan(db, planName);
      if (planName !== null && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      if (handedTo !== null && done) reader.problem('done', `the item was handed to ${handedTo}, so it is not ours to mark done`);
      if (ref && handedTo !== null) reader.problem('action_ref', `the item was handed to ${handedTo}, so no action of ours answers it`);
      if (ref && planName === null) reader.problem('plan', 'is blank; an action needs the plan it is tracked in');
      if (ref && due === null) reader.problem('due', 'is blank; an action needs the day it is due');
      const leadAgencyIds = agencyName === null ? null : agencies.resolveList(reader, 'lead_agency', agencyName);
      if (!audit || typeof number !== 'number' || text === undefined || ownerId === undefined || leadAgencyIds === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'number', `${audit.id}#${number}`, 'item of this audit')) return;
      if (ref && !keys.claim(reader, 'action_ref', `ref:${ref}`, 'action reference')) return;
      const entry = audits.get(audit.id) ?? { audit, items: new Map(audit.actionPlan.map((i) => [i.number, i] as const)), line: row.line };
      entry.items.set(number, { number, text, handedTo, completedOn: done ?? null });
      audits.set(audit.id, entry);
      if (!ref || !plan || !due) return;
      const action = linkedActionCommand(reader, db, {
        ref,
        plan,
        due,
        title: actionTitle,
        itemText: text,
        ownerId,
        leadAgencyIds,
        source: { kind: 'audit', reference: `${audit.title}, action plan ${number}`, recordId: audit.id, item: number },
        note: "Imported from the audit's action plan",
      });
      if (action === null) return;
      actions.push({ command: action, line: row.line });
    });
    for (const { audit, items, line } of audits.values()) {
      const actionPlan = [...items.values()].sort((a, b) => a.number - b.number);
      commands.push({ command: { type: 'audit.upsert', audit: { ...audit, actionPlan } }, line });
    }
    commands.push(...actions);
    return { commands, problems };
  },
};

import { ActionRef, ActionStatus, type CommandInput } from '@partnership-tracker/core';
import { parseLocalDate } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import { findPlan } from './plans.js';
import { personCell } from './subgroups.js';

const sourceKinds = ['business-plan', 'review-recommendation', 'audit', 'executive', 'inspection', 'challenge'] as const;

/**
 * Imports a plan's actions: one action per row, matched on its reference. The file sets the
 * plan's fields (title, owner, due date…); a new action starts at the file's status and progress,
 * but an existing one keeps what its history says (owners record progress after the plan was
 * imported), unless `--overwrite-progress` asks for the file's, recorded as an update.
 */
export const actionsImporter: Importer = {
  entity: 'actions',
  rowMeaning: 'one action of a business plan',
  columns: [
    { name: 'ref', required: true, description: 'Its stable reference, e.g. `A-12`.' },
    { name: 'plan', required: true, description: 'The plan it belongs to, by name (imported with `ptrack import plans`).' },
    { name: 'priority', required: false, description: "The plan's priority it serves, by title." },
    { name: 'title', required: true, description: 'What is to be done.' },
    { name: 'owner', required: false, description: "The owner's email address: they get its reminders and may update it." },
    { name: 'lead_agency', required: false, description: 'The agencies leading it, by name or alias, the principal one first: several, separated by `;`, where the work is for the partnership and individual agencies.' },
    { name: 'due', required: true, description: 'The day it is due.' },
    { name: 'status', required: false, description: `${ActionStatus.options.join(', ')} (default not-started).` },
    { name: 'progress', required: false, description: 'Per cent complete, 0–100 (`60` or `60%`); complete means 100.' },
    { name: 'source', required: false, description: `Where it came from: ${sourceKinds.join(', ')} (default business-plan).` },
    { name: 'source_reference', required: false, description: 'What it came from, e.g. `LCSPR Child A, recommendation 3`.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const leftAlone: string[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const problems = readRows(rows, (reader, keys, row) => {
      const ref = reader.parsed('ref', (text) => {
        const parsed = ActionRef.safeParse(text.toUpperCase());
        return parsed.success ? { success: true, data: parsed.data } : { success: false, error: { code: 'input.bad_ref', message: `"${text}" is not an action reference like A-12` } };
      }, true);
      const planName = reader.required('plan');
      const priorityName = reader.optional('priority');
      const title = reader.required('title');
      const ownerId = personCell(reader, db, 'owner');
      const agencyName = reader.optional('lead_agency');
      const due = reader.parsed('due', parseLocalDate, true);
      const status = reader.choice('status', ActionStatus.options);
      let progress = reader.integer('progress', 0, 100);
      const sourceKind = reader.choice('source', sourceKinds);
      const sourceReference = reader.optional('source_reference');
      const plan = planName === undefined ? undefined : findPlan(db, planName);
      if (planName !== undefined && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      const priority = plan && priorityName !== null ? plan.priorities.find((p) => nameKey(p.title) === nameKey(priorityName) || p.id === nameKey(priorityName)) : undefined;
      if (plan && priorityName !== null && !priority) reader.problem('priority', `${plan.name} has no priority "${priorityName}" (it has: ${plan.priorities.map((p) => p.title).join('; ') || 'none'})`);
      if (status === 'complete' && progress === null) progress = 100;
      if (status === 'complete' && typeof progress === 'number' && progress !== 100) reader.problem('progress', `${progress}% cannot be complete: complete means 100%`);
      const leadAgencyIds = agencyName === null ? null : agencies.resolveList(reader, 'lead_agency', agencyName);
      if (!ref || !plan || title === undefined || !due || ownerId === undefined || leadAgencyIds === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'ref', ref, 'action reference')) return;
      const existing = db.actions.find((a) => a.ref === ref);
      if (existing && existing.planId !== plan.id) {
        reader.problem('ref', `${ref} already belongs to another plan (${db.plans.find((p) => p.id === existing.planId)?.name ?? existing.planId})`);
        return;
      }
      const kind = sourceKind ?? existing?.source.kind ?? 'business-plan';
      // A link to a register record (a review's recommendation) is made by that register's import and kept here.
      const link = existing && existing.source.kind === kind && existing.source.recordId !== undefined ? { recordId: existing.source.recordId, item: existing.source.item } : {};
      const source = { kind, reference: sourceReference ?? existing?.source.reference ?? null, ...link };
      const draft: CommandInput = {
        type: 'action.create',
        action: {
          ref,
          planId: plan.id,
          priorityId: priority?.id ?? (priorityName === null ? (existing?.priorityId ?? null) : null),
          title,
          ownerId: ownerId ?? existing?.ownerId ?? null,
          leadAgencyIds: leadAgencyIds ?? existing?.leadAgencyIds ?? [],
          due,
          status: status ?? 'not-started',
          progress: progress ?? 0,
          source,
          note: 'Imported',
        },
      };
      commands.push({ command: draft, line: row.line });
      const changed = existing && ((status !== null && status !== existing.status) || (progress !== null && progress !== existing.progress));
      if (existing && changed && options.overwriteProgress) {
        commands.push({ command: { type: 'action.update', ref, status: status ?? existing.status, progress: progress ?? existing.progress, note: 'Updated by import' }, line: row.line });
      } else if (existing && changed) {
        leftAlone.push(`${ref} (${existing.progress}% ${existing.status}; the file says ${progress ?? existing.progress}% ${status ?? existing.status})`);
      }
    });
    const notes =
      leftAlone.length === 0
        ? []
        : [
            `Left the progress and status of ${leftAlone.length === 1 ? '1 action' : `${leftAlone.length} actions`} as their history has them, not as the file says: ${leftAlone.join(', ')}. ` +
              'Add --overwrite-progress to set them from the file (recorded as an update in each history).',
          ];
    return { commands, problems, notes };
  },
};

import { ActionRef, type BusinessPlan, type Commitment } from '@partnership-tracker/core';
import { splitList } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import { findPlan } from './plans.js';

/**
 * Imports a plan's "what we said / what we delivered" lines: one commitment per row, matched on
 * its plan and what was said. A blank cell keeps what the commitment already has, so a file of
 * promises made in April can be filled in with what was delivered in March. The plan's other
 * commitments stay, in their order; new ones follow in the file's order.
 */
export const commitmentsImporter: Importer = {
  entity: 'commitments',
  rowMeaning: 'one commitment of a business plan ("what we said / what we delivered")',
  columns: [
    { name: 'plan', required: true, description: 'The plan that made it, by name (imported with `ptrack import plans`).' },
    { name: 'said', required: true, description: 'What the plan said it would do; with the plan, what a row is matched on.' },
    { name: 'priority', required: false, description: "The plan's priority it serves, by title." },
    { name: 'delivered', required: false, description: 'What was delivered, as the annual report says it.' },
    { name: 'actions', required: false, description: 'The actions that delivered it, by reference, separated by `;` or `,` (e.g. `A-3; A-7`).' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    // One plan.upsert per plan, holding every row's commitment, at the line of its first row.
    const edits = new Map<string, { plan: BusinessPlan; commitments: Commitment[]; line: number }>();
    const problems = readRows(rows, (reader, keys, row) => {
      const planName = reader.required('plan');
      const said = reader.required('said');
      const priorityName = reader.optional('priority');
      const delivered = reader.optional('delivered');
      const refs = splitList(reader.optional('actions') ?? '', /[;,]/).map((ref) => ref.toUpperCase());
      const plan = planName === undefined ? undefined : findPlan(db, planName);
      if (planName !== undefined && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      const priority = plan && priorityName !== null ? plan.priorities.find((p) => nameKey(p.title) === nameKey(priorityName) || p.id === nameKey(priorityName)) : undefined;
      if (plan && priorityName !== null && !priority) reader.problem('priority', `${plan.name} has no priority "${priorityName}" (it has: ${plan.priorities.map((p) => p.title).join('; ') || 'none'})`);
      const badRef = refs.find((ref) => !ActionRef.safeParse(ref).success);
      if (badRef !== undefined) reader.problem('actions', `"${badRef}" is not an action reference like A-12`);
      const unknown = refs.filter((ref) => ActionRef.safeParse(ref).success && !db.actions.some((a) => a.ref === ref));
      if (unknown.length > 0) reader.problem('actions', `there is no action ${unknown.join(', ')}; import the actions first`);
      if (!plan || said === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'said', `${plan.id}\u0000${nameKey(said)}`, 'commitment of this plan')) return;
      const edit = edits.get(plan.id) ?? { plan, commitments: [...plan.commitments], line: row.line };
      edits.set(plan.id, edit);
      const index = edit.commitments.findIndex((c) => nameKey(c.said) === nameKey(said));
      const existing = index === -1 ? undefined : edit.commitments[index];
      const commitment: Commitment = {
        said,
        delivered: delivered ?? existing?.delivered ?? null,
        priorityId: priority?.id ?? existing?.priorityId ?? null,
        actionRefs: refs.length > 0 ? [...new Set(refs)] : (existing?.actionRefs ?? []),
      };
      if (index === -1) edit.commitments.push(commitment);
      else edit.commitments[index] = commitment;
    });
    for (const { plan, commitments, line } of edits.values()) commands.push({ command: { type: 'plan.upsert', plan: { ...plan, commitments } }, line });
    return { commands, problems };
  },
};


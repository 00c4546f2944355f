import { ActionRef, type Recommendation, type Review } from '@partnership-tracker/core';
import { linkedActionColumns, linkedActionCommand } from './linkedAction.js';
import { parseLocalDate } from '../../parse/index.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import { findPlan } from './plans.js';
import { findReview } from './reviews.js';
import { personCell } from './subgroups.js';

/**
 * Imports reviews' recommendations, one per row, matched on the review and its number; a row
 * with an action reference also creates (or updates) the ordinary action that answers it, its
 * source linked back to the review. A recommendation handed to another board has no action.
 */
export const recommendationsImporter: Importer = {
  entity: 'recommendations',
  rowMeaning: "one recommendation of a review, and the action that answers it",
  columns: [
    { name: 'review', required: true, description: 'The review, by codename (imported with `ptrack import reviews`).' },
    { name: 'number', required: true, description: 'Its number in the review, from 1.' },
    { name: 'recommendation', required: true, description: 'What the review recommends.' },
    { name: 'handed_to', required: false, description: 'The board or partnership it was handed to, when it is theirs to act on (no action then).' },
    { name: 'action_ref', required: false, description: 'The reference of the action answering it, e.g. `R-3`; blank for none yet.' },
    ...linkedActionColumns('the recommendation'),
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    // Every row of one review changes the same record: its recommendations are gathered, then sent once, before the actions.
    const reviews = new Map<string, { review: Review; recommendations: Map<number, Recommendation>; line: number }>();
    const actions: PlannedCommand[] = [];
    const problems = readRows(rows, (reader, keys, row) => {
      const codename = reader.required('review');
      const number = reader.integer('number', 1, 999);
      const text = reader.required('recommendation');
      const handedTo = reader.optional('handed_to');
      const ref = reader.parsed('action_ref', (cell) => {
        const parsed = ActionRef.safeParse(cell.toUpperCase());
        return parsed.success ? { success: true, data: parsed.data } : { success: false, error: { code: 'input.bad_ref', message: `"${cell}" is not an action reference like R-3` } };
      });
      const planName = reader.optional('plan');
      const title = reader.optional('action_title');
      const ownerId = personCell(reader, db, 'owner');
      const agencyName = reader.optional('lead_agency');
      const due = reader.parsed('due', parseLocalDate);
      const review = codename === undefined ? undefined : findReview(db, codename);
      if (codename !== undefined && !review) reader.problem('review', `unknown review "${codename}"; import it with \`ptrack import reviews\` first`);
      if (number === null) reader.problem('number', 'is blank; every row needs it');
      const plan = planName === null ? undefined : findPlan(db, planName);
      if (planName !== null && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      if (ref && handedTo !== null) reader.problem('action_ref', `the recommendation was handed to ${handedTo}, so no action of ours answers it`);
      if (ref && planName === null) reader.problem('plan', 'is blank; an action needs the plan it is tracked in');
      if (ref && due === null) reader.problem('due', 'is blank; an action needs the day it is due');
      const leadAgencyIds = agencyName === null ? null : agencies.resolveList(reader, 'lead_agency', agencyName);
      if (!review || typeof number !== 'number' || text === undefined || ownerId === undefined || leadAgencyIds === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'number', `${review.id}#${number}`, 'recommendation of this review')) return;
      if (ref && !keys.claim(reader, 'action_ref', `ref:${ref}`, 'action reference')) return;
      const entry = reviews.get(review.id) ?? { review, recommendations: new Map(review.recommendations.map((r) => [r.number, r] as const)), line: row.line };
      entry.recommendations.set(number, { number, text, handedTo });
      reviews.set(review.id, entry);
      if (!ref || !plan || !due) return;
      const action = linkedActionCommand(reader, db, {
        ref,
        plan,
        due,
        title,
        itemText: text,
        ownerId,
        leadAgencyIds,
        source: { kind: 'review-recommendation', reference: `${review.codename}, recommendation ${number}`, recordId: review.id, item: number },
        note: "Imported from the review's recommendations",
      });
      if (action === null) return;
      actions.push({ command: action, line: row.line });
    });
    for (const { review, recommendations, line } of reviews.values()) {
      const list = [...recommendations.values()].sort((a, b) => a.number - b.number);
      commands.push({ command: { type: 'review.upsert', review: { ...review, recommendations: list } }, line });
    }
    commands.push(...actions);
    return { commands, problems };
  },
};

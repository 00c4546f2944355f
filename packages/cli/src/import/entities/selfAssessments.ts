import { ActionRef, SelfRating, type CommandInput, type ReturnRequest, type ReturnResponse, type Standard, type StandardRating } from '@partnership-tracker/core';
import { parseLocalDate } from '../../parse/index.js';
import { AgencyDirectory } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import { findPlan } from './plans.js';
import { findReturn } from './returns.js';
import { personCell } from './subgroups.js';

/**
 * Imports an assurance self-assessment's standards, one per row, matched on the return and the
 * standard's number.
 */
export const standardsImporter: Importer = {
  entity: 'standards',
  rowMeaning: 'one standard of an assurance self-assessment',
  columns: [
    { name: 'return', required: true, description: 'The self-assessment, by name (imported with `ptrack import returns`, type assurance-self-assessment).' },
    { name: 'number', required: true, description: 'The standard\'s number in the template, from 1.' },
    { name: 'standard', required: true, description: 'What the standard asks, e.g. `Safer recruitment and allegations against staff`.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const gathered = new Map<string, { request: ReturnRequest; standards: Map<number, Standard>; line: number }>();
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('return');
      const number = reader.integer('number', 1, 999);
      const text = reader.required('standard');
      const request = title === undefined ? undefined : findReturn(db, title);
      if (title !== undefined && !request) reader.problem('return', `unknown return "${title}"; import it with \`ptrack import returns\` first`);
      if (request && request.kind !== 'assurance-self-assessment') reader.problem('return', `${request.title} is a ${request.kind.replace(/-/g, ' ')}; only an assurance self-assessment has standards`);
      if (number === null) reader.problem('number', 'is blank; every row needs it');
      if (!request || typeof number !== 'number' || text === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'number', `${request.id}#${number}`, 'standard of this return')) return;
      const entry = gathered.get(request.id) ?? { request, standards: new Map(request.standards.map((s) => [s.number, s] as const)), line: row.line };
      entry.standards.set(number, { number, text });
      gathered.set(request.id, entry);
    });
    for (const { request, standards, line } of gathered.values()) {
      commands.push({ command: { type: 'return.upsert', request: { ...request, standards: [...standards.values()].sort((a, b) => a.number - b.number) } }, line });
    }
    return { commands, problems };
  },
};

/**
 * Imports agencies' self-ratings against a self-assessment's standards, one per row; a row with
 * an action reference also creates (or updates) the ordinary action the agency commits to, led
 * by that agency and linked to its rating, so reminders and updates treat it like any other.
 */
export const selfRatingsImporter: Importer = {
  entity: 'self-ratings',
  rowMeaning: "an agency's rating of itself against one standard, and the action it commits to",
  columns: [
    { name: 'return', required: true, description: 'The self-assessment, by name.' },
    { name: 'agency', required: true, description: 'The agency rating itself; its return must be recorded as received or partial (`ptrack import return-responses`).' },
    { name: 'standard', required: true, description: 'The standard\'s number (imported with `ptrack import standards`).' },
    { name: 'rating', required: true, description: 'met, partly met or not met.' },
    { name: 'note', required: false, description: 'What the agency says in support of its rating.' },
    { name: 'action_ref', required: false, description: 'The reference of the action the agency commits to, e.g. `S-3`; blank for none.' },
    { name: 'plan', required: false, description: 'With an action: the plan it is tracked in, by name.' },
    { name: 'action_title', required: false, description: 'With an action: what the agency will do.' },
    { name: 'owner', required: false, description: "With an action: its owner's email address (someone in the agency)." },
    { name: 'due', required: false, description: 'With an action: the day it is due.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const responses = new Map<string, { response: ReturnResponse; ratings: Map<number, StandardRating>; line: number }>();
    const actions: PlannedCommand[] = [];
    const directory = new AgencyDirectory(db.agencies);
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('return');
      const agencyName = reader.required('agency');
      const number = reader.integer('standard', 1, 999);
      const rating = reader.choice('rating', SelfRating.options, { partly: 'partly-met', 'partially met': 'partly-met', no: 'not-met', yes: 'met' });
      const note = reader.optional('note');
      const ref = reader.parsed('action_ref', (cell) => {
        const parsed = ActionRef.safeParse(cell.toUpperCase());
        return parsed.success ? { success: true, data: parsed.data } : { success: false, error: { code: 'input.bad_ref', message: `"${cell}" is not an action reference like S-3` } };
      });
      const planName = reader.optional('plan');
      const actionTitle = reader.optional('action_title');
      const ownerId = personCell(reader, db, 'owner');
      const due = reader.parsed('due', parseLocalDate);
      const request = title === undefined ? undefined : findReturn(db, title);
      if (title !== undefined && !request) reader.problem('return', `unknown return "${title}"; import it with \`ptrack import returns\` first`);
      const agency = agencyName === undefined ? undefined : directory.find(agencyName);
      if (agencyName !== undefined && !agency) reader.problem('agency', `unknown agency "${agencyName}"`);
      if (number === null) reader.problem('standard', 'is blank; every row needs it');
      if (rating === null) reader.problem('rating', 'is blank; every row needs it');
      const response = request && agency ? db.returnResponses.find((r) => r.returnId === request.id && r.agencyId === agency.id) : undefined;
      if (request && agency && (!response || response.state === 'not-received')) {
        reader.problem('agency', `nothing from ${agency.name} is recorded for ${request.title}; record its return with \`ptrack import return-responses\` first`);
      }
      if (request && typeof number === 'number' && !request.standards.some((s) => s.number === number)) reader.problem('standard', `${request.title} has no standard ${number}; import its standards with \`ptrack import standards\` first`);
      const plan = planName === null ? undefined : findPlan(db, planName);
      if (planName !== null && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      if (ref && planName === null) reader.problem('plan', 'is blank; an action needs the plan it is tracked in');
      if (ref && due === null) reader.problem('due', 'is blank; an action needs the day it is due');
      if (ref && actionTitle === null && !db.actions.some((a) => a.ref === ref)) reader.problem('action_title', 'is blank; say what the agency will do');
      if (!request || !agency || !response || typeof number !== 'number' || !rating || ownerId === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'standard', `${response.id}#${number}`, 'rating of this standard by this agency')) return;
      if (ref && !keys.claim(reader, 'action_ref', `ref:${ref}`, 'action reference')) return;
      const entry = responses.get(response.id) ?? { response, ratings: new Map(response.ratings.map((r) => [r.standard, r] as const)), line: row.line };
      entry.ratings.set(number, { standard: number, rating, note });
      responses.set(response.id, entry);
      if (!ref || !plan || !due) return;
      const existing = db.actions.find((a) => a.ref === ref);
      if (existing && existing.planId !== plan.id) {
        reader.problem('action_ref', `${ref} already belongs to another plan`);
        return;
      }
      const action: CommandInput = {
        type: 'action.create',
        action: {
          ref,
          planId: plan.id,
          priorityId: existing?.priorityId ?? null,
          title: actionTitle ?? existing!.title,
          ownerId: ownerId ?? existing?.ownerId ?? null,
          leadAgencyId: agency.id,
          due,
          source: { kind: 'self-assessment', reference: `${request.title}, standard ${number}`, recordId: response.id, item: number },
          note: `Committed to in ${agency.name}'s self-assessment`,
        },
      };
      actions.push({ command: action, line: row.line });
    });
    for (const { response, ratings, line } of responses.values()) {
      commands.push({ command: { type: 'returnResponse.upsert', response: { ...response, ratings: [...ratings.values()].sort((a, b) => a.standard - b.standard) } }, line });
    }
    commands.push(...actions);
    return { commands, problems };
  },
};

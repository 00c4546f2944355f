import {
  ActionRef,
  InspectionType,
  Inspectorate,
  slugify,
  uniqueId,
  type AreaForImprovement,
  type Database,
  type Inspection,
  type InspectionStrength,
} from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import { matchChoice } from '../rowReader.js';
import { linkedActionColumns, linkedActionCommand } from './linkedAction.js';
import { findPlan } from './plans.js';
import { personCell } from './subgroups.js';

/** The inspection called `title` in the register (or with that id); the latest of that title when several. */
export function findInspection(db: Database, title: string): Inspection | undefined {
  const key = nameKey(title);
  return db.inspections.filter((i) => nameKey(i.title) === key || i.id === key).sort((a, b) => (a.onSiteFrom < b.onSiteFrom ? 1 : -1))[0];
}

const typeWords: Readonly<Record<string, InspectionType>> = {
  'joint targeted area inspection': 'jtai',
  'focused visit': 'focused-visit',
  send: 'area-send',
  'area send inspection': 'area-send',
};

const inspectorateWords: Readonly<Record<string, Inspectorate>> = { hmic: 'hmicfrs', 'hm inspectorate of probation': 'hmi-probation', probation: 'hmi-probation' };

/**
 * Imports the inspections register: one inspection or visit per row, matched on its title and
 * first day on site. Its findings come from `inspection-findings`.
 */
export const inspectionsImporter: Importer = {
  entity: 'inspections',
  rowMeaning: 'one inspection or visit',
  columns: [
    { name: 'title', required: true, description: 'What was inspected, e.g. `JTAI: children living with domestic abuse`.' },
    { name: 'type', required: true, description: `${InspectionType.options.join(', ')}.` },
    { name: 'inspectorates', required: true, description: `Who inspected, separated by \`;\`: ${Inspectorate.options.join(', ')}.` },
    { name: 'on_site_from', required: true, description: 'The first day the inspectors were on site.' },
    { name: 'on_site_to', required: false, description: 'The last day on site (default: the first).' },
    { name: 'letter', required: false, description: "The day the inspectors' letter (or report) was published." },
    { name: 'statement_required', required: false, description: 'yes when the letter asks for a written statement of action (default no).' },
    { name: 'statement_working_days', required: false, description: "The working days after the letter within which the statement is due (default 70); England's bank holidays are not counted." },
    { name: 'statement_submitted', required: false, description: 'The day the written statement of action was sent.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const taken = new Set(db.inspections.map((i) => i.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('title');
      const type = reader.parsed('type', (text) => matchChoice(text, InspectionType.options, typeWords), true);
      const inspectorates = reader.parsed(
        'inspectorates',
        (text) => {
          const found: Inspectorate[] = [];
          for (const part of splitList(text)) {
            const one = matchChoice(part, Inspectorate.options, inspectorateWords);
            if (!one.success) return one;
            if (!found.includes(one.data)) found.push(one.data);
          }
          return { success: true, data: found };
        },
        true,
      );
      const date = (column: string) => reader.parsed(column, parseLocalDate);
      const onSiteFrom = reader.parsed('on_site_from', parseLocalDate, true);
      const onSiteTo = date('on_site_to');
      const letterOn = date('letter');
      const statementRequired = reader.flag('statement_required');
      const statementWorkingDays = reader.integer('statement_working_days', 1, 365);
      const statementSubmittedOn = date('statement_submitted');
      if (title === undefined || type === undefined || inspectorates === undefined || onSiteFrom === undefined || !reader.valid) return;
      if (onSiteTo && onSiteTo < onSiteFrom) return reader.problem('on_site_to', `${onSiteTo} is before the first day on site (${onSiteFrom})`);
      if (!keys.claim(reader, 'title', `${nameKey(title)}@${onSiteFrom}`, 'inspection starting that day')) return;
      const existing = db.inspections.find((i) => nameKey(i.title) === nameKey(title) && i.onSiteFrom === onSiteFrom);
      const id = existing?.id ?? uniqueId(slugify(`${title} ${onSiteFrom.slice(0, 4)}`) || 'inspection', (candidate) => taken.has(candidate));
      taken.add(id);
      const inspection: Inspection = {
        id,
        title,
        type,
        inspectorates,
        onSiteFrom,
        onSiteTo: onSiteTo ?? existing?.onSiteTo ?? onSiteFrom,
        letterOn: letterOn ?? existing?.letterOn ?? null,
        statementRequired: statementRequired ?? existing?.statementRequired ?? false,
        statementWorkingDays: statementWorkingDays ?? existing?.statementWorkingDays ?? 70,
        statementSubmittedOn: statementSubmittedOn ?? existing?.statementSubmittedOn ?? null,
        strengths: existing?.strengths ?? [],
        areas: existing?.areas ?? [],
      };
      commands.push({ command: { type: 'inspection.upsert', inspection }, line: row.line });
    });
    return { commands, problems };
  },
};

/**
 * Imports inspections' findings, one per row: a strength under its theme, or a numbered area for
 * improvement with its lead agencies; an area's row with an action reference also creates (or
 * updates) the ordinary action that answers it, its source linked back to the inspection.
 */
export const inspectionFindingsImporter: Importer = {
  entity: 'inspection-findings',
  rowMeaning: 'one strength or area for improvement of an inspection, and the action that answers it',
  columns: [
    { name: 'inspection', required: true, description: 'The inspection, by title (imported with `ptrack import inspections`).' },
    { name: 'finding', required: true, description: 'strength, or area (an area for improvement).' },
    { name: 'number', required: false, description: 'An area\'s number, from 1, as the written statement of action answers it.' },
    { name: 'theme', required: true, description: 'The theme of the letter it comes under.' },
    { name: 'text', required: true, description: 'What the inspectors found.' },
    { name: 'lead_agencies', required: false, description: 'For an area: the agencies leading on it, separated by `;`.' },
    { name: 'action_ref', required: false, description: 'For an area: the reference of an action answering it, e.g. `W-3`; blank for none yet.' },
    ...linkedActionColumns('the area', "the area's lead agencies"),
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const inspections = new Map<string, { inspection: Inspection; strengths: InspectionStrength[]; areas: Map<number, AreaForImprovement>; line: number }>();
    const actions: PlannedCommand[] = [];
    const problems = readRows(rows, (reader, keys, row) => {
      const title = reader.required('inspection');
      const finding = reader.parsed('finding', (text) => matchChoice(text, ['strength', 'area'] as const, { 'area for improvement': 'area', improvement: 'area' }), true);
      const number = reader.integer('number', 1, 999);
      const theme = reader.required('theme');
      const text = reader.required('text');
      const leadNames = reader.optional('lead_agencies');
      const ref = reader.parsed('action_ref', (cell) => {
        const parsed = ActionRef.safeParse(cell.toUpperCase());
        return parsed.success ? { success: true, data: parsed.data } : { success: false, error: { code: 'input.bad_ref', message: `"${cell}" is not an action reference like W-3` } };
      });
      const planName = reader.optional('plan');
      const actionTitle = reader.optional('action_title');
      const ownerId = personCell(reader, db, 'owner');
      const agencyName = reader.optional('lead_agency');
      const due = reader.parsed('due', parseLocalDate);
      const inspection = title === undefined ? undefined : findInspection(db, title);
      if (title !== undefined && !inspection) reader.problem('inspection', `unknown inspection "${title}"; import it with \`ptrack import inspections\` first`);
      if (finding === 'area' && number === null) reader.problem('number', 'is blank; an area for improvement needs its number');
      if (finding === 'strength' && (number !== null || leadNames !== null || ref)) reader.problem('finding', 'a strength has no number, lead agencies or action; write "area" for an area for improvement');
      const plan = planName === null ? undefined : findPlan(db, planName);
      if (planName !== null && !plan) reader.problem('plan', `unknown plan "${planName}"; import it with \`ptrack import plans\` first`);
      if (ref && planName === null) reader.problem('plan', 'is blank; an action needs the plan it is tracked in');
      if (ref && due === null) reader.problem('due', 'is blank; an action needs the day it is due');
      const leadAgencyIds = leadNames === null ? [] : splitList(leadNames).map((name) => agencies.resolve(reader, 'lead_agencies', name));
      const actionAgencies = agencyName === null ? null : agencies.resolveList(reader, 'lead_agency', agencyName);
      if (!inspection || finding === undefined || theme === undefined || text === undefined || ownerId === undefined || actionAgencies === undefined || !reader.valid) return;
      const entry = inspections.get(inspection.id) ?? { inspection, strengths: [...inspection.strengths], areas: new Map(inspection.areas.map((a) => [a.number, a] as const)), line: row.line };
      inspections.set(inspection.id, entry);
      if (finding === 'strength') {
        if (!keys.claim(reader, 'text', `${inspection.id}:${nameKey(theme)}:${nameKey(text)}`, 'strength')) return;
        if (!entry.strengths.some((s) => nameKey(s.theme) === nameKey(theme) && nameKey(s.text) === nameKey(text))) entry.strengths.push({ theme, text });
        return;
      }
      if (typeof number !== 'number' || !keys.claim(reader, 'number', `${inspection.id}#${number}`, 'area of this inspection')) return;
      if (ref && !keys.claim(reader, 'action_ref', `ref:${ref}`, 'action reference')) return;
      const area: AreaForImprovement = { number, theme, text, leadAgencyIds: leadNames === null ? (entry.areas.get(number)?.leadAgencyIds ?? []) : (leadAgencyIds as string[]) };
      entry.areas.set(number, area);
      if (!ref || !plan || !due) return;
      // An area's actions are led by the area's lead agencies unless the row names the action's own.
      const action = linkedActionCommand(reader, db, {
        ref,
        plan,
        due,
        title: actionTitle,
        itemText: text,
        ownerId,
        leadAgencyIds: actionAgencies,
        defaultLeadAgencyIds: area.leadAgencyIds,
        source: { kind: 'inspection', reference: `${inspection.title}, area ${number}`, recordId: inspection.id, item: number },
        note: "Imported from the inspection's areas for improvement",
      });
      if (action === null) return;
      actions.push({ command: action, line: row.line });
    });
    for (const { inspection, strengths, areas, line } of inspections.values()) {
      commands.push({ command: { type: 'inspection.upsert', inspection: { ...inspection, strengths, areas: [...areas.values()].sort((a, b) => a.number - b.number) } }, line });
    }
    commands.push(...actions);
    return { commands, problems };
  },
};

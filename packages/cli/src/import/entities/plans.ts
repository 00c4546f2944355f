import { slugify, uniqueId, type BusinessPlan, type Database } from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { nameKey, NewIds } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';

/** The plan called `name` (or with that id). */
export function findPlan(db: Database, name: string): BusinessPlan | undefined {
  const key = nameKey(name);
  return db.plans.find((p) => nameKey(p.name) === key || p.id === key);
}

/** Imports business plans: one plan per row with its priorities, matched on the plan's name. */
export const plansImporter: Importer = {
  entity: 'plans',
  rowMeaning: 'one business plan',
  columns: [
    { name: 'name', required: true, description: 'The plan, e.g. `Business plan 2025–27`.' },
    { name: 'start', required: true, description: 'The first day it covers.' },
    { name: 'end', required: true, description: 'The last day it covers.' },
    { name: 'status', required: false, description: '`active` (default), `draft` or `closed`.' },
    { name: 'priorities', required: false, description: 'Its priorities, separated by `;`. Priorities already in the plan are kept.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const ids = new NewIds(db.plans.map((p) => p.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const name = reader.required('name');
      const start = reader.parsed('start', parseLocalDate, true);
      const end = reader.parsed('end', parseLocalDate, true);
      const status = reader.choice('status', ['draft', 'active', 'closed'] as const);
      const priorities = splitList(reader.optional('priorities') ?? '');
      if (start && end && end < start) reader.problem('end', `${end} is before the start (${start})`);
      if (name === undefined || !start || !end || status === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'name', nameKey(name), 'plan')) return;
      const existing = findPlan(db, name);
      const kept = [...(existing?.priorities ?? [])];
      for (const title of priorities) {
        // A priority is matched on its title; a new one gets an id no other priority of the plan has.
        if (kept.some((p) => nameKey(p.title) === nameKey(title))) continue;
        kept.push({ id: uniqueId(slugify(title), (id) => kept.some((p) => p.id === id)), title, description: null });
      }
      const plan: BusinessPlan = {
        id: existing?.id ?? ids.for(name),
        name,
        start,
        end,
        status: status ?? existing?.status ?? 'active',
        priorities: kept,
        commitments: existing?.commitments ?? [],
      };
      commands.push({ command: { type: 'plan.upsert', plan }, line: row.line });
    });
    return { commands, problems };
  },
};

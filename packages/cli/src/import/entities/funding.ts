import { contributionKey, expenditureKey, type Contribution, type Expenditure } from '@partnership-tracker/core';
import { parseAmount, parseYearLabel, splitList } from '../../parse/index.js';
import { NewIds } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';

const amountHelp = 'In pounds: `311609`, `311,609` or `£311,609.00` (pence are kept exactly).';
const yearHelp = 'The financial year, `2024/25` or `2024-25`.';

/** Imports income: one contribution per row, matched on what the line is (`contributionKey`): year, agency or source, and label. */
export const contributionsImporter: Importer = {
  entity: 'contributions',
  rowMeaning: 'one line of income',
  columns: [
    { name: 'financial_year', required: true, description: yearHelp },
    { name: 'agency', required: false, description: 'The contributing agency, by name or alias. Leave blank for income from outside the partnership and fill `source`.' },
    { name: 'source', required: false, description: 'A named source that is not an agency, e.g. `Income from PHEW platform`.' },
    { name: 'label', required: false, description: 'How the line reads in the income table when not the agency or source name, e.g. `Met Police (MOPAC)`. Two lines from one agency need different labels; blank keeps the line\'s label.' },
    { name: 'amount', required: true, description: amountHelp },
    { name: 'kind', required: false, description: '`cash` (default) or `in-kind`.' },
    { name: 'state', required: false, description: '`received` (default) or `pledged`.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const ids = new NewIds(db.contributions.map((c) => c.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const year = reader.parsed('financial_year', parseYearLabel, true);
      const agencyName = reader.optional('agency');
      const source = reader.optional('source');
      const label = reader.optional('label');
      const amount = reader.parsed('amount', parseAmount, true);
      const kind = reader.choice('kind', ['cash', 'in-kind'] as const, { inkind: 'in-kind' });
      const state = reader.choice('state', ['received', 'pledged'] as const);
      if (agencyName === null && source === null) reader.problem('agency', 'is blank; give the agency, or the source for income from outside the partnership');
      const agencyId = agencyName === null ? null : agencies.resolve(reader, 'agency', agencyName);
      if (!year || amount === undefined || agencyId === undefined || kind === undefined || state === undefined || !reader.valid) return;
      const key = contributionKey({ financialYear: year, agencyId, source, label }, agencies.directory.agencies());
      if (!keys.claim(reader, label ? 'label' : agencyName ? 'agency' : 'source', key, `income line for ${year} (give the lines different labels)`)) return;
      // The line is found by what it is, not by its id, so "Croydon ICB" and the ICB's full name are one line.
      const existing = db.contributions.find((c) => contributionKey(c, db.agencies) === key);
      const contribution: Contribution = {
        id: existing?.id ?? ids.for(`${year} ${label ?? agencyName ?? source!}`),
        financialYear: year,
        agencyId,
        source,
        label: label ?? existing?.label ?? null,
        amountPence: amount,
        kind: kind ?? existing?.kind ?? 'cash',
        state: state ?? existing?.state ?? 'received',
      };
      commands.push({ command: { type: 'contribution.upsert', contribution }, line: row.line });
    });
    return { commands, problems };
  },
};

/** Imports spending: one category per year per row, matched on year and category as people mean it (`expenditureKey`). */
export const expenditureImporter: Importer = {
  entity: 'expenditure',
  rowMeaning: 'one category of spending in one year',
  columns: [
    { name: 'financial_year', required: true, description: yearHelp },
    { name: 'category', required: true, description: 'What the money was spent on, e.g. `Staff & related costs`.' },
    { name: 'amount', required: true, description: amountHelp },
    { name: 'description', required: false, description: 'A note on what the line covers.' },
    { name: 'former_names', required: false, description: 'Names the category had in earlier years, separated by `;` (e.g. `Staffing & related costs`): `export funding --compare` matches them. Blank keeps what is recorded.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const ids = new NewIds(db.expenditure.map((e) => e.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const year = reader.parsed('financial_year', parseYearLabel, true);
      const category = reader.required('category');
      const amount = reader.parsed('amount', parseAmount, true);
      const description = reader.optional('description');
      const formerNames = reader.optional('former_names');
      if (!year || category === undefined || amount === undefined || !reader.valid) return;
      const key = expenditureKey({ financialYear: year, category });
      if (!keys.claim(reader, 'category', key, `category for ${year}`)) return;
      const existing = db.expenditure.find((e) => expenditureKey(e) === key);
      const id = existing?.id ?? ids.for(`${year} ${category}`);
      const expenditure: Expenditure = { id, financialYear: year, category, amountPence: amount, description: description ?? existing?.description ?? null, formerNames: formerNames === null ? (existing?.formerNames ?? []) : splitList(formerNames) };
      commands.push({ command: { type: 'expenditure.upsert', expenditure }, line: row.line });
    });
    return { commands, problems };
  },
};

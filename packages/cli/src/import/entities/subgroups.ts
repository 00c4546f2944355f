import { Cadence, RegisterName, type Database, type Subgroup } from '@partnership-tracker/core';
import { splitList } from '../../parse/index.js';
import { matchChoice } from '../rowReader.js';
import { findPersonByEmail, findSubgroup, nameKey, NewIds } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import type { RowReader } from '../rowReader.js';

/** Imports the boards and subgroups: one per row, matched on name or short name. Members come from `members`. */
export const subgroupsImporter: Importer = {
  entity: 'subgroups',
  rowMeaning: 'one board or subgroup',
  columns: [
    { name: 'name', required: true, description: 'Its full name, e.g. `Quality Assurance Group`.' },
    { name: 'short_name', required: true, description: 'The name used in report columns, e.g. `QAG`.' },
    { name: 'kind', required: false, description: '`subgroup` (default) or `executive` for the board that the others report to.' },
    { name: 'chair', required: false, description: "The chair's email address (they must be imported as a person first)." },
    { name: 'deputy_chair', required: false, description: "The deputy chair's email address." },
    { name: 'cadence', required: false, description: `How often it meets: ${Cadence.options.join(', ')} (default quarterly).` },
    { name: 'quorum_min_agencies', required: false, description: 'How many member agencies make a meeting quorate (default 0).' },
    { name: 'quorum_statutory', required: false, description: '`yes` if all three statutory partners must be present for a quorum: each by an agency that is, or is part of, the partner, or that stands for it at meetings (the agencies import\'s `quorum_role`).' },
    { name: 'maintains', required: false, description: `The registers it holds, separated by \`;\` (${RegisterName.options.join(', ')}): its chair and deputy chair maintain them.` },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const ids = new NewIds(db.subgroups.map((s) => s.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const name = reader.required('name');
      const shortName = reader.required('short_name');
      const kind = reader.choice('kind', ['executive', 'subgroup'] as const);
      const chairId = personCell(reader, db, 'chair');
      const deputyChairId = personCell(reader, db, 'deputy_chair');
      const cadence = reader.choice('cadence', Cadence.options);
      const minAgencies = reader.integer('quorum_min_agencies', 0, 100);
      const statutory = reader.flag('quorum_statutory');
      const maintains = reader.parsed('maintains', (text) => {
        const registers: RegisterName[] = [];
        for (const word of splitList(text)) {
          const matched = matchChoice(word, RegisterName.options);
          if (!matched.success) return matched;
          if (!registers.includes(matched.data)) registers.push(matched.data);
        }
        return { success: true, data: registers };
      });
      if (name === undefined || shortName === undefined) return;
      if (!keys.claim(reader, 'name', nameKey(name), 'subgroup') || !keys.claim(reader, 'short_name', `short:${nameKey(shortName)}`, 'short name')) return;
      if (!reader.valid || chairId === undefined || deputyChairId === undefined || maintains === undefined) return;
      const existing = findSubgroup(db, name) ?? findSubgroup(db, shortName);
      const subgroup: Subgroup = {
        id: existing?.id ?? ids.for(name),
        name,
        shortName,
        kind: kind ?? existing?.kind ?? 'subgroup',
        chairId: chairId ?? existing?.chairId ?? null,
        deputyChairId: deputyChairId ?? existing?.deputyChairId ?? null,
        cadence: cadence ?? existing?.cadence ?? 'quarterly',
        members: existing?.members ?? [],
        quorum: {
          minAgencies: minAgencies ?? existing?.quorum.minAgencies ?? 0,
          statutoryPartnersRequired: statutory ?? existing?.quorum.statutoryPartnersRequired ?? false,
        },
        channel: existing?.channel ?? null,
        maintains: maintains ?? existing?.maintains ?? [],
      };
      commands.push({ command: { type: 'subgroup.upsert', subgroup }, line: row.line });
    });
    return { commands, problems };
  },
};

/** The id of the person whose email is in a cell: null when blank, undefined (with a problem) when unknown. */
export function personCell(reader: RowReader, db: Database, column: string): string | null | undefined {
  const email = reader.optional(column);
  if (email === null) return null;
  const person = findPersonByEmail(db, email);
  if (person) return person.id;
  reader.problem(column, `no person has the email address "${email}"; import them with \`ptrack import people\` first`);
  return undefined;
}

import { QuorumRole, Sector, StatutoryRole, type Agency } from '@partnership-tracker/core';
import { splitList } from '../../parse/index.js';
import { AgencyDirectory, nameKey } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';

const sectorSynonyms: Record<string, Sector> = {
  council: 'local-authority',
  'local authority': 'local-authority',
  nhs: 'health',
  'voluntary and community': 'voluntary-community',
  'voluntary, community and social enterprise': 'voluntary-community',
  vcse: 'voluntary-community',
  vcs: 'voluntary-community',
  school: 'education',
};

/** Imports the agency register: one agency per row, matched on its name or an alias. */
export const agenciesImporter: Importer = {
  entity: 'agencies',
  rowMeaning: 'one agency (or a role that reports as its own row, such as the independent chair)',
  columns: [
    { name: 'name', required: true, description: 'The agency as reports name it, e.g. `Croydon Council: Housing`. Matched on the name or an alias.' },
    { name: 'sector', required: true, description: `One of ${Sector.options.join(', ')} (\`Local authority\`, \`NHS\`, \`VCSE\` are understood).` },
    {
      name: 'statutory_role',
      required: false,
      description:
        'The statutory partner it is, or is part of: local-authority, health (the ICB), police, or none for a relevant agency such as an NHS provider trust (blank = none, or what is recorded).',
    },
    {
      name: 'quorum_role',
      required: false,
      description:
        'For a relevant agency whose people stand for a statutory partner at meetings (a provider trust for health): local-authority, health or police, counted when a quorum needs all three; `none` clears it (blank keeps what is recorded).',
    },
    { name: 'parent', required: false, description: 'The organisation it is part of, by name (e.g. `Croydon Council`); it may be a row earlier in the file.' },
    { name: 'kind', required: false, description: '`organisation` (default) or `role` for a reporting row that is not an organisation.' },
    { name: 'aliases', required: false, description: 'Other names people use for it, separated by `;`.' },
    { name: 'predecessors', required: false, description: 'Agencies it took over, by name, separated by `;` (e.g. `Croydon CCG` for the ICB): `export funding --compare` counts their income as its own. Blank keeps what is recorded.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const directory = new AgencyDirectory(db.agencies);
    const problems = readRows(rows, (reader, keys, row) => {
      const name = reader.required('name');
      const sector = reader.required('sector') === undefined ? undefined : reader.choice('sector', Sector.options, sectorSynonyms);
      const statutoryRole = reader.choice('statutory_role', StatutoryRole.options);
      const quorumRole = reader.choice('quorum_role', [...QuorumRole.options, 'none'] as const);
      const kind = reader.choice('kind', ['organisation', 'role'] as const);
      const aliases = reader.optional('aliases');
      const parentName = reader.optional('parent');
      const predecessorNames = reader.optional('predecessors');
      if (name === undefined || !sector || !keys.claim(reader, 'name', nameKey(name), 'agency')) return;
      const existing = directory.find(name);
      let parentId: string | null = existing?.parentId ?? null;
      if (parentName !== null) {
        const parent = directory.find(parentName);
        if (!parent) reader.problem('parent', `unknown agency "${parentName}"; list the parent before the agencies that belong to it`);
        else parentId = parent.id;
      }
      let predecessorIds: string[] = existing?.predecessorIds ?? [];
      if (predecessorNames !== null) {
        predecessorIds = [];
        for (const predecessorName of splitList(predecessorNames)) {
          const predecessor = directory.find(predecessorName);
          if (!predecessor) reader.problem('predecessors', `unknown agency "${predecessorName}"; list the predecessor before the agency that took it over`);
          else predecessorIds.push(predecessor.id);
        }
      }
      if (!reader.valid) return;
      const agency: Agency = {
        id: existing?.id ?? directory.newId(name),
        // A row that names an agency by one of its aliases means that agency, not a rename.
        name: existing && nameKey(existing.name) !== nameKey(name) && existing.aliases.some((a) => nameKey(a) === nameKey(name)) ? existing.name : name,
        kind: kind ?? existing?.kind ?? 'organisation',
        sector,
        statutoryRole: statutoryRole ?? existing?.statutoryRole ?? 'none',
        quorumRole: quorumRole === 'none' ? null : (quorumRole ?? existing?.quorumRole ?? null),
        parentId,
        aliases: aliases === null ? (existing?.aliases ?? []) : splitList(aliases),
        predecessorIds,
      };
      directory.add(agency);
      commands.push({ command: { type: 'agency.upsert', agency }, line: row.line });
    });
    return { commands, problems };
  },
};

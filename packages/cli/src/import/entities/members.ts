import type { Membership, Subgroup } from '@partnership-tracker/core';
import { parseLocalDate } from '../../parse/index.js';
import { findSubgroup } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';

/**
 * Imports subgroup memberships: one agency's membership of one subgroup per row, matched on
 * subgroup, agency and the date it joined. Memberships not in the file are kept.
 */
export const membersImporter: Importer = {
  entity: 'members',
  rowMeaning: "one agency's membership of one subgroup",
  columns: [
    { name: 'subgroup', required: true, description: 'The subgroup, by name or short name (imported with `ptrack import subgroups`).' },
    { name: 'agency', required: true, description: 'The member agency, by name or alias.' },
    { name: 'joined', required: true, description: 'The first day of membership (`01/04/2024` or `2024-04-01`).' },
    { name: 'left', required: false, description: 'The last day of membership, if it has ended.' },
    { name: 'expected_representatives', required: false, description: 'How many people the agency is expected to send (default 1).' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const changed = new Map<string, { subgroup: Subgroup; members: Membership[]; line: number }>();
    const problems = readRows(rows, (reader, keys, row) => {
      const subgroupName = reader.required('subgroup');
      const agencyName = reader.required('agency');
      const joined = reader.parsed('joined', parseLocalDate, true);
      const left = reader.parsed('left', parseLocalDate);
      const expected = reader.integer('expected_representatives', 0, 20);
      const subgroup = subgroupName === undefined ? undefined : findSubgroup(db, subgroupName);
      if (subgroupName !== undefined && !subgroup) reader.problem('subgroup', `unknown subgroup "${subgroupName}"; import it with \`ptrack import subgroups\` first`);
      const agencyId = agencyName === undefined ? undefined : agencies.resolve(reader, 'agency', agencyName);
      if (joined && left && left < joined) reader.problem('left', `${left} is before the date it joined (${joined})`);
      if (!subgroup || agencyId === undefined || !joined || left === undefined || expected === undefined) return;
      if (!keys.claim(reader, null, `${subgroup.id}|${agencyId}|${joined}`, 'membership (same subgroup, agency and date joined)')) return;
      if (!reader.valid) return;
      const entry = changed.get(subgroup.id) ?? { subgroup, members: [...subgroup.members], line: row.line };
      const index = entry.members.findIndex((m) => m.agencyId === agencyId && m.joined === joined);
      const before = index >= 0 ? entry.members[index] : undefined;
      const membership: Membership = { agencyId, joined, left: left ?? before?.left ?? null, expectedRepresentatives: expected ?? before?.expectedRepresentatives ?? 1 };
      if (index >= 0) entry.members[index] = membership;
      else entry.members.push(membership);
      changed.set(subgroup.id, entry);
    });
    for (const { subgroup, members, line } of changed.values()) {
      commands.push({ command: { type: 'subgroup.upsert', subgroup: { ...subgroup, members } }, line });
    }
    return { commands, problems };
  },
};

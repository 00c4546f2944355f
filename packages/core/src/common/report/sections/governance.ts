import { SECTOR_LABELS, type StatutoryRole } from '../../agencies/agency.js';
import { statutoryRoleOf } from '../../agencies/statutoryRole.js';
import { meetingsSummary } from '../../engagement/engagement.js';
import type { Row, Table } from '../../reporting/table.js';
import type { Cadence, Membership } from '../../subgroups/subgroup.js';
import type { DataSection, ReportBlock, ReportContext } from '../annualReport.js';

const PARTNER: Readonly<Record<Exclude<StatutoryRole, 'none'>, string>> = {
  'local-authority': 'Local authority',
  health: 'Health (integrated care board)',
  police: 'Police',
};

const CADENCE: Readonly<Record<Cadence, string>> = {
  monthly: 'Monthly',
  'six-weekly': 'Every six weeks',
  'bi-monthly': 'Every two months',
  quarterly: 'Quarterly',
  termly: 'Termly',
  'twice-yearly': 'Twice a year',
  'ad-hoc': 'As needed',
};


/** Whether a membership overlapped the year (its dates inclusive, the year's end exclusive). */
function memberInYear(membership: Membership, context: ReportContext): boolean {
  return membership.joined < context.range.end && (membership.left === null || membership.left >= context.range.start);
}

function blocks(context: ReportContext): ReportBlock[] | null {
  const { db, period } = context;
  if (db.subgroups.length === 0 && db.agencies.length === 0) return null;
  const people = new Map(db.people.map((p) => [p.id, p.name] as const));
  const agencies = new Map(db.agencies.map((a) => [a.id, a] as const));
  const executive = db.subgroups.find((s) => s.kind === 'executive');

  // The statutory partners are the Executive's members that are partners; without an Executive,
  // every agency that is a partner in its own right.
  const partnerIds = executive
    ? executive.members.filter((m) => memberInYear(m, context)).map((m) => m.agencyId)
    : db.agencies.filter((a) => a.statutoryRole !== 'none' && (a.parentId === null || statutoryRoleOf(db, a.parentId) !== a.statutoryRole)).map((a) => a.id);
  const partnerRows: Row[] = (Object.keys(PARTNER) as Array<keyof typeof PARTNER>).flatMap((role) =>
    [...new Set(partnerIds)].filter((id) => statutoryRoleOf(db, id) === role).map((id) => ({ partner: PARTNER[role], agency: agencies.get(id)?.name ?? id })),
  );
  const partners: Table = {
    title: 'The statutory safeguarding partners',
    columns: [
      { key: 'partner', header: 'Partner', type: 'text' },
      { key: 'agency', header: 'Agency', type: 'text' },
    ],
    rows: partnerRows,
  };

  const meetings = new Map(meetingsSummary(db, { period }).map((m) => [m.subgroupId, m] as const));
  const groups: Table = {
    title: `The Executive and subgroups ${period.year.label}`,
    columns: [
      { key: 'group', header: 'Group', type: 'text' },
      { key: 'chair', header: 'Chair', type: 'text' },
      { key: 'deputy', header: 'Deputy chair', type: 'text' },
      { key: 'cadence', header: 'Meets', type: 'text' },
      { key: 'members', header: 'Member agencies', type: 'integer' },
      { key: 'held', header: 'Meetings held', type: 'integer' },
      { key: 'quorate', header: 'Quorate', type: 'integer' },
    ],
    rows: db.subgroups.map((s) => ({
      group: s.name,
      chair: s.chairId === null ? null : (people.get(s.chairId) ?? null),
      deputy: s.deputyChairId === null ? null : (people.get(s.deputyChairId) ?? null),
      cadence: CADENCE[s.cadence],
      members: new Set(s.members.filter((m) => memberInYear(m, context)).map((m) => m.agencyId)).size,
      held: meetings.get(s.id)?.held ?? 0,
      quorate: meetings.get(s.id)?.quorate ?? 0,
    })),
  };

  const agencyRows: Row[] = db.agencies.map((agency) => {
    const role = statutoryRoleOf(db, agency.id);
    const sitsOn = db.subgroups.filter((s) => s.members.some((m) => m.agencyId === agency.id && memberInYear(m, context))).map((s) => s.shortName);
    return {
      agency: agency.name,
      sector: agency.kind === 'role' ? 'Role' : SECTOR_LABELS[agency.sector],
      partner: role === 'none' ? null : PARTNER[role],
      groups: sitsOn.length === 0 ? null : sitsOn.join(', '),
    };
  });
  const memberAgencies: Table = {
    title: `Member and relevant agencies ${period.year.label}`,
    columns: [
      { key: 'agency', header: 'Agency', type: 'text' },
      { key: 'sector', header: 'Sector', type: 'text' },
      { key: 'partner', header: 'Statutory partner', type: 'text' },
      { key: 'groups', header: 'Groups', type: 'text' },
    ],
    rows: agencyRows,
  };

  const members = agencyRows.filter((r) => r.groups !== null).length;
  const summary =
    `${db.partnership.name} covers ${db.partnership.area}. ` +
    (partnerRows.length > 0 ? `Its statutory safeguarding partners are ${listOf(partnerRows.map((r) => String(r.agency)))}. ` : '') +
    `In ${period.year.label} it had ${db.subgroups.length} ${db.subgroups.length === 1 ? 'board or subgroup' : 'boards and subgroups'}, ` +
    `on which ${members} of the ${agencyRows.length} agencies in its register sat.`;
  return [
    { kind: 'paragraph', text: summary },
    { kind: 'table', table: partners },
    { kind: 'table', table: groups, notes: ['Member agencies: those that were members at any time in the year. Meetings held and quorate: in the year.'] },
    { kind: 'table', table: memberAgencies },
  ];
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Governance and arrangements: the statutory partners, the Executive and subgroups with chairs and cadence, and the agencies. */
export const governanceSection: DataSection = {
  kind: 'data',
  id: 'governance',
  title: 'Governance and arrangements',
  build: blocks,
  noData: () => 'No agencies or subgroups are recorded yet (ptrack import agencies, subgroups, members).',
};

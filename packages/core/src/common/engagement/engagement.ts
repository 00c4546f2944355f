import { z } from 'zod';
import { quorumRoleOf } from '../agencies/statutoryRole.js';
import { roundHalfUp } from '../base/rounding.js';
import type { Attendance } from '../attendance/attendance.js';
import { isInRange, localDateOf, periodDates, periodLabel, type DateRange, type Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import type { Meeting } from '../meetings/meeting.js';
import type { Database } from '../store/database.js';
import { isMemberOn, membershipCovers, type Membership, type Subgroup } from '../subgroups/subgroup.js';

/** One cell of the engagement table: not a member ("—"), a member with no meeting held ("n/a"), or a percentage. */
export const EngagementCell = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('non-member') }),
  z.object({ kind: z.literal('no-meetings') }),
  z.object({
    kind: z.literal('value'),
    attendances: z.number().int().nonnegative(),
    meetingsHeld: z.number().int().positive(),
    percent: z.number().int().nonnegative(),
    /** The share of the seats the agency was expected to fill (its expected representatives) that someone filled. */
    seatCoverage: z.number().int().min(0).max(100),
  }),
]);
export type EngagementCell = z.infer<typeof EngagementCell>;

/** A subgroup column of the engagement table, with its meeting counts for the period. */
export const EngagementColumn = z.object({
  subgroupId: z.string(),
  name: z.string(),
  shortName: z.string(),
  meetingsHeld: z.number().int().nonnegative(),
  meetingsPlanned: z.number().int().nonnegative(),
  meetingsCancelled: z.number().int().nonnegative(),
  quorateMeetings: z.number().int().nonnegative(),
});
export type EngagementColumn = z.infer<typeof EngagementColumn>;

/** A row of the engagement table: an agency, a role, or the guests. */
export const EngagementRow = z.object({
  key: z.string(),
  agencyId: z.string().nullable(),
  label: z.string(),
  kind: z.enum(['organisation', 'role', 'guest']),
  /** Short names of the column subgroups the agency belonged to in the period ("Group Participation"). */
  groups: z.array(z.string()),
  /** Cells keyed by subgroup id. */
  cells: z.record(z.string(), EngagementCell),
});
export type EngagementRow = z.infer<typeof EngagementRow>;

/** The published engagement table: attendance % of each agency at each subgroup over a period. */
export const EngagementTable = z.object({
  periodLabel: z.string(),
  columns: z.array(EngagementColumn),
  rows: z.array(EngagementRow),
});
export type EngagementTable = z.infer<typeof EngagementTable>;

/** Which meetings and subgroups an engagement calculation covers. */
export interface EngagementOptions {
  readonly period: Period;
  /** Column subgroups, in column order; every subgroup with kind 'subgroup' by default. */
  readonly subgroupIds?: readonly string[];
}

/** An agency's engagement in one group that is below the partnership's threshold. */
export interface CellBelowThreshold {
  readonly agencyId: string;
  readonly label: string;
  readonly column: EngagementColumn;
  readonly percent: number;
}

/**
 * The agencies' cells below `threshold`, row by row: what the digest names and what a card too
 * small for the whole table still shows. Non-members and groups that met nowhere are not below
 * anything; the guest row is no agency.
 */
export function cellsBelowThreshold(table: EngagementTable, threshold: number): CellBelowThreshold[] {
  return table.rows.flatMap((row) => {
    const agencyId = row.agencyId;
    if (agencyId === null) return [];
    return table.columns.flatMap((column) => {
      const cell = row.cells[column.subgroupId];
      return cell?.kind === 'value' && cell.percent < threshold ? [{ agencyId, label: row.label, column, percent: cell.percent }] : [];
    });
  });
}

/** Shows a cell as the annual report does: "—" for a non-member, "n/a" when nothing was held, else "133%". */
export function formatEngagementCell(cell: EngagementCell): string {
  switch (cell.kind) {
    case 'non-member':
      return '—';
    case 'no-meetings':
      return 'n/a';
    case 'value':
      return `${cell.percent}%`;
  }
}

/** The engagement of every agency at every column subgroup over a period, as the annual report prints it. */
export function engagementTable(db: Database, options: EngagementOptions): EngagementTable {
  return engagementTableForRange(db, {
    range: periodDates(options.period, db.partnership.financialYearStart),
    label: periodLabel(options.period),
    ...(options.subgroupIds === undefined ? {} : { subgroupIds: options.subgroupIds }),
  });
}

/**
 * The engagement table over any run of dates (end exclusive), e.g. a financial year to date;
 * `label` names the run in the table.
 */
export function engagementTableForRange(
  db: Database,
  options: { range: DateRange; label: string; subgroupIds?: readonly string[] },
): EngagementTable {
  const context = new EngagementContext(db, options.range);
  const subgroups = (options.subgroupIds ?? db.subgroups.filter((s) => s.kind === 'subgroup').map((s) => s.id))
    .map((id) => db.subgroups.find((s) => s.id === id))
    .filter((s): s is Subgroup => s !== undefined);

  const columns = subgroups.map((subgroup) => context.column(subgroup));
  const rows: EngagementRow[] = [];
  for (const agency of db.agencies) {
    const memberOf = subgroups
      .map((subgroup, index) => ({ subgroup, index, first: firstJoined(overlapping(subgroup, agency.id, options.range)) }))
      .filter((entry): entry is typeof entry & { first: LocalDate } => entry.first !== null);
    if (memberOf.length === 0) continue;
    memberOf.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.index - b.index));
    rows.push({
      key: agency.id,
      agencyId: agency.id,
      label: agency.name,
      kind: agency.kind,
      groups: memberOf.map((entry) => entry.subgroup.shortName),
      cells: Object.fromEntries(subgroups.map((subgroup) => [subgroup.id, context.agencyCell(subgroup, agency.id)])),
    });
  }
  const guestCells = Object.fromEntries(subgroups.map((subgroup) => [subgroup.id, context.guestCell(subgroup)]));
  if (Object.values(guestCells).some((cell) => cell.kind === 'value')) {
    rows.push({ key: 'guest', agencyId: null, label: 'Guest', kind: 'guest', groups: ['All Groups'], cells: guestCells });
  }
  return { periodLabel: options.label, columns, rows };
}

/** Each agency's engagement across all subgroups (the Executive included) over a period; null percent when nothing was held. */
export function engagementByAgency(
  db: Database,
  options: EngagementOptions,
): Array<{ agencyId: string; label: string; attendances: number; meetingsHeld: number; percent: number | null }> {
  const range = periodDates(options.period, db.partnership.financialYearStart);
  const context = new EngagementContext(db, range);
  const subgroups = options.subgroupIds === undefined ? db.subgroups : db.subgroups.filter((s) => options.subgroupIds!.includes(s.id));
  const out = [];
  for (const agency of db.agencies) {
    let attendances = 0;
    let meetingsHeld = 0;
    let member = false;
    for (const subgroup of subgroups) {
      const cell = context.agencyCell(subgroup, agency.id);
      if (cell.kind !== 'non-member') member = true;
      if (cell.kind === 'value') {
        attendances += cell.attendances;
        meetingsHeld += cell.meetingsHeld;
      }
    }
    if (!member) continue;
    out.push({ agencyId: agency.id, label: agency.name, attendances, meetingsHeld, percent: meetingsHeld === 0 ? null : roundHalfUp(attendances, meetingsHeld) });
  }
  return out;
}

/** How many meetings each subgroup (the Executive included) planned, held, cancelled and held quorate in a period. */
export function meetingsSummary(
  db: Database,
  options: { period: Period },
): Array<{ subgroupId: string; name: string; planned: number; held: number; cancelled: number; quorate: number }> {
  const context = new EngagementContext(db, periodDates(options.period, db.partnership.financialYearStart));
  return db.subgroups.map((subgroup) => {
    const column = context.column(subgroup);
    return {
      subgroupId: subgroup.id,
      name: subgroup.name,
      planned: column.meetingsPlanned,
      held: column.meetingsHeld,
      cancelled: column.meetingsCancelled,
      quorate: column.quorateMeetings,
    };
  });
}

/**
 * Whether a meeting met its subgroup's quorum: enough distinct member agencies represented and,
 * when required, each statutory partner represented (by any agency that stands for that partner,
 * `quorumRoleOf` — a partner need not be on the member list to count).
 */
export function isQuorate(db: Database, meeting: Meeting): boolean {
  const represented: Array<string | null> = [];
  for (const line of db.attendance) {
    if (line.meetingId === meeting.id && line.status === 'present') represented.push(agencyCountedFor(line));
  }
  return meetsQuorum(db, meeting, localDateOf(meeting.start, db.partnership.timeZone), represented);
}

/** The quorum rule applied to the agencies (null for guests) present at a meeting. */
function meetsQuorum(db: Database, meeting: Meeting, date: LocalDate, present: ReadonlyArray<string | null>): boolean {
  const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId);
  if (!subgroup) return false;
  const represented = new Set(present.filter((agencyId): agencyId is string => agencyId !== null));
  const members = [...represented].filter((agencyId) => isMemberOn(subgroup, agencyId, date));
  if (members.length < subgroup.quorum.minAgencies) return false;
  if (!subgroup.quorum.statutoryPartnersRequired) return true;
  const roles = new Set([...represented].map((agencyId) => quorumRoleOf(db, agencyId)));
  return roles.has('local-authority') && roles.has('health') && roles.has('police');
}

/**
 * The agency a register line counts for: the one stamped on it when it was recorded (the
 * deputised person's as at the meeting, else the attendee's); null for a guest.
 */
export function agencyCountedFor(line: Pick<Attendance, 'agencyId'>): string | null {
  return line.agencyId;
}

/** Counts over one run of dates, with the meetings and register lines indexed once. */
class EngagementContext {
  private readonly meetingsBySubgroup = new Map<string, Array<{ meeting: Meeting; date: LocalDate }>>();
  private readonly presentByMeeting = new Map<string, Array<string | null>>();

  constructor(
    private readonly db: Database,
    private readonly range: DateRange,
  ) {
    const timeZone = db.partnership.timeZone;
    for (const meeting of db.meetings) {
      const date = localDateOf(meeting.start, timeZone);
      if (!isInRange(date, range)) continue;
      const list = this.meetingsBySubgroup.get(meeting.subgroupId) ?? [];
      list.push({ meeting, date });
      this.meetingsBySubgroup.set(meeting.subgroupId, list);
    }
    for (const line of db.attendance) {
      if (line.status !== 'present') continue;
      const list = this.presentByMeeting.get(line.meetingId) ?? [];
      list.push(agencyCountedFor(line));
      this.presentByMeeting.set(line.meetingId, list);
    }
  }

  column(subgroup: Subgroup): EngagementColumn {
    const meetings = this.meetingsBySubgroup.get(subgroup.id) ?? [];
    const held = meetings.filter((m) => m.meeting.status === 'held');
    return {
      subgroupId: subgroup.id,
      name: subgroup.name,
      shortName: subgroup.shortName,
      meetingsHeld: held.length,
      meetingsPlanned: meetings.length,
      meetingsCancelled: meetings.filter((m) => m.meeting.status === 'cancelled').length,
      quorateMeetings: held.filter((m) => meetsQuorum(this.db, m.meeting, m.date, this.present(m.meeting))).length,
    };
  }

  agencyCell(subgroup: Subgroup, agencyId: string): EngagementCell {
    const windows = overlapping(subgroup, agencyId, this.range);
    if (windows.length === 0) return { kind: 'non-member' };
    const held = this.held(subgroup).flatMap((m) => {
      const window = windows.find((w) => membershipCovers(w, m.date));
      return window ? [{ present: this.present(m.meeting).filter((a) => a === agencyId).length, seats: window.expectedRepresentatives }] : [];
    });
    return this.valueCell(held) ?? { kind: 'no-meetings' };
  }

  guestCell(subgroup: Subgroup): EngagementCell {
    const held = this.held(subgroup);
    const counts = held.map((m) => ({ present: this.present(m.meeting).filter((a) => a === null).length, seats: 1 }));
    if (!counts.some((count) => count.present > 0)) return { kind: 'non-member' };
    return this.valueCell(counts) ?? { kind: 'no-meetings' };
  }

  /**
   * A value cell from who was present at each meeting held and how many seats the agency was
   * expected to fill there, or null when none was held. Seat coverage is the share of those seats
   * filled: a third representative fills no seat a second did not, and with no seat expected at
   * all nothing is missing (100%).
   */
  private valueCell(meetings: ReadonlyArray<{ present: number; seats: number }>): EngagementCell | null {
    const meetingsHeld = meetings.length;
    if (meetingsHeld === 0) return null;
    const attendances = meetings.reduce((sum, m) => sum + m.present, 0);
    const seats = meetings.reduce((sum, m) => sum + m.seats, 0);
    const filled = meetings.reduce((sum, m) => sum + Math.min(m.present, m.seats), 0);
    return {
      kind: 'value',
      attendances,
      meetingsHeld,
      percent: roundHalfUp(attendances, meetingsHeld),
      seatCoverage: seats === 0 ? 100 : roundHalfUp(filled, seats),
    };
  }

  private held(subgroup: Subgroup): Array<{ meeting: Meeting; date: LocalDate }> {
    return (this.meetingsBySubgroup.get(subgroup.id) ?? []).filter((m) => m.meeting.status === 'held');
  }

  private present(meeting: Meeting): ReadonlyArray<string | null> {
    return this.presentByMeeting.get(meeting.id) ?? [];
  }
}

function memberships(subgroup: Subgroup, agencyId: string): Membership[] {
  return subgroup.members.filter((m) => m.agencyId === agencyId);
}

/** An agency's memberships of a subgroup that share at least one day with a run of dates. */
function overlapping(subgroup: Subgroup, agencyId: string, range: DateRange): Membership[] {
  return memberships(subgroup, agencyId).filter((m) => m.joined < range.end && (m.left === null || m.left >= range.start));
}

function firstJoined(list: readonly Membership[]): LocalDate | null {
  return list.reduce<LocalDate | null>((first, m) => (first === null || m.joined < first ? m.joined : first), null);
}

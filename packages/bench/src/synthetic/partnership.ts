import {
  addDays,
  addMonths,
  attendanceId,
  CURRENT_SCHEMA_VERSION,
  zonedTimeToInstant,
  type Action,
  type ActionStatus,
  type ActionUpdate,
  type Agency,
  type Attendance,
  type AuditEntry,
  type BusinessPlan,
  type Contribution,
  type ConversationReference,
  type Database,
  type Expenditure,
  type Meeting,
  type Membership,
  type OutboxMessage,
  type Person,
  type Sector,
  type StatutoryRole,
  type Subgroup,
} from '@partnership-tracker/core';
import { Random } from './random.js';

/** How big a synthetic partnership is, and which sequence generates it. */
export interface SyntheticOptions {
  /** 1 is a real partnership over ten years; 3 and 10 are the largest a file will hold. */
  readonly scale: number;
  readonly seed?: number;
}

/** What the benchmarks act on in a synthetic partnership: periods to report on and who changes what. */
export interface Workload {
  readonly digestQuarter: string;
  readonly engagementYear: string;
  readonly fundingYear: string;
  /** The owner with the most open actions in the current plan, who updates them (through the CLI or the bot). */
  readonly owner: Owner;
  /** Up to twenty owners of open actions, the one above first: the people in concurrent bot conversations. */
  readonly owners: readonly Owner[];
  /** A subgroup chair, with held meetings whose registers they re-record and ten people to put on them. */
  readonly chair: {
    readonly personId: string;
    readonly subgroupId: string;
    readonly meetingIds: readonly string[];
    readonly attendeeIds: readonly string[];
  };
}

/** A person who owns open actions, with their Teams identity. */
export interface Owner {
  readonly personId: string;
  readonly teamsAadObjectId: string;
  readonly openActionRefs: readonly string[];
}

/** A synthetic partnership: the data, the moment its history runs to, and the benchmark's workload. */
export interface SyntheticPartnership {
  readonly db: Database;
  readonly asOf: string;
  readonly workload: Workload;
}

const TIME_ZONE = 'Europe/London';
/** The history runs from December 2016 to this moment: ten years, like the real partnership. */
export const SYNTHETIC_AS_OF = '2026-11-16T09:00:00.000Z';
const HISTORY_START = '2016-12-01';
const CALENDAR_END = '2027-03-31';
const AS_OF_DATE = SYNTHETIC_AS_OF.slice(0, 10);
/** With one or two seats each and 82% present, about 17 register lines a meeting: 20,000 at 1×. */
const MEMBERS_PER_SUBGROUP = 16;
const MEETING_MONTHS = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11]; // no meetings in August or December

/** One commit of the history: who made it, when, and the audit entries it wrote. */
interface Change {
  readonly at: string;
  readonly by: string;
  readonly entries: Array<Omit<AuditEntry, 'seq' | 'at' | 'by'>>;
}

/**
 * Builds a synthetic partnership of the given scale directly as a `Database` (valid per
 * `Database.parse`), with one audit entry per change as the store would have written, in time
 * order. It is built directly rather than by replaying commands because `applyCommands` copies
 * the collections it changes, so replaying ~30,000 changes one by one is quadratic (hours at 10×).
 * At scale s: 50·s agencies, 12·s subgroups, ~1,200·s meetings, ~20,000·s register lines,
 * 600·s actions with ~6,000·s updates, over the same ten years. Deterministic for a seed.
 */
export function syntheticPartnership(options: SyntheticOptions): SyntheticPartnership {
  return new Generator(options.scale, new Random(options.seed ?? 20_161_201)).build();
}

const agencyTemplates: ReadonlyArray<{ prefix: string; sector: Sector; statutoryRole: StatutoryRole; parent?: 'council' | 'police' }> = [
  { prefix: 'Council Department', sector: 'local-authority', statutoryRole: 'local-authority', parent: 'council' },
  { prefix: 'NHS Trust', sector: 'health', statutoryRole: 'health' },
  { prefix: 'Schools Trust', sector: 'education', statutoryRole: 'none' },
  { prefix: 'Voluntary Organisation', sector: 'voluntary-community', statutoryRole: 'none' },
  { prefix: 'Housing Provider', sector: 'housing', statutoryRole: 'none' },
  { prefix: 'Police Unit', sector: 'police', statutoryRole: 'police', parent: 'police' },
  { prefix: 'Probation Unit', sector: 'probation', statutoryRole: 'none' },
  { prefix: 'Community Group', sector: 'other', statutoryRole: 'none' },
];

const subgroupNames = [
  'Quality Assurance',
  'Case Review',
  'Learning and Development',
  'Exploitation',
  'Neglect',
  'Education Safeguarding',
  'Health Safeguarding',
  'Early Help',
  'Domestic Abuse',
  'Editorial',
  'Voice of the Child',
];

const expenditureCategories = ['Staffing', 'Independent scrutiny', 'Training', 'Safeguarding practice reviews', 'Communications', 'Venues and events', 'Systems', 'Other'];

const notes = [
  'Partner returns received; next steps agreed.',
  'Reviewed at the subgroup; on course.',
  'Audit findings shared with the Executive.',
  'Waiting for the health data extract.',
  'Training sessions booked for next month.',
  'Draft guidance out for consultation with partners.',
  'Met the ICB lead; agreed the approach.',
  'Delayed by staffing changes; plan to recover next quarter.',
  'Multi-agency audit completed; report drafted.',
  'Young people consulted through the youth forum.',
];

class Generator {
  private readonly changes: Change[] = [];
  private readonly agencies: Agency[] = [];
  private readonly people: Person[] = [];
  private readonly peopleByAgency = new Map<string, Person[]>();
  private readonly subgroups: Subgroup[] = [];
  private readonly meetings: Meeting[] = [];
  private readonly attendance: Attendance[] = [];
  private readonly plans: BusinessPlan[] = [];
  private readonly actions: Action[] = [];
  private readonly contributions: Contribution[] = [];
  private readonly expenditure: Expenditure[] = [];
  private readonly conversations: ConversationReference[] = [];
  private readonly outbox: OutboxMessage[] = [];
  private readonly businessTeam: string[] = [];

  constructor(
    private readonly scale: number,
    private readonly random: Random,
  ) {
    if (!(scale > 0)) throw new RangeError(`scale must be positive, not ${scale}`);
  }

  build(): SyntheticPartnership {
    this.addAgencies();
    this.addPeople();
    this.addSubgroups();
    this.addMeetings();
    this.addPlansAndActions();
    this.addFunding();
    this.addConversations();
    this.addOutbox();
    const db = this.database();
    return { db, asOf: SYNTHETIC_AS_OF, workload: this.workload(db) };
  }

  private count(atOne: number): number {
    return Math.max(1, Math.round(atOne * this.scale));
  }

  private change(at: string, by: string, entries: Change['entries']): void {
    if (entries.length > 0) this.changes.push({ at, by, entries });
  }

  private static created(command: string, entity: string, entityId: string, after: unknown): Change['entries'][number] {
    return { command, entity, entityId, before: null, after };
  }

  private addAgencies(): void {
    const at = london(HISTORY_START, '09:00');
    const fixed: Agency[] = [
      agency('council', 'Council', 'local-authority', 'local-authority'),
      agency('integrated-care-board', 'Integrated Care Board', 'health', 'health'),
      agency('police', 'Police', 'police', 'police'),
      { ...agency('independent-chair', 'Independent Chair', 'independent', 'none'), kind: 'role' },
      { ...agency('independent-scrutineer', 'Independent Scrutineer', 'independent', 'none'), kind: 'role' },
    ];
    this.agencies.push(...fixed);
    const total = this.count(50);
    for (let index = 0; this.agencies.length < total; index++) {
      const template = agencyTemplates[index % agencyTemplates.length]!;
      const number = Math.floor(index / agencyTemplates.length) + 1;
      const name = `${template.prefix} ${number}`;
      const parentId = template.parent === undefined ? null : template.parent;
      this.agencies.push({ ...agency(slug(name), name, template.sector, template.statutoryRole), parentId });
    }
    this.change(at, 'system:cli', this.agencies.map((a) => Generator.created('agency.upsert', 'agency', a.id, a)));
  }

  private addPeople(): void {
    const at = london(addDays(HISTORY_START, 1), '09:00');
    let number = 0;
    for (const agency of this.agencies) {
      const staff = agency.kind === 'role' ? 1 : this.random.integer(3, 5);
      const list: Person[] = [];
      for (let k = 0; k < staff; k++) {
        number++;
        const id = `person-${String(number).padStart(5, '0')}`;
        list.push({
          id,
          name: `${agency.name} Lead ${k + 1}`,
          email: `${id}@${agency.id}.example.org`,
          agencyId: agency.id,
          roleTitles: [k === 0 ? 'Safeguarding lead' : 'Safeguarding practitioner'],
          roles: [],
          teamsAadObjectId: `00000000-0000-4000-8000-${number.toString(16).padStart(12, '0')}`,
          slackUserId: null,
          preferredChat: null,
          active: true,
          affiliations: [],
          inactiveFrom: null,
          erasedAt: null,
        });
      }
      this.peopleByAgency.set(agency.id, list);
      this.people.push(...list);
    }
    // The council's first three people are the partnership's business team.
    for (const person of this.peopleByAgency.get('council')!.slice(0, 3)) {
      person.roles = ['business-team'];
      this.businessTeam.push(person.id);
    }
    this.change(at, 'system:cli', this.people.map((p) => Generator.created('person.upsert', 'person', p.id, p)));
  }

  private addSubgroups(): void {
    const at = london(addDays(HISTORY_START, 2), '09:00');
    const organisations = this.agencies.filter((a) => a.kind === 'organisation');
    const total = this.count(12);
    for (let index = 0; index < total; index++) {
      const executive = index === 0;
      const round = Math.floor((index - 1) / subgroupNames.length) + 1;
      const baseName = executive ? 'Executive' : subgroupNames[(index - 1) % subgroupNames.length]!;
      const name = executive ? 'Executive' : round === 1 ? `${baseName} Subgroup` : `${baseName} Subgroup ${round}`;
      const shortName = executive ? 'Exec' : `${initials(baseName)}${round === 1 ? '' : round}`;
      const chosen = new Set<Agency>(executive ? organisations.slice(0, 3) : []);
      for (const agency of this.random.sample(organisations, MEMBERS_PER_SUBGROUP)) {
        if (chosen.size < MEMBERS_PER_SUBGROUP) chosen.add(agency);
      }
      const members: Membership[] = [...chosen].map((agency) => {
        const joined = this.random.chance(0.75) ? HISTORY_START : addDays(HISTORY_START, this.random.integer(30, 5 * 365));
        const leaves = this.random.chance(0.1);
        return {
          agencyId: agency.id,
          joined,
          left: leaves ? addDays(joined, this.random.integer(365, 4 * 365)) : null,
          expectedRepresentatives: this.random.chance(0.2) ? 2 : 1,
        };
      });
      const memberPeople = members.flatMap((m) => this.peopleByAgency.get(m.agencyId) ?? []);
      const [chair, deputy] = this.random.sample(memberPeople, 2);
      const id = executive ? 'executive' : slug(name);
      this.subgroups.push({
        id,
        name,
        shortName,
        kind: executive ? 'executive' : 'subgroup',
        chairId: chair!.id,
        deputyChairId: deputy!.id,
        cadence: 'monthly',
        members,
        quorum: executive ? { minAgencies: 3, statutoryPartnersRequired: true } : { minAgencies: 4, statutoryPartnersRequired: false },
        channel: { kind: 'teams', conversationId: `19:${id}@thread.tacv2`, name, boundBy: chair!.id, boundAt: at },
        maintains: [],
      });
    }
    this.change(at, 'system:cli', this.subgroups.map((s) => Generator.created('subgroup.upsert', 'subgroup', s.id, s)));
  }

  private addMeetings(): void {
    // The business team books each financial year's calendar in one import the March before.
    const byBooking = new Map<string, Meeting[]>();
    for (const [index, subgroup] of this.subgroups.entries()) {
      const day = 8 + (index % 14);
      for (let month = HISTORY_START; month <= CALENDAR_END; month = addMonths(month, 1)) {
        const monthNumber = Number(month.slice(5, 7));
        if (!MEETING_MONTHS.includes(monthNumber)) continue;
        const date = `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
        const start = london(date, '10:00');
        const meeting: Meeting = {
          id: `${subgroup.id}-${date}`,
          subgroupId: subgroup.id,
          title: null,
          start,
          end: new Date(Date.parse(start) + 2 * 3_600_000).toISOString(),
          location: null,
          link: `https://teams.example.org/meet/${subgroup.id}-${date}`,
          status: 'scheduled',
        };
        const yearStart = monthNumber >= 4 ? Number(month.slice(0, 4)) : Number(month.slice(0, 4)) - 1;
        const booked = Math.max(yearStart, 2016);
        const key = booked === 2016 ? london(addDays(HISTORY_START, 3), '09:00') : london(`${booked}-03-01`, '09:00');
        byBooking.set(key, [...(byBooking.get(key) ?? []), meeting]);
        this.meetings.push(meeting);
      }
    }
    for (const [at, list] of byBooking) {
      this.change(at, 'system:cli', list.map((m) => Generator.created('meeting.upsert', 'meeting', m.id, { ...m })));
    }
    for (const meeting of this.meetings) {
      // Registers are recorded the day after; a meeting of the last day is still awaiting its register.
      if (Date.parse(meeting.end) + 86_400_000 > Date.parse(SYNTHETIC_AS_OF)) continue;
      if (this.random.chance(0.05)) {
        meeting.status = 'cancelled';
        const at = new Date(Date.parse(meeting.start) - 7 * 86_400_000).toISOString();
        this.change(at, this.random.pick(this.businessTeam), [
          { command: 'meeting.setStatus', entity: 'meeting', entityId: meeting.id, before: { status: 'scheduled' }, after: { status: 'cancelled' } },
        ]);
        continue;
      }
      this.recordRegister(meeting);
    }
  }

  private recordRegister(meeting: Meeting): void {
    const subgroup = this.subgroups.find((s) => s.id === meeting.subgroupId)!;
    const date = meeting.start.slice(0, 10);
    const recordedAt = new Date(Date.parse(meeting.end) + 86_400_000).toISOString();
    const recordedById = subgroup.chairId!;
    const lines: Attendance[] = [];
    const line = (personId: string | null, guestName: string | null, status: Attendance['status'], agencyId: string | null, deputisingForId: string | null = null) => {
      lines.push({
        id: attendanceId(meeting.id, { personId, guestName }),
        meetingId: meeting.id,
        personId,
        guestName,
        status,
        deputisingForId,
        agencyId,
        recordedById,
        recordedAt,
      });
    };
    for (const member of subgroup.members) {
      if (member.joined > date || (member.left !== null && member.left < date)) continue;
      const staff = this.peopleByAgency.get(member.agencyId) ?? [];
      const seats = this.random.sample(staff, member.expectedRepresentatives);
      const listed = new Set(seats);
      for (const person of seats) {
        const roll = this.random.next();
        const status = roll < 0.82 ? 'present' : roll < 0.95 ? 'apologies' : 'absent';
        const deputy = status === 'apologies' && this.random.chance(0.3) ? staff.find((p) => !listed.has(p)) : undefined;
        if (deputy) {
          listed.add(deputy);
          line(person.id, null, 'apologies', member.agencyId);
          line(deputy.id, null, 'present', member.agencyId, person.id);
        } else {
          line(person.id, null, status, member.agencyId);
        }
      }
    }
    if (this.random.chance(0.1)) line(null, `Guest Speaker ${this.random.integer(1, 40)}`, 'present', null);
    this.attendance.push(...lines);
    meeting.status = 'held';
    this.change(recordedAt, recordedById, [
      ...lines.map((l) => Generator.created('attendance.record', 'attendance', l.id, l)),
      { command: 'attendance.record', entity: 'meeting', entityId: meeting.id, before: { status: 'scheduled' }, after: { status: 'held' } },
    ]);
  }

  private addPlansAndActions(): void {
    const owners = this.people.filter((p) => this.agencies.find((a) => a.id === p.agencyId)?.kind === 'organisation');
    let actionNumber = 0;
    for (let year = 2017; year <= 2025; year += 2) {
      const start = `${year}-04-01`;
      const plan: BusinessPlan = {
        id: `business-plan-${year}-${String((year + 2) % 100).padStart(2, '0')}`,
        name: `Business Plan ${year}–${String((year + 2) % 100).padStart(2, '0')}`,
        start,
        end: `${year + 2}-03-31`,
        status: year === 2025 ? 'active' : 'closed',
        priorities: Array.from({ length: 5 }, (_, k) => ({ id: `priority-${k + 1}`, title: `Priority ${k + 1} of ${year}`, description: null })),
        commitments: Array.from({ length: 5 }, (_, k) => ({ said: `We said we would deliver commitment ${k + 1}`, delivered: year === 2025 ? null : 'We delivered it.', priorityId: `priority-${k + 1}`, actionRefs: [] })),
      };
      this.plans.push(plan);
      const approved = london(addDays(start, -20), '10:00');
      this.change(approved, 'system:cli', [Generator.created('plan.upsert', 'plan', plan.id, plan)]);
      const imported = london(addDays(start, 10), '10:00');
      const created: Action[] = [];
      for (let k = 0; k < this.count(120); k++) {
        actionNumber++;
        const owner = this.random.pick(owners);
        const due = addDays(start, this.random.integer(90, 700));
        const creation: ActionUpdate = { at: imported, byId: 'system:cli', progress: 0, status: 'not-started', note: 'Created', requestId: null, proposal: null };
        const action: Action = {
          ref: `A-${actionNumber}`,
          planId: plan.id,
          priorityId: `priority-${this.random.integer(1, 5)}`,
          title: `Action ${actionNumber}: strengthen multi-agency practice in area ${this.random.integer(1, 40)}`,
          ownerId: owner.id,
          leadAgencyIds: owner.agencyId === null ? [] : [owner.agencyId],
          due,
          status: 'not-started',
          progress: 0,
          source: { kind: 'business-plan', reference: null },
          carriedOverFrom: null,
          snoozedUntil: null,
          createdAt: imported,
          history: [creation],
        };
        created.push(action);
        this.actions.push(action);
      }
      this.change(imported, 'system:cli', created.map((a) => Generator.created('action.create', 'action', a.ref, structuredClone(a))));
      for (const action of created) this.addUpdates(action, imported);
    }
  }

  /** About ten updates by the owner between creation and completion (or now), each its own commit. */
  private addUpdates(action: Action, from: string): void {
    const fromMs = Date.parse(from);
    const endMs = Math.min(Date.parse(`${addDays(action.due, 30)}T12:00:00.000Z`), Date.parse(SYNTHETIC_AS_OF) - 86_400_000);
    if (endMs <= fromMs) return;
    const finished = Date.parse(`${action.due}T00:00:00Z`) < Date.parse(SYNTHETIC_AS_OF) - 60 * 86_400_000;
    const outcome: ActionStatus = finished ? (this.random.chance(0.9) ? 'complete' : this.random.chance(0.5) ? 'withdrawn' : 'off-track') : 'on-track';
    const count = this.random.integer(7, 13);
    for (let k = 1; k <= count; k++) {
      const at = new Date(fromMs + Math.round(((endMs - fromMs) * k) / (count + 1)) + this.random.integer(0, 8) * 3_600_000).toISOString();
      const last = k === count;
      let progress = Math.min(95, Math.max(action.progress, Math.round((100 * k) / count) - this.random.integer(0, 10)));
      let status: ActionStatus = this.random.chance(0.8) ? 'on-track' : this.random.chance(0.75) ? 'at-risk' : 'off-track';
      if (last && finished) {
        status = outcome;
        if (outcome === 'complete') progress = 100;
      }
      const update: ActionUpdate = {
        at,
        byId: action.ownerId!,
        progress,
        status,
        note: this.random.pick(notes),
        // Half the updates come through the bot, which passes the Teams activity id.
        requestId: this.random.chance(0.5) ? `1:${hex(this.random, 20)}` : null,
        proposal: null,
      };
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (status !== action.status) [before.status, after.status] = [action.status, status];
      if (progress !== action.progress) [before.progress, after.progress] = [action.progress, progress];
      action.status = status;
      action.progress = progress;
      action.history.push(update);
      this.change(at, update.byId, [{ command: 'action.update', entity: 'action', entityId: action.ref, before, after: { ...after, historyAppended: [update] } }]);
    }
  }

  private addFunding(): void {
    const organisations = this.agencies.filter((a) => a.kind === 'organisation');
    for (let year = 2017; year <= 2026; year++) {
      const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
      const at = london(`${year}-04-20`, '10:00');
      const lines: Contribution[] = [];
      for (const agency of organisations.slice(0, this.count(25))) {
        const statutory = agency.statutoryRole !== 'none' && agency.parentId === null;
        lines.push({
          id: `contribution-${year}-${agency.id}`,
          financialYear: label,
          agencyId: agency.id,
          source: null,
          label: null,
          amountPence: statutory ? this.random.integer(80_000, 200_000) * 100 : this.random.integer(500, 20_000) * 100,
          kind: 'cash',
          state: year === 2026 && this.random.chance(0.3) ? 'pledged' : 'received',
        });
      }
      lines.push({ id: `contribution-${year}-training-income`, financialYear: label, agencyId: null, source: 'Training income', label: null, amountPence: this.random.integer(1_000, 9_000) * 100, kind: 'cash', state: 'received' });
      this.contributions.push(...lines);
      this.change(at, 'system:cli', lines.map((c) => Generator.created('contribution.upsert', 'contribution', c.id, c)));
      if (year === 2026) continue;
      const spent: Expenditure[] = Array.from({ length: this.count(8) }, (_, k) => ({
        id: `expenditure-${year}-${k + 1}`,
        financialYear: label,
        category: expenditureCategories[k % expenditureCategories.length]!,
        amountPence: this.random.integer(2_000, 120_000) * 100,
        description: null,
        formerNames: [],
      }));
      this.expenditure.push(...spent);
      this.change(london(`${year + 1}-04-15`, '10:00'), 'system:cli', spent.map((e) => Generator.created('expenditure.upsert', 'expenditure', e.id, e)));
    }
  }

  private addConversations(): void {
    for (const person of this.people) {
      if (!this.random.chance(0.7)) continue;
      const savedAt = london(addDays(HISTORY_START, this.random.integer(30, 3000)), '11:00');
      const conversationId = `a:${hex(this.random, 40)}`;
      const conversation: ConversationReference = {
        key: `teams:personal:${person.id}`,
        channel: 'teams',
        scope: 'personal',
        personId: person.id,
        conversationId,
        reference: {
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/uk/',
          conversation: { id: conversationId, conversationType: 'personal', tenantId: 'a1b2c3d4-0000-4000-8000-000000000001' },
          user: { id: `29:${hex(this.random, 30)}`, aadObjectId: person.teamsAadObjectId },
          bot: { id: '28:00000000-0000-4000-8000-00000000b07', name: 'Partnership Tracker' },
        },
        savedAt,
      };
      this.conversations.push(conversation);
      this.change(savedAt, 'system:bot', [Generator.created('conversation.save', 'conversation', conversation.key, conversation)]);
    }
  }

  /** Reminders 14 and 3 days before each action fell due: a claim and a settle each. */
  private addOutbox(): void {
    for (const action of this.actions) {
      for (const days of [14, 3]) {
        const on = addDays(action.due, -days);
        if (on >= AS_OF_DATE) continue;
        const claimedAt = london(on, '09:00');
        const sentAt = new Date(Date.parse(claimedAt) + 2_000).toISOString();
        const key = `reminder:due-${days}:${action.ref}:${on}`;
        const claimed: OutboxMessage = { key, state: 'claimed', claimedAt, sentAt: null, attempts: 1, error: null };
        this.outbox.push({ ...claimed, state: 'sent', sentAt });
        this.change(claimedAt, 'system:scheduler', [Generator.created('outbox.claim', 'outbox', key, claimed)]);
        this.change(sentAt, 'system:scheduler', [
          { command: 'outbox.settle', entity: 'outbox', entityId: key, before: { state: 'claimed', sentAt: null }, after: { state: 'sent', sentAt } },
        ]);
      }
    }
  }

  private database(): Database {
    // A stable sort keeps the order of changes made at the same moment.
    const changes = [...this.changes].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const audit: AuditEntry[] = [];
    for (const change of changes) {
      for (const entry of change.entries) audit.push({ seq: audit.length + 1, at: change.at, by: change.by, ...entry });
    }
    return {
      version: CURRENT_SCHEMA_VERSION,
      revision: changes.length,
      partnership: {
        name: 'Synthetic Safeguarding Children Partnership',
        area: 'Synthetic Borough',
        financialYearStart: { month: 4, day: 1 },
        timeZone: TIME_ZONE,
        engagementThreshold: 50,
        reviewTimescales: { rapidReviewWorkingDays: 15, practiceReviewMonths: 6 },
        auditProgramme: { standingQuestions: [], targets: [] },
      },
      agencies: this.agencies,
      people: this.people,
      subgroups: this.subgroups,
      meetings: this.meetings,
      attendance: this.attendance,
      contributions: this.contributions,
      expenditure: this.expenditure,
      plans: this.plans,
      actions: this.actions,
      reviews: [],
      audits: [],
      inspections: [],
      challenges: [],
      conversations: this.conversations,
      outbox: this.outbox,
      // The synthetic partnership keeps no training records: the bench measures registers and plans.
      trainingCourses: [],
      trainingBookings: [],
      elearningResults: [],
      trainingBaselines: [],
      // Nor returns: the bench measures registers and plans.
      returns: [],
      returnResponses: [],
      audit,
    };
  }

  private workload(db: Database): Workload {
    const open = db.actions.filter((a) => a.planId === this.plans.at(-1)!.id && a.status !== 'complete' && a.status !== 'withdrawn');
    const counts = new Map<string, number>();
    for (const action of open) counts.set(action.ownerId!, (counts.get(action.ownerId!) ?? 0) + 1);
    const owners = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([personId]): Owner => ({
        personId,
        teamsAadObjectId: db.people.find((p) => p.id === personId)!.teamsAadObjectId!,
        openActionRefs: open.filter((a) => a.ownerId === personId).map((a) => a.ref),
      }));
    const subgroup = db.subgroups[1] ?? db.subgroups[0]!;
    const held = db.meetings.filter((m) => m.subgroupId === subgroup.id && m.status === 'held').slice(-8);
    const attendees = subgroup.members.flatMap((m) => (this.peopleByAgency.get(m.agencyId) ?? []).map((p) => p.id)).slice(0, 10);
    return {
      digestQuarter: '2026/27 Q2',
      engagementYear: '2025/26',
      fundingYear: '2025/26',
      owner: owners[0]!,
      owners,
      chair: { personId: subgroup.chairId!, subgroupId: subgroup.id, meetingIds: held.map((m) => m.id), attendeeIds: attendees },
    };
  }
}

function agency(id: string, name: string, sector: Sector, statutoryRole: StatutoryRole): Agency {
  return { id, name, kind: 'organisation', sector, statutoryRole, quorumRole: null, parentId: null, aliases: [], predecessorIds: [] };
}

function london(date: string, time: string): string {
  return zonedTimeToInstant(date, time, TIME_ZONE).toISOString();
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function initials(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word !== 'and' && word !== 'of' && word !== 'the')
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += random.integer(0, 15).toString(16);
  return out;
}

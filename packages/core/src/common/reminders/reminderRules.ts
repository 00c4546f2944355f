import {
  addDays,
  daysBetween,
  localDateOf,
  periodDates,
  periodInstants,
  periodLabel,
  previousPeriod,
  quarterOfDate,
  zonedTimeToInstant,
  type Period,
} from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { isOpen } from '../plan/delivery.js';
import type { Action } from '../plan/plan.js';
import type { Database } from '../store/database.js';
import { isMemberOn, type Subgroup } from '../subgroups/subgroup.js';
import { addWorkingDays, firstWorkingDayOnOrAfter } from '../base/workingDays.js';
import { responseId, type ReturnResponse } from '../returns/returnRequest.js';
import { pleaseUpdateKey, withdrawalProposalKey } from './outboxKeys.js';

/** How far back a late tick still sends what it missed: a server down over a weekend sends on Monday, not last month's reminders. */
export const CATCH_UP_DAYS = 7;

/** The local time at which reminders and digests go out on a working day. */
export const SEND_TIME = '09:00';

/** Where a proactive message goes: a person's personal chat, or a subgroup's channel. */
export type MessageTarget = { readonly kind: 'person'; readonly personId: string } | { readonly kind: 'channel'; readonly subgroupId: string };

/** Which reminder of an action's series this is. */
export type ReminderOccasion = 'due-14' | 'due-3' | 'due' | 'overdue';

interface MessageBase {
  /** Names the rule and the occasion, e.g. `reminder:due-14:A-12:2026-06-16`: the same message always has the same key. */
  readonly key: string;
  /** The instant (ISO 8601 UTC) the message is due to go out. */
  readonly sendAt: string;
  readonly target: MessageTarget;
}

/** A reminder to an action's owner: 14 and 3 days before it is due, on the day, then weekly while overdue. */
export interface ActionReminder extends MessageBase {
  readonly kind: 'action-reminder';
  readonly data: { readonly actionRef: string; readonly occasion: ReminderOccasion; readonly due: LocalDate };
}

/**
 * An overdue alert: a note to a chair that an action is 14 days overdue. Not the escalation
 * protocol of the challenge log, which is challenge between agencies.
 */
export interface OverdueAlert extends MessageBase {
  readonly kind: 'overdue-alert';
  readonly data: {
    readonly actionRef: string;
    readonly due: LocalDate;
    /** The subgroup whose chair is told (the Executive when no single subgroup owns the lead agency). */
    readonly subgroupId: string;
  };
}

/** A request to an owner to update actions that have had no update this quarter. */
export interface PleaseUpdate extends MessageBase {
  readonly kind: 'please-update';
  readonly data: { readonly period: string; readonly quarterEnd: LocalDate; readonly actionRefs: readonly string[] };
}

/** A prompt to a chair to record a meeting's attendance. */
export interface AttendancePrompt extends MessageBase {
  readonly kind: 'attendance-prompt';
  readonly data: { readonly meetingId: string; readonly subgroupId: string };
}

/** The quarterly digest, posted to a channel bound to a subgroup's (usually the Executive's) digests. */
export interface DigestMessage extends MessageBase {
  readonly kind: 'digest';
  readonly data: { readonly period: string };
}

/** A note to a member of the business team that an action's owner proposes withdrawing it. */
export interface WithdrawalProposal extends MessageBase {
  readonly kind: 'withdrawal-proposal';
  readonly data: { readonly actionRef: string; readonly proposedAt: string };
}

/** Which chase of a return's series this is: a week before it is due, on the day, weekly while overdue, or by hand. */
export type ReturnChaseOccasion = 'due-7' | 'due' | 'overdue' | 'by-hand';

/** A chase to an agency's contact for a return not yet received in whole. */
export interface ReturnChase extends MessageBase {
  readonly kind: 'return-chase';
  readonly data: { readonly returnId: string; readonly agencyId: string; readonly occasion: ReturnChaseOccasion; readonly due: LocalDate };
}

/** A note to a chair that an agency's return is still not in, some working days after it was due. */
export interface ReturnOverdueAlert extends MessageBase {
  readonly kind: 'return-overdue-alert';
  readonly data: { readonly returnId: string; readonly agencyId: string; readonly due: LocalDate; readonly subgroupId: string };
}

/** A proactive message that should have gone out: what, to whom, when, and the data to render it. */
export type ScheduledMessage = ActionReminder | OverdueAlert | PleaseUpdate | AttendancePrompt | DigestMessage | WithdrawalProposal | ReturnChase | ReturnOverdueAlert;

/** How many days before a return is due its contact is first chased. */
export const RETURN_CHASE_DAYS_BEFORE = 7;

/** How many weekly chases an overdue return gets before only the business team's chases by hand remain. */
export const RETURN_OVERDUE_CHASES = 6;

/** How many working days after a return was due, with it still not in, the chair is told. */
export const RETURN_OVERDUE_ALERT_WORKING_DAYS = 10;

/** The kinds of proactive message. */
export type ScheduledMessageKind = ScheduledMessage['kind'];

/**
 * Every proactive message that should have gone out by `now` and within the last
 * {@link CATCH_UP_DAYS} days, sorted by send time. The result depends only on the data and `now`,
 * so a caller can compare its keys with the outbox to find what is still to send.
 *
 * Rules (send times are 09:00 in the partnership's time zone on a working day; a day off moves to
 * the next working day):
 * - an open action's owner is reminded 14 and 3 days before it is due, on the day, then every 7
 *   days while overdue; only the latest of these is returned, so a late tick does not send
 *   "due in 3 days" beside "due today". Nothing goes before the action existed, or before the day
 *   it is snoozed until;
 * - when an open action is 14 days overdue, the chair is told (an overdue alert; see {@link overdueAlertSubgroup});
 *   snoozing does not stop this, because the chair needs to know precisely when the owner is away;
 * - two weeks before a quarter's last day, each owner whose open actions have had no history entry
 *   since the quarter began is asked to update them (one message listing them all);
 * - an hour after a scheduled or held meeting ends with no register recorded, its chair (or, with
 *   no chair, deputy) is prompted; this goes at that moment, working day or not;
 * - on the first working day after a quarter ends, its digest goes to every channel bound to a
 *   subgroup's digests (see {@link digestDestinations});
 * - when an owner proposes withdrawing an action, each active member of the business team is told
 *   at once (working day or not), unless the action has been withdrawn since;
 * - a return not yet received in whole (nothing, partial, or sent back) is chased with its
 *   agency's contact {@link RETURN_CHASE_DAYS_BEFORE} days before it is due, on the day, then every
 *   7 days while overdue, {@link RETURN_OVERDUE_CHASES} times at most; only the latest is returned,
 *   and none before the day the contact's chases are snoozed until. A chase the business team asks
 *   for by hand goes at once (working day or not, snoozed or not);
 * - {@link RETURN_OVERDUE_ALERT_WORKING_DAYS} working days after a return was due, with it still not
 *   in, the chair is told as for an action led by that agency (see {@link overdueAlertSubgroup});
 *   snoozing does not stop this.
 *
 * "Open" means not complete or withdrawn, in an active plan; inactive people are not written to.
 */
export function dueMessages(db: Database, now: string): ScheduledMessage[] {
  const clock = new SendClock(db, now);
  const messages: ScheduledMessage[] = [
    ...actionReminders(db, clock),
    ...overdueAlerts(db, clock),
    ...pleaseUpdates(db, clock),
    ...attendancePrompts(db, clock),
    ...digests(db, clock),
    ...withdrawalProposals(db, clock),
    ...returnChases(db, clock),
    ...returnOverdueAlerts(db, clock),
  ];
  return messages.sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.key.localeCompare(b.key));
}

/**
 * The subgroup whose chair hears that an action is 14 days overdue. Plans' priorities do not
 * name a subgroup, so the lead agencies decide: the one subgroup (not the Executive) they are
 * current members of, with an active chair who is not the action's owner. When they sit on
 * several subgroups between them (statutory partners sit on all of them), on none, or the action
 * has no lead agency, the Executive's chair is told. Undefined when there is no one to tell.
 */
export function overdueAlertSubgroup(db: Database, action: Action, on: LocalDate): Subgroup | undefined {
  return chairToTell(db, action.leadAgencyIds, action.ownerId, on);
}

/**
 * The subgroup whose chair hears about work agencies owe (an action they lead, a return not sent):
 * the one subgroup they sit on between them, else the Executive. `chasedId`, the person chased,
 * is never told as chair about their own work.
 */
function chairToTell(db: Database, agencyIds: readonly string[], chasedId: string | null, on: LocalDate): Subgroup | undefined {
  const chaired = (s: Subgroup) => s.chairId !== null && s.chairId !== chasedId && isActivePerson(db, s.chairId);
  if (agencyIds.length > 0) {
    const candidates = db.subgroups.filter(
      (s) => s.kind === 'subgroup' && agencyIds.some((agencyId) => isMemberOn(s, agencyId, on)),
    );
    if (candidates.length === 1 && chaired(candidates[0]!)) return candidates[0];
  }
  const executive = db.subgroups.find((s) => s.kind === 'executive');
  return executive && executive.chairId !== null && isActivePerson(db, executive.chairId) ? executive : undefined;
}

/** Whether an action still needs work: not complete or withdrawn, in an active plan. */
export function isOpenAction(db: Database, action: Action): boolean {
  return isOpen(action) && db.plans.some((p) => p.id === action.planId && p.status === 'active');
}

/** A stable, key-safe name for a quarter: `2026-27-Q1`. */
export function quarterKey(period: Period): string {
  return periodLabel(period).replace('/', '-').replace(' ', '-');
}

/** Turns nominal occasion dates into send instants and knows which fall inside the catch-up window. */
class SendClock {
  readonly nowMs: number;
  readonly today: LocalDate;
  readonly timeZone: string;
  private readonly earliestNominal: LocalDate;
  private readonly mornings = new Map<LocalDate, { day: LocalDate; sendAt: string }>();

  constructor(db: Database, now: string) {
    this.nowMs = Date.parse(now);
    if (Number.isNaN(this.nowMs)) throw new Error(`dueMessages: "${now}" is not an instant`);
    this.timeZone = db.partnership.timeZone;
    this.today = localDateOf(now, this.timeZone);
    this.earliestNominal = addDays(this.today, -(CATCH_UP_DAYS + 7));
  }

  /** 09:00 local on the first working day on or after a nominal date (many actions share dates, so remembered). */
  workingMorning(nominal: LocalDate): { day: LocalDate; sendAt: string } {
    let morning = this.mornings.get(nominal);
    if (!morning) {
      const day = firstWorkingDayOnOrAfter(nominal);
      morning = { day, sendAt: zonedTimeToInstant(day, SEND_TIME, this.timeZone).toISOString() };
      this.mornings.set(nominal, morning);
    }
    return morning;
  }

  /**
   * Whether a nominal date could send inside the window, judged on dates alone: a send day is
   * never before its nominal date, nor (England's longest break being four days) a week after.
   */
  mayBeDue(nominal: LocalDate): boolean {
    return nominal <= this.today && nominal >= this.earliestNominal;
  }

  isDue(sendAt: string): boolean {
    const at = Date.parse(sendAt);
    return at <= this.nowMs && at > this.nowMs - CATCH_UP_DAYS * 86_400_000;
  }
}

function isActivePerson(db: Database, personId: string | null): personId is string {
  return personId !== null && db.people.some((p) => p.id === personId && p.active);
}

function actionReminders(db: Database, clock: SendClock): ActionReminder[] {
  const out: ActionReminder[] = [];
  for (const action of db.actions) {
    if (!isOpenAction(db, action) || !isActivePerson(db, action.ownerId)) continue;
    const overdueDays = daysBetween(action.due, clock.today);
    const occasions: Array<[ReminderOccasion, LocalDate]> = [
      ['due-14', addDays(action.due, -14)],
      ['due-3', addDays(action.due, -3)],
      ['due', action.due],
    ];
    // Only the last few weekly occasions can fall inside the catch-up window.
    const lastWeek = Math.floor(overdueDays / 7);
    for (let week = Math.max(1, lastWeek - 2); week <= lastWeek; week++) occasions.push(['overdue', addDays(action.due, 7 * week)]);
    let latest: ActionReminder | undefined;
    for (const [occasion, nominal] of occasions) {
      if (!clock.mayBeDue(nominal)) continue;
      const { day, sendAt } = clock.workingMorning(nominal);
      if (!clock.isDue(sendAt) || Date.parse(sendAt) < Date.parse(action.createdAt)) continue;
      if (action.snoozedUntil !== null && day < action.snoozedUntil) continue;
      latest = {
        key: `reminder:${occasion}:${action.ref}:${nominal}`,
        kind: 'action-reminder',
        sendAt,
        target: { kind: 'person', personId: action.ownerId },
        data: { actionRef: action.ref, occasion, due: action.due },
      };
    }
    if (latest) out.push(latest);
  }
  return out;
}

/**
 * The outbox key prefix of an overdue alert. The migration to schema version 8 renames the
 * outbox's `escalation:` keys to it, so an alert already sent is not sent again.
 */
export const OVERDUE_ALERT_KEY = 'overdue-alert:';

function overdueAlerts(db: Database, clock: SendClock): OverdueAlert[] {
  const out: OverdueAlert[] = [];
  for (const action of db.actions) {
    if (!isOpenAction(db, action)) continue;
    const nominal = addDays(action.due, 14);
    if (!clock.mayBeDue(nominal)) continue;
    const { day, sendAt } = clock.workingMorning(nominal);
    if (!clock.isDue(sendAt) || Date.parse(sendAt) < Date.parse(action.createdAt)) continue;
    const subgroup = overdueAlertSubgroup(db, action, day);
    if (!subgroup) continue;
    out.push({
      key: `${OVERDUE_ALERT_KEY}${action.ref}:${nominal}`,
      kind: 'overdue-alert',
      sendAt,
      target: { kind: 'person', personId: subgroup.chairId! },
      data: { actionRef: action.ref, due: action.due, subgroupId: subgroup.id },
    });
  }
  return out;
}

/** The quarter `today` is in and the one before: the only ones whose occasions can be in the window. */
function recentQuarters(db: Database, clock: SendClock): Period[] {
  const current = quarterOfDate(clock.today, db.partnership.financialYearStart);
  return [previousPeriod(current), current];
}

function pleaseUpdates(db: Database, clock: SendClock): PleaseUpdate[] {
  const out: PleaseUpdate[] = [];
  const yearStart = db.partnership.financialYearStart;
  for (const quarter of recentQuarters(db, clock)) {
    const lastDay = addDays(periodDates(quarter, yearStart).end, -1);
    const { day, sendAt } = clock.workingMorning(addDays(lastDay, -14));
    if (!clock.isDue(sendAt)) continue;
    const since = periodInstants(quarter, clock.timeZone, yearStart).start.getTime();
    const byOwner = new Map<string, string[]>();
    for (const action of db.actions) {
      if (!isOpenAction(db, action) || !isActivePerson(db, action.ownerId)) continue;
      if (action.snoozedUntil !== null && day < action.snoozedUntil) continue;
      if (action.history.some((entry) => Date.parse(entry.at) >= since)) continue;
      byOwner.set(action.ownerId, [...(byOwner.get(action.ownerId) ?? []), action.ref]);
    }
    for (const [personId, refs] of byOwner) {
      out.push({
        key: pleaseUpdateKey(personId, quarterKey(quarter)),
        kind: 'please-update',
        sendAt,
        target: { kind: 'person', personId },
        data: { period: periodLabel(quarter), quarterEnd: lastDay, actionRefs: refs.sort(compareRefs) },
      });
    }
  }
  return out;
}

function attendancePrompts(db: Database, clock: SendClock): AttendancePrompt[] {
  const out: AttendancePrompt[] = [];
  const recorded = new Set(db.attendance.map((line) => line.meetingId));
  for (const meeting of db.meetings) {
    if (meeting.status === 'cancelled' || recorded.has(meeting.id)) continue;
    const sendAt = new Date(Date.parse(meeting.end) + 3_600_000).toISOString();
    if (!clock.isDue(sendAt)) continue;
    const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId);
    if (!subgroup) continue;
    const chair = [subgroup.chairId, subgroup.deputyChairId].find((id) => isActivePerson(db, id));
    if (!chair) continue;
    out.push({
      key: `attendance:${meeting.id}`,
      kind: 'attendance-prompt',
      sendAt,
      target: { kind: 'person', personId: chair },
      data: { meetingId: meeting.id, subgroupId: subgroup.id },
    });
  }
  return out;
}

/**
 * Where each quarter's digest goes: every channel a subgroup's digests are bound to, once per
 * channel however many subgroups share it (the Executive named first), and the Executive even
 * while it has no channel, so that a scheduler can report the digest it cannot deliver yet.
 */
export function digestDestinations(db: Database): Array<{ readonly key: string; readonly subgroupId: string }> {
  const executive = db.subgroups.find((s) => s.kind === 'executive');
  const ordered = executive ? [executive, ...db.subgroups.filter((s) => s !== executive)] : db.subgroups;
  const destinations = new Map<string, string>();
  for (const subgroup of ordered) {
    const channel = subgroup.channel;
    if (channel === null) continue;
    const key = `${channel.kind}:${channel.conversationId}`;
    if (!destinations.has(key)) destinations.set(key, subgroup.id);
  }
  const bound = [...destinations].map(([key, subgroupId]) => ({ key, subgroupId }));
  return executive && executive.channel === null ? [{ key: `unbound:${executive.id}`, subgroupId: executive.id }, ...bound] : bound;
}

/** The quarter whose digest goes out after the current one ends, and the working day it goes on. */
export function nextDigest(db: Database, now: string): { readonly period: string; readonly day: LocalDate } {
  const quarter = quarterOfDate(localDateOf(now, db.partnership.timeZone), db.partnership.financialYearStart);
  return { period: periodLabel(quarter), day: firstWorkingDayOnOrAfter(periodDates(quarter, db.partnership.financialYearStart).end) };
}

function digests(db: Database, clock: SendClock): DigestMessage[] {
  const destinations = digestDestinations(db);
  if (destinations.length === 0) return [];
  const out: DigestMessage[] = [];
  for (const quarter of recentQuarters(db, clock)) {
    const { sendAt } = clock.workingMorning(periodDates(quarter, db.partnership.financialYearStart).end);
    if (!clock.isDue(sendAt)) continue;
    for (const destination of destinations) {
      out.push({
        // Keyed by the channel, so a channel gets a quarter's digest once, and a channel bound
        // later within the catch-up window still gets the quarter that has just ended.
        key: `digest:${quarterKey(quarter)}:${destination.key}`,
        kind: 'digest',
        sendAt,
        target: { kind: 'channel', subgroupId: destination.subgroupId },
        data: { period: periodLabel(quarter) },
      });
    }
  }
  return out;
}

function withdrawalProposals(db: Database, clock: SendClock): WithdrawalProposal[] {
  const businessTeam = db.people.filter((p) => p.active && p.roles.includes('business-team'));
  const out: WithdrawalProposal[] = [];
  for (const action of db.actions) {
    if (action.status === 'withdrawn') continue;
    for (const entry of action.history) {
      if (entry.proposal !== 'withdraw' || !clock.isDue(entry.at)) continue;
      for (const person of businessTeam) {
        out.push({
          key: withdrawalProposalKey(action.ref, entry.at, person.id),
          kind: 'withdrawal-proposal',
          sendAt: entry.at,
          target: { kind: 'person', personId: person.id },
          data: { actionRef: action.ref, proposedAt: entry.at },
        });
      }
    }
  }
  return out;
}

/** Whether a return still needs chasing: nothing received, part of it, or sent back. */
export function isReturnOutstanding(response: ReturnResponse | undefined): boolean {
  return response === undefined || response.state !== 'received' || response.review === 'sent-back';
}

function returnChases(db: Database, clock: SendClock): ReturnChase[] {
  const out: ReturnChase[] = [];
  const responses = new Map(db.returnResponses.map((r) => [r.id, r]));
  for (const request of db.returns) {
    const overdueDays = daysBetween(request.dueOn, clock.today);
    // Only the last few weekly occasions can fall inside the catch-up window.
    const lastWeek = Math.min(Math.floor(overdueDays / 7), RETURN_OVERDUE_CHASES);
    const occasions: Array<[ReturnChaseOccasion, LocalDate]> = [
      ['due-7', addDays(request.dueOn, -RETURN_CHASE_DAYS_BEFORE)],
      ['due', request.dueOn],
    ];
    for (let week = Math.max(1, lastWeek - 2); week <= lastWeek; week++) occasions.push(['overdue', addDays(request.dueOn, 7 * week)]);
    for (const { agencyId, contactId } of request.agencies) {
      const response = responses.get(responseId(request.id, agencyId));
      if (!isActivePerson(db, contactId) || !isReturnOutstanding(response)) continue;
      const chase = (occasion: ReturnChaseOccasion, nominal: string, sendAt: string): ReturnChase => ({
        key: `return-chase:${occasion}:${request.id}:${agencyId}:${nominal}`,
        kind: 'return-chase',
        sendAt,
        target: { kind: 'person', personId: contactId },
        data: { returnId: request.id, agencyId, occasion, due: request.dueOn },
      });
      let latest: ReturnChase | undefined;
      for (const [occasion, nominal] of occasions) {
        if (!clock.mayBeDue(nominal)) continue;
        const { day, sendAt } = clock.workingMorning(nominal);
        if (!clock.isDue(sendAt)) continue;
        if (response?.snoozedUntil != null && day < response.snoozedUntil) continue;
        latest = chase(occasion, nominal, sendAt);
      }
      if (latest) out.push(latest);
      for (const byHand of response?.chases ?? []) {
        if (clock.isDue(byHand.at)) out.push(chase('by-hand', byHand.at, byHand.at));
      }
    }
  }
  return out;
}

function returnOverdueAlerts(db: Database, clock: SendClock): ReturnOverdueAlert[] {
  const out: ReturnOverdueAlert[] = [];
  const responses = new Map(db.returnResponses.map((r) => [r.id, r]));
  for (const request of db.returns) {
    const nominal = addWorkingDays(request.dueOn, RETURN_OVERDUE_ALERT_WORKING_DAYS);
    if (!clock.mayBeDue(nominal)) continue;
    const { day, sendAt } = clock.workingMorning(nominal);
    if (!clock.isDue(sendAt)) continue;
    for (const { agencyId, contactId } of request.agencies) {
      if (!isReturnOutstanding(responses.get(responseId(request.id, agencyId)))) continue;
      const subgroup = chairToTell(db, [agencyId], contactId, day);
      if (!subgroup) continue;
      out.push({
        key: `return-overdue-alert:${request.id}:${agencyId}`,
        kind: 'return-overdue-alert',
        sendAt,
        target: { kind: 'person', personId: subgroup.chairId! },
        data: { returnId: request.id, agencyId, due: request.dueOn, subgroupId: subgroup.id },
      });
    }
  }
  return out;
}

/** Orders action refs as people read them: A-2 before A-10. */
function compareRefs(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

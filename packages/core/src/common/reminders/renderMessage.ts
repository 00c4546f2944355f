import { daysBetween, localDateOf, localTimeOf, parsePeriod, periodDates } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import type { Action } from '../plan/plan.js';
import type { Database } from '../store/database.js';
import { isOpenAction, type ScheduledMessage } from './reminderRules.js';

/** A short, channel-neutral summary a chat channel can show as a card: a title, facts and suggested replies. */
export interface MessageSummary {
  readonly title: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** Text commands the reader may send next, e.g. `update A-12`. */
  readonly commands: ReadonlyArray<{ readonly title: string; readonly command: string }>;
}

/** What a proactive message says: plain text for any channel, and a summary for a card. */
export interface RenderedMessage {
  readonly text: string;
  readonly summary: MessageSummary;
}

/**
 * Renders a scheduled message from the current data. Days are counted from `now` (by default the
 * message's own send time), so a reminder sent late by a catch-up still says the right thing.
 */
export function renderMessage(db: Database, message: ScheduledMessage, now: string = message.sendAt): RenderedMessage {
  const today = localDateOf(now, db.partnership.timeZone);
  switch (message.kind) {
    case 'action-reminder': {
      const action = db.actions.find((a) => a.ref === message.data.actionRef);
      const title = action ? `${action.ref} ${quote(action.title)}` : message.data.actionRef;
      const when = dueWording(message.data.due, today);
      return {
        text:
          `Reminder: ${title} ${when}.` +
          (action ? ` It is ${progressWording(action)}.` : '') +
          ` Reply "update ${message.data.actionRef} 60% on track — what happened" to record progress.`,
        summary: {
          title: `${message.data.actionRef} ${when}`,
          facts: action ? actionFacts(db, action) : [],
          commands: [{ title: 'Update', command: `update ${message.data.actionRef}` }],
        },
      };
    }
    case 'escalation': {
      const action = db.actions.find((a) => a.ref === message.data.actionRef);
      const subgroup = db.subgroups.find((s) => s.id === message.data.subgroupId);
      const owner = action?.ownerId ? db.people.find((p) => p.id === action.ownerId)?.name : undefined;
      const title = action ? `${action.ref} ${quote(action.title)}` : message.data.actionRef;
      const when = dueWording(message.data.due, today);
      return {
        text:
          `Escalation: ${title} ${when}` +
          (owner ? `; its owner is ${owner}` : '; it has no owner') +
          (action ? ` and it is ${progressWording(action)}` : '') +
          `. You are told as chair of ${subgroup?.name ?? 'the subgroup'}.`,
        summary: {
          title: `Escalation: ${message.data.actionRef} ${when}`,
          facts: action ? actionFacts(db, action) : [],
          commands: [],
        },
      };
    }
    case 'please-update': {
      const actions = message.data.actionRefs.flatMap((ref) => db.actions.filter((a) => a.ref === ref));
      const lines = actions.map((a) => `• ${a.ref} ${quote(a.title)}: ${progressWording(a)}, due ${longDate(a.due)}`);
      const first = message.data.actionRefs[0] ?? 'A-1';
      return {
        text:
          `Please update your actions: ${message.data.period} ends on ${longDate(message.data.quarterEnd)}, and ` +
          `${actions.length === 1 ? 'this action has' : `these ${actions.length} actions have`} had no update this quarter:\n` +
          `${lines.join('\n')}\n` +
          `Reply "update ${first} 60% on track — what happened" for each.`,
        summary: {
          title: `Please update ${actions.length === 1 ? 'your action' : `your ${actions.length} actions`} before ${message.data.period} ends`,
          facts: actions.map((a) => ({ title: a.ref, value: `${a.title} (${progressWording(a)})` })),
          commands: actions.map((a) => ({ title: `Update ${a.ref}`, command: `update ${a.ref}` })),
        },
      };
    }
    case 'attendance-prompt': {
      const meeting = db.meetings.find((m) => m.id === message.data.meetingId);
      const subgroup = db.subgroups.find((s) => s.id === message.data.subgroupId);
      const name = meeting?.title ?? `${subgroup?.name ?? 'subgroup'} meeting`;
      const when = meeting
        ? `${longDate(localDateOf(meeting.start, db.partnership.timeZone))} at ${localTimeOf(meeting.start, db.partnership.timeZone)}`
        : 'recently';
      return {
        text: `The ${name} on ${when} has no attendance register yet. Reply "attendance" to record who came, sent apologies or was absent.`,
        summary: {
          title: `Record attendance: ${name}`,
          facts: [
            { title: 'Meeting', value: name },
            { title: 'When', value: when },
          ],
          commands: [{ title: 'Record attendance', command: 'attendance' }],
        },
      };
    }
    case 'digest':
      return renderDigest(db, message.data.period, today);
  }
}

function renderDigest(db: Database, period: string, today: LocalDate): RenderedMessage {
  const parsed = parsePeriod(period);
  // The key was built from a period label, so this only fails on a bug.
  if (!parsed.success) throw new Error(`digest: bad period ${period}`);
  const range = periodDates(parsed.data, db.partnership.financialYearStart);
  const zone = db.partnership.timeZone;
  const counted = db.actions.filter((a) => a.status !== 'withdrawn' && db.plans.some((p) => p.id === a.planId && p.status !== 'draft'));
  const dueInPeriod = counted.filter((a) => a.due >= range.start && a.due < range.end);
  const delivered = dueInPeriod.filter((a) => a.status === 'complete').length;
  const overdue = counted.filter((a) => isOpenAction(db, a) && a.due < today).length;
  const atRisk = counted.filter((a) => isOpenAction(db, a) && (a.status === 'at-risk' || a.status === 'off-track')).length;
  const meetings = db.meetings.filter((m) => {
    const day = localDateOf(m.start, zone);
    return day >= range.start && day < range.end;
  });
  const held = meetings.filter((m) => m.status === 'held').length;
  const delivery = dueInPeriod.length === 0 ? 'no actions were due' : `${delivered} of ${dueInPeriod.length} actions due were completed (${percent(delivered, dueInPeriod.length)})`;
  return {
    text:
      `Quarterly digest for ${period}: ${delivery}; ${overdue} open ${plural(overdue, 'action is', 'actions are')} overdue ` +
      `and ${atRisk} at risk or off track; ${held} of ${meetings.length} planned ${plural(meetings.length, 'meeting was', 'meetings were')} held. ` +
      `Reply "digest ${period}" for the full digest.`,
    summary: {
      title: `Quarterly digest: ${period}`,
      facts: [
        { title: 'Delivery', value: dueInPeriod.length === 0 ? 'no actions due' : `${percent(delivered, dueInPeriod.length)} (${delivered} of ${dueInPeriod.length})` },
        { title: 'Overdue now', value: String(overdue) },
        { title: 'At risk or off track', value: String(atRisk) },
        { title: 'Meetings held', value: `${held} of ${meetings.length}` },
      ],
      commands: [{ title: 'Full digest', command: `digest ${period}` }],
    },
  };
}

function actionFacts(db: Database, action: Action): Array<{ title: string; value: string }> {
  const owner = action.ownerId ? db.people.find((p) => p.id === action.ownerId)?.name : undefined;
  const agency = action.leadAgencyId ? db.agencies.find((a) => a.id === action.leadAgencyId)?.name : undefined;
  return [
    { title: 'Action', value: `${action.ref} ${action.title}` },
    { title: 'Due', value: longDate(action.due) },
    { title: 'Progress', value: progressWording(action) },
    ...(owner ? [{ title: 'Owner', value: owner }] : []),
    ...(agency ? [{ title: 'Lead agency', value: agency }] : []),
  ];
}

function dueWording(due: LocalDate, today: LocalDate): string {
  const days = daysBetween(today, due);
  if (days > 1) return `is due in ${days} days, on ${longDate(due)}`;
  if (days === 1) return `is due tomorrow, ${longDate(due)}`;
  if (days === 0) return `is due today, ${longDate(due)}`;
  return `is ${-days} ${-days === 1 ? 'day' : 'days'} overdue: it was due on ${longDate(due)}`;
}

function progressWording(action: Action): string {
  return `${action.progress}% done and ${action.status.replace('-', ' ')}`;
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `Tuesday 16 June 2026`. */
function longDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return longDateFormat.format(new Date(Date.UTC(year, month - 1, day))).replace(',', '');
}

function quote(text: string): string {
  return `“${text}”`;
}

function percent(part: number, whole: number): string {
  // Rounded half up, as the house style requires.
  return `${Math.floor((part * 100) / whole + 0.5)}%`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

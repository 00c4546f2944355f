import { daysBetween, localDateOf, localTimeOf, parsePeriod } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import type { Action } from '../plan/plan.js';
import type { Database } from '../store/database.js';
import { quarterlyDigest } from '../reporting/digest.js';
import { deliverySentence, returnsSentence } from '../reporting/digestView.js';
import { responseId } from '../returns/returnRequest.js';
import type { ScheduledMessage } from './reminderRules.js';

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
    case 'overdue-alert': {
      const action = db.actions.find((a) => a.ref === message.data.actionRef);
      const subgroup = db.subgroups.find((s) => s.id === message.data.subgroupId);
      const owner = action?.ownerId ? db.people.find((p) => p.id === action.ownerId)?.name : undefined;
      const title = action ? `${action.ref} ${quote(action.title)}` : message.data.actionRef;
      const when = dueWording(message.data.due, today);
      return {
        text:
          `Overdue alert: ${title} ${when}` +
          (owner ? `; its owner is ${owner}` : '; it has no owner') +
          (action ? ` and it is ${progressWording(action)}` : '') +
          `. You are told as chair of ${subgroup?.name ?? 'the subgroup'}.`,
        summary: {
          title: `Overdue alert: ${message.data.actionRef} ${when}`,
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
      return renderDigest(db, message.data.period, now);
    case 'return-chase': {
      const request = db.returns.find((r) => r.id === message.data.returnId);
      const agency = agencyName(db, message.data.agencyId);
      const response = db.returnResponses.find((r) => r.id === responseId(message.data.returnId, message.data.agencyId));
      const title = request?.title ?? message.data.returnId;
      const when = dueWording(message.data.due, today);
      const where =
        response?.review === 'sent-back'
          ? ` The business team sent it back: ${response.reviewNote}`
          : response?.state === 'partial'
            ? ` What came lacks ${response.missing.join(', ')}.`
            : '';
      const submit = `submit return ${message.data.returnId} https://…`;
      return {
        text:
          `${message.data.occasion === 'by-hand' ? 'The business team asks after' : 'Reminder:'} ${agency}'s ${quote(title)}, which ${when}.${where}` +
          (request && request.mandatoryFields.length > 0 ? ` It must include ${request.mandatoryFields.join(', ')}.` : '') +
          ` When it is sent, reply "${submit}" with its link.` +
          // Last, so that no full stop runs into the address.
          (request?.templateUrl ? ` The template: ${request.templateUrl}` : ''),
        summary: {
          title: `${title} ${when}`,
          facts: [
            { title: 'Return', value: title },
            { title: 'Agency', value: agency },
            { title: 'Due', value: longDate(message.data.due) },
            ...(request?.templateUrl ? [{ title: 'Template', value: request.templateUrl }] : []),
            ...(request && request.mandatoryFields.length > 0 ? [{ title: 'Must include', value: request.mandatoryFields.join(', ') }] : []),
            ...(where ? [{ title: 'So far', value: where.trim() }] : []),
          ],
          commands: [{ title: 'Mark it submitted', command: `submit return ${message.data.returnId}` }],
        },
      };
    }
    case 'return-overdue-alert': {
      const request = db.returns.find((r) => r.id === message.data.returnId);
      const subgroup = db.subgroups.find((s) => s.id === message.data.subgroupId);
      const agency = agencyName(db, message.data.agencyId);
      const contactId = request?.agencies.find((a) => a.agencyId === message.data.agencyId)?.contactId;
      const contact = contactId ? db.people.find((p) => p.id === contactId)?.name : undefined;
      const title = request?.title ?? message.data.returnId;
      const when = dueWording(message.data.due, today);
      return {
        text:
          `Overdue return: ${agency} has not sent ${quote(title)} in whole, which ${when}` +
          (contact ? `; its contact is ${contact}, who has been chased` : '; it has no contact named') +
          `. You are told as chair of ${subgroup?.name ?? 'the subgroup'}.`,
        summary: {
          title: `Overdue return: ${agency}'s ${title} ${when}`,
          facts: [
            { title: 'Return', value: title },
            { title: 'Agency', value: agency },
            { title: 'Due', value: longDate(message.data.due) },
            ...(contact ? [{ title: 'Contact', value: contact }] : []),
          ],
          commands: [],
        },
      };
    }
    case 'withdrawal-proposal': {
      const action = db.actions.find((a) => a.ref === message.data.actionRef);
      const entry = action?.history.find((e) => e.at === message.data.proposedAt && e.proposal === 'withdraw');
      const ref = message.data.actionRef;
      const who = entry ? (db.people.find((p) => p.id === entry.byId)?.name ?? entry.byId) : 'Its owner';
      const title = action ? `${ref} ${quote(action.title)}` : ref;
      return {
        text:
          `${who} proposes withdrawing ${title}${entry?.note ? `: ${entry.note}` : '.'} ` +
          `A withdrawn action leaves the plan's delivery figure, so only the business team or the Executive withdraw one. ` +
          `Reply "update ${ref} withdrawn — your reason" to withdraw it, or tell ${who === 'Its owner' ? 'the owner' : who} why it stays.`,
        summary: {
          title: `Withdrawal proposed: ${ref}`,
          facts: [...(action ? actionFacts(db, action) : []), ...(entry?.note ? [{ title: 'Reason given', value: entry.note }] : [])],
          commands: [],
        },
      };
    }
  }
}

/** How many of the cells below the threshold a scheduled digest names; the full digest has them all. */
const BELOW_NAMED = 10;

/**
 * The cells below the engagement threshold as one fact: the first ten, then how many more. A
 * large partnership can have hundreds, and a chat message that lists them all is unreadable and
 * can exceed Teams' message size limit.
 */
function belowText(below: readonly string[], period: string): string {
  if (below.length === 0) return 'none';
  const named = below.slice(0, BELOW_NAMED).join('; ');
  return below.length <= BELOW_NAMED ? named : `${named}; and ${below.length - BELOW_NAMED} more (reply "digest ${period}")`;
}

function renderDigest(db: Database, period: string, now: string): RenderedMessage {
  const quarter = parsePeriod(period);
  const digest = quarter.success ? quarterlyDigest(db, { quarter: quarter.data, now }) : quarter;
  if (!digest.success) {
    // Still worth posting: the Executive learns the digest is due and why it is not ready.
    return {
      text: `The quarterly digest for ${period} could not be prepared: ${digest.error.message}`,
      summary: { title: `Quarterly digest: ${period}`, facts: [], commands: [] },
    };
  }
  const { delivery, overdue, atRisk, meetings, belowThreshold } = digest.data;
  const held = meetings.reduce((sum, m) => sum + m.held, 0);
  const planned = meetings.reduce((sum, m) => sum + m.planned, 0);
  const deliveryText =
    delivery.percent === null
      ? 'no actions to count yet'
      : `${delivery.percent}% (${delivery.completed} of ${delivery.counted})${changeText(delivery.change)}`;
  const below = belowThreshold.map((b) => `${b.label} at ${b.subgroupName} (${b.percent}%)`);
  // An agency below the threshold in two groups is one agency to talk to, not two.
  const agenciesBelow = new Set(belowThreshold.map((b) => b.agencyId)).size;
  return {
    text:
      `Quarterly digest for ${period}: ${deliverySentence(digest.data)} ` +
      `At the quarter end ${overdue.length} ${plural(overdue.length, 'action was', 'actions were')} overdue and ${atRisk.length} at risk or off track; ` +
      `${held} of ${planned} planned ${plural(planned, 'meeting', 'meetings')} ${plural(held, 'was', 'were')} held; ` +
      `${agenciesBelow === 0 ? 'no agency was' : `${agenciesBelow} ${plural(agenciesBelow, 'agency was', 'agencies were')}`} below the engagement threshold. ` +
      `Reply "digest ${period}" for the full digest.`,
    summary: {
      title: `Quarterly digest: ${period}`,
      facts: [
        { title: 'Delivery', value: deliveryText },
        { title: 'Overdue at quarter end', value: String(overdue.length) },
        { title: 'At risk or off track', value: String(atRisk.length) },
        { title: 'Meetings held', value: `${held} of ${planned}` },
        { title: 'Below engagement threshold', value: belowText(below, period) },
        ...(digest.data.returns ? [{ title: 'Returns due', value: returnsSentence(digest.data.returns.totals).replace(/^Returns due this quarter: /, '') }] : []),
      ],
      commands: [{ title: 'Full digest', command: `digest ${period}` }],
    },
  };
}

function agencyName(db: Database, agencyId: string): string {
  return db.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
}

function actionFacts(db: Database, action: Action): Array<{ title: string; value: string }> {
  const owner = action.ownerId ? db.people.find((p) => p.id === action.ownerId)?.name : undefined;
  const agencies = action.leadAgencyIds.map((id) => db.agencies.find((a) => a.id === id)?.name ?? id);
  return [
    { title: 'Action', value: `${action.ref} ${action.title}` },
    { title: 'Due', value: longDate(action.due) },
    { title: 'Progress', value: progressWording(action) },
    ...(owner ? [{ title: 'Owner', value: owner }] : []),
    ...(agencies.length > 0 ? [{ title: agencies.length === 1 ? 'Lead agency' : 'Lead agencies', value: agencies.join('; ') }] : []),
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

function changeText(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return ', level with last quarter';
  return `, ${change > 0 ? 'up' : 'down'} ${Math.abs(change)} ${plural(Math.abs(change), 'point', 'points')} on last quarter`;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

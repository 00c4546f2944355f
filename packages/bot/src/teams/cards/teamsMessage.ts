import { plural } from '../../app/format.js';
import type { Reply } from '../../app/reply.js';
import { REPORT_DETAILS, type MeetingEngagementView, type ReportDetail, type View } from '../../app/views.js';
import { createAttendanceCard, REGISTER_LAYOUTS } from './attendanceCard.js';
import { adaptiveCard, facts, text } from './elements.js';
import { firstThatFits, type TeamsMessage } from './messageBudget.js';
import { createActionUpdateCard, createMyActionsCard } from './myActionsCard.js';
import { createRegisterWorkCard } from './registerWorkCard.js';
import { createDigestCard, createEngagementCard, createFundingCard } from './reportCards.js';
import { summaryCard } from './scheduledCard.js';

/**
 * The detail at which each report's data last fitted, keyed by the data object, which the
 * conversation shares between requests on the same snapshot: the cards that do not fit are built
 * once per snapshot, not on every request (a digest card at 1× is tens of KB of JSON).
 */
const fittedDetail = new WeakMap<object, ReportDetail>();

/** A report at the fullest detail that fits in a Teams message, starting from the one that fitted last time. */
function fitted(key: object, build: (detail: ReportDetail) => TeamsMessage): TeamsMessage {
  const from = REPORT_DETAILS.indexOf(fittedDetail.get(key) ?? 'full');
  // The headline always fits (a few sentences and a link): it is what is left if nothing else does.
  const detail = firstThatFits(REPORT_DETAILS.slice(from), build) ?? 'headline';
  fittedDetail.set(key, detail);
  return build(detail);
}

function meetingEngagementCard(view: MeetingEngagementView): Record<string, unknown> {
  return adaptiveCard([
    text(`${view.subgroupName}: engagement at this meeting`, { heading: true }),
    text(view.when, { subtle: true, spacing: 'none' }),
    facts(
      view.lines.map((line) => [
        line.agency,
        line.present > 0 ? `${line.percent}% (${plural(line.present, 'person', 'people')} present)` : line.apologies > 0 ? '0% (apologies)' : '0% (not represented)',
      ]),
    ),
    ...(view.guests > 0 ? [text(`Guests: ${view.guests}`, { subtle: true })] : []),
  ]);
}

function withView(reply: Reply, view: View): TeamsMessage {
  const message = (card: Record<string, unknown>): TeamsMessage => ({ ...(reply.text ? { text: reply.text } : {}), card, ...(reply.attachments ? { attachments: reply.attachments } : {}) });
  switch (view.kind) {
    case 'myActions':
      return message(createMyActionsCard(view));
    case 'actionUpdate':
      return message(createActionUpdateCard(view));
    case 'meetingEngagement':
      return message(meetingEngagementCard(view));
    case 'scheduled':
      return message(summaryCard(view.summary));
    case 'register': {
      // Full, then one dropdown per person with a few deputy pairs, then without, then words instead of a card.
      const layout = firstThatFits(REGISTER_LAYOUTS, (choice) => message(createAttendanceCard(view, choice)));
      if (layout !== undefined) return message(createAttendanceCard(view, layout));
      const people = view.groups.reduce((count, group) => count + group.rows.length, 0);
      return {
        text:
          `The register for ${view.subgroup.name}, ${view.when}, lists ${plural(people, 'person', 'people')}: more than one Teams message can hold. ` +
          'The business team can record it with "ptrack import attendance", or mark people who have left as inactive so the register lists fewer.',
      };
    }
    case 'digest': {
      const digest = { ...view.digest, generatedAt: view.preparedAt };
      return fitted(view.digest, (detail) => message(createDigestCard(digest, { threshold: view.threshold, timeZone: view.timeZone, fullDigestUrl: view.fullDigestUrl, detail })));
    }
    case 'engagement':
      return fitted(view.table, (detail) => message(createEngagementCard(view.table, view.threshold, detail)));
    case 'funding':
      return fitted(view.summary, (detail) => message(createFundingCard(view.summary, detail)));
    case 'registerWork':
      return fitted(view.work, (detail) => message(createRegisterWorkCard(view, detail)));
  }
}

/**
 * What a Reply looks like in Teams: its Markdown text and its view as an Adaptive Card 1.5, at the
 * fullest detail that fits in one Teams message (see `MESSAGE_BUDGET`).
 */
export function teamsMessageOf(reply: Reply): TeamsMessage {
  if (!reply.view) return { ...(reply.text ? { text: reply.text } : {}), ...(reply.attachments ? { attachments: reply.attachments } : {}) };
  return withView(reply, reply.view);
}


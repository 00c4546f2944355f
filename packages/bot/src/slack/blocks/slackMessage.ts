import { daysBetween, localDateOf } from '@partnership-tracker/core';
import { dueText, formatDate, formatStatus, plural } from '../../app/format.js';
import type { Reply } from '../../app/reply.js';
import type { MeetingEngagementView, MyActionsView, View } from '../../app/views.js';
import { escapeMrkdwn, markdownToMrkdwn } from '../mrkdwn.js';
import { actions, button, context, fieldsSection, header, linkButton, section, SLACK_LIMITS, type Block } from './elements.js';
import { REGISTER_BUTTON, SNOOZE_BUTTON, SNOOZE_BUTTON_SPAN, UPDATE_BUTTON } from './interactive.js';
import { OPEN_DIGEST_ACTION, reportBlocks } from './reportBlocks.js';

/** A Slack message: the mrkdwn text (the notification and the fallback) and its blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** How many actions a message lists before it says how many more (each takes two blocks). */
const ACTIONS_SHOWN = 20;

/** How many actions a scheduled message offers buttons for (one block each). */
const SCHEDULED_ACTIONS_SHOWN = 20;

/**
 * Each open action as a section and its Update and Snooze buttons, at most `shown` of them, then a
 * line saying how many more (two blocks an action: 20 fit a message with room to spare).
 */
export function actionBlocks({ actions: list, today, timeZone }: MyActionsView, shown: number): Block[] {
  const blocks: Block[] = [];
  for (const action of list.slice(0, shown)) {
    const last = action.history[action.history.length - 1];
    const overdue = daysBetween(today, action.due) < 0;
    const lines = [
      `*${escapeMrkdwn(action.ref)}* ${escapeMrkdwn(action.title)}`,
      `Due ${dueText(action.due, today)}${overdue ? ' :warning:' : ''} · ${formatStatus(action.status)}, ${action.progress}%`,
      ...(last?.note ? [`_Last note ${formatDate(localDateOf(last.at, timeZone))}:_ ${escapeMrkdwn(last.note)}`] : []),
    ];
    blocks.push(
      section(lines.join('\n')),
      actions([button(`Update ${action.ref}`, UPDATE_BUTTON, action.ref, 'primary'), button(`Snooze ${SNOOZE_BUTTON_SPAN}`, SNOOZE_BUTTON, action.ref)], `action:${action.ref}`),
    );
  }
  if (list.length > shown) {
    blocks.push(context(`…and ${list.length - shown} more. Update any of them by typing, e.g. \`/ptrack update ${escapeMrkdwn(list[shown]!.ref)} 50%\`.`));
  }
  return blocks;
}

function myActionsBlocks(view: MyActionsView): Block[] {
  const blocks: Block[] = [header(`Your open actions (${view.actions.length})`)];
  if (view.actions.length === 0) return [...blocks, section('You have no open actions. Nice work.')];
  return [...blocks, ...actionBlocks(view, ACTIONS_SHOWN)];
}

function meetingEngagementBlocks(view: MeetingEngagementView): Block[] {
  const line = (l: MeetingEngagementView['lines'][number]) =>
    `*${escapeMrkdwn(l.agency)}*: ${l.present > 0 ? `${l.percent}% (${plural(l.present, 'person', 'people')} present)` : l.apologies > 0 ? '0% (apologies)' : '0% (not represented)'}`;
  // One line per member agency; a long list becomes several sections of whole lines.
  const chunks: string[] = [];
  for (const text of view.lines.map(line)) {
    const lastChunk = chunks.at(-1);
    if (lastChunk !== undefined && lastChunk.length + text.length + 1 < SLACK_LIMITS.sectionText) chunks[chunks.length - 1] = `${lastChunk}\n${text}`;
    else chunks.push(text);
  }
  return [
    header(`${view.subgroupName}: engagement at this meeting`),
    context(escapeMrkdwn(view.when)),
    ...chunks.slice(0, SLACK_LIMITS.messageBlocks - 4).map((c) => section(c)),
    ...(view.guests > 0 ? [context(`Guests: ${view.guests}`)] : []),
  ];
}

function viewBlocks(view: View): Block[] {
  switch (view.kind) {
    case 'myActions':
      return myActionsBlocks(view);
    case 'actionUpdate':
      return [
        section(`*${escapeMrkdwn(view.action.ref)}* ${escapeMrkdwn(view.action.title)}\nDue ${dueText(view.action.due, view.today)} · ${formatStatus(view.action.status)}, ${view.action.progress}%`),
        actions([button(`Update ${view.action.ref}`, UPDATE_BUTTON, view.action.ref, 'primary')], `action:${view.action.ref}`),
      ];
    case 'register':
      return [
        section(`The register for *${escapeMrkdwn(view.subgroup.name)}*, ${escapeMrkdwn(view.when)}: ${plural(view.groups.reduce((n, g) => n + g.rows.length, 0), 'person', 'people')} listed.`),
        actions([button('Record attendance', REGISTER_BUTTON, view.meeting.id, 'primary')], `register:${view.meeting.id}`),
      ];
    case 'meetingEngagement':
      return meetingEngagementBlocks(view);
    case 'scheduled':
      return [
        header(view.summary.title),
        ...(view.summary.facts.length > 0 ? [fieldsSection(view.summary.facts.map((f) => `*${escapeMrkdwn(f.title)}*\n${escapeMrkdwn(f.value)}`))] : []),
        // A reminder's actions, each with the buttons of "my actions"; a long list gives way to typing.
        ...view.actionRefs
          .slice(0, SCHEDULED_ACTIONS_SHOWN)
          .map((ref) => actions([button(`Update ${ref}`, UPDATE_BUTTON, ref, 'primary'), button(`Snooze ${SNOOZE_BUTTON_SPAN}`, SNOOZE_BUTTON, ref)], `action:${ref}`)),
        ...(view.actionRefs.length > SCHEDULED_ACTIONS_SHOWN ? [context(`…and ${view.actionRefs.length - SCHEDULED_ACTIONS_SHOWN} more: \`/ptrack my actions\` lists them all.`)] : []),
        ...(view.summary.commands.length > 0 ? [context(view.summary.commands.map((c) => `${escapeMrkdwn(c.title)}: \`/ptrack ${escapeMrkdwn(c.command)}\``).join(' · '))] : []),
        ...(view.fullDigestUrl ? [actions([linkButton('Open the full digest', view.fullDigestUrl, OPEN_DIGEST_ACTION)])] : []),
      ];
    case 'digest':
    case 'engagement':
    case 'funding':
    case 'registerWork':
      return reportBlocks(view);
  }
}

/**
 * A Reply as a Slack message: its Markdown as mrkdwn in a section, then the view's blocks, within
 * Slack's 50-block limit. Links and files a reply carries become links at the end.
 */
export function slackMessageOf(reply: Reply): SlackMessage {
  const text = reply.text ? markdownToMrkdwn(reply.text) : '';
  const blocks: Block[] = [];
  if (text) blocks.push(section(text));
  if (reply.view) blocks.push(...viewBlocks(reply.view));
  for (const attachment of reply.attachments ?? []) {
    if (attachment.contentUrl) blocks.push(section(`<${attachment.contentUrl}|${escapeMrkdwn(attachment.name)}>`));
  }
  return { text: text || 'Partnership Tracker', blocks: blocks.slice(0, SLACK_LIMITS.messageBlocks) };
}

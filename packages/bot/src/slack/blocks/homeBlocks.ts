import { digestView } from '@partnership-tracker/core';
import type { HomeView } from '../../app/views.js';
import { plural } from '../../app/format.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { actionBlocks } from './slackMessage.js';
import { actions, button, context, divider, header, linkButton, section, SLACK_LIMITS, type Block } from './elements.js';
import { REGISTER_BUTTON } from './interactive.js';
import { OPEN_DIGEST_ACTION } from './reportBlocks.js';

/** How many actions and groups the Home tab lists before it says how many more. */
const HOME_ACTIONS = 20;
const HOME_GROUPS = 15;

/**
 * The Home tab: open actions soonest first with Update and Snooze; for a chair, each group's
 * latest meeting (with Record attendance) and next; for the Executive and the business team, the
 * latest digest's headline and its link. At most 100 blocks, Slack's limit for a view.
 */
export function createHomeView(home: HomeView, options: { registerButton: boolean }): Record<string, unknown> {
  const blocks: Block[] = [header(`Hello ${home.personName}`)];
  const { actions: mine } = home;
  blocks.push(section(`*Your open actions (${mine.actions.length})*`));
  if (mine.actions.length === 0) blocks.push(context('You have no open actions. Nice work.'));
  else blocks.push(...actionBlocks(mine, HOME_ACTIONS));
  if (home.meetings.length > 0) {
    blocks.push(divider(), section('*The groups you chair*'));
    for (const group of home.meetings.slice(0, HOME_GROUPS)) {
      const latest = group.latest
        ? `Latest: ${escapeMrkdwn(group.latest.when)} (${group.latest.recorded === 0 ? 'no register yet' : `${plural(group.latest.recorded, 'line')} recorded`})`
        : 'No meeting has started yet.';
      const next = group.next ? `\nNext: ${escapeMrkdwn(group.next)}` : '';
      const accessory = options.registerButton && group.latest ? { accessory: button('Record attendance', REGISTER_BUTTON, group.latest.meetingId, 'primary') } : {};
      blocks.push(section(`*${escapeMrkdwn(group.subgroup.name)}*\n${latest}${next}`, accessory));
    }
    if (home.meetings.length > HOME_GROUPS) blocks.push(context(`…and ${home.meetings.length - HOME_GROUPS} more: say \`/ptrack attendance GROUP\`.`));
  }
  if (home.digest) {
    const { digest } = home;
    // The digest's own opening sentences, as on the full page and in the digest message.
    const page = digestView({ ...digest.digest, generatedAt: digest.preparedAt }, digest.timeZone);
    blocks.push(
      divider(),
      section(`*${escapeMrkdwn(page.title)}*`),
      section(page.headline.map(escapeMrkdwn).join('\n')),
      actions([linkButton('Open the full digest', digest.fullDigestUrl, OPEN_DIGEST_ACTION)]),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.surfaceBlocks) };
}

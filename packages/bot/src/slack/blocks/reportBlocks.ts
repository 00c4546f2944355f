import { cellsBelowThreshold, digestView, formatPence, type EngagementTable } from '@partnership-tracker/core';
import { formatDate, formatStatus, plural } from '../../app/format.js';
import { engagementByGroupRows, engagementRows, fundingSections, SHORT_LIST } from '../../app/reportRows.js';
import { ownerLines, registerWorkItemText, registerWorkSummary } from '../../app/registerWork.js';
import { REPORT_DETAILS, type DigestView, type EngagementView, type FundingView, type RegisterWorkView, type ReportDetail } from '../../app/views.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { actions, context, divider, fieldsSection, fitsMessage, header, linkButton, preformatted, section, SLACK_LIMITS, type Block } from './elements.js';

/** The action id of the "Open the full digest" link button (Slack still sends it; it is acknowledged and ignored). */
export const OPEN_DIGEST_ACTION = 'ptrack.digest.open';

/**
 * A table as code blocks of whole rows, as many sections as it takes (a section holds 3,000
 * characters); the header row repeats at the top of each.
 */
function tableSections(head: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): Block[] {
  const sections: Block[] = [];
  let chunk: (readonly string[])[] = [];
  const flush = () => {
    if (chunk.length > 0) sections.push(section(preformatted([head, ...chunk], rightAligned)));
    chunk = [];
  };
  for (const row of rows) {
    // Room for the closing fence and the escapes: measured on the text as it will be sent.
    if (chunk.length > 0 && preformatted([head, ...chunk, row], rightAligned).length >= SLACK_LIMITS.sectionText) flush();
    chunk.push(row);
  }
  flush();
  return sections;
}

/** A list as bullet lines, at `short` the first ten and a line for the rest. */
function listSection(lines: readonly string[], detail: ReportDetail, rest: string): Block[] {
  const shown = detail === 'short' ? lines.slice(0, SHORT_LIST) : lines;
  const blocks: Block[] = [];
  let text = '';
  for (const line of shown.map((l) => `• ${l}`)) {
    if (text && text.length + line.length + 1 >= SLACK_LIMITS.sectionText) {
      blocks.push(section(text));
      text = '';
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) blocks.push(section(text));
  if (shown.length < lines.length) blocks.push(context(`…and ${lines.length - shown.length} more ${rest}.`));
  return blocks;
}

function engagementByGroup(engagement: EngagementTable, threshold: number): Block[] {
  return tableSections(['Group', 'Agencies', 'Held / planned', `Below ${threshold}%`], engagementByGroupRows(engagement, threshold, (column) => column.shortName), [1, 3]);
}

function engagementBlocks(view: EngagementView, detail: ReportDetail): Block[] {
  const { table: engagement, threshold } = view;
  const blocks: Block[] = [header(`Engagement ${engagement.periodLabel}`)];
  if (engagement.columns.length === 0) return [...blocks, section('There are no subgroups to report on.')];
  if (detail === 'full') {
    return [
      ...blocks,
      context(`Attendance as a % of meetings held; over 100% means more than one representative came. ! marks engagement below ${threshold}%.`),
      ...tableSections(['Agency', ...engagement.columns.map((c) => c.shortName)], engagementRows(engagement, threshold, '!'), engagement.columns.map((_, i) => i + 1)),
    ];
  }
  const example = `/ptrack engagement ${engagement.columns[0]!.shortName} ${engagement.periodLabel}`;
  blocks.push(
    context(
      `${plural(engagement.rows.filter((r) => r.agencyId !== null).length, 'agency', 'agencies')} in ${plural(engagement.columns.length, 'group')} are more than one Slack message holds. Ask for one group, e.g. \`${escapeMrkdwn(example)}\`; the business team's engagement export has them all.`,
    ),
  );
  if (detail === 'headline') return [...blocks, section(`The groups: ${escapeMrkdwn(engagement.columns.map((c) => c.shortName).join(', '))}.`)];
  blocks.push(...engagementByGroup(engagement, threshold));
  const below = cellsBelowThreshold(engagement, threshold).sort((a, b) => a.percent - b.percent);
  blocks.push(section(`*Below ${threshold}%*`));
  if (below.length === 0) blocks.push(context(`Every agency is at or above ${threshold}%.`));
  else blocks.push(...listSection(below.map((b) => `${escapeMrkdwn(b.label)} at ${escapeMrkdwn(b.column.shortName)}: ${b.percent}%`), detail, 'below the threshold: ask for a group to see them'));
  return blocks;
}

function fundingBlocks({ summary }: FundingView, detail: ReportDetail): Block[] {
  const blocks: Block[] = [header(`Funding ${summary.financialYear}`)];
  if (summary.income.lines.length === 0 && summary.expenditure.lines.length === 0) {
    return [...blocks, section(`No income or spending is recorded for ${summary.financialYear} yet.`)];
  }
  blocks.push(
    fieldsSection([
      `*Income*\n${formatPence(summary.income.totalPence)}`,
      `*Spending*\n${formatPence(summary.expenditure.totalPence)}`,
      `*Balance*\n${formatPence(summary.balancePence)}`,
      `*Received / pledged*\n${formatPence(summary.receivedPence)} / ${formatPence(summary.pledgedPence)}`,
    ]),
  );
  if (detail === 'headline') return [...blocks, context('The lines are more than one Slack message holds: the funding export lists them.')];
  for (const part of fundingSections(summary, detail)) {
    blocks.push(section(`*${escapeMrkdwn(part.title)}*`), ...tableSections(part.head, part.rows, [1, 2]));
    if (part.note) blocks.push(context(part.note));
  }
  return blocks;
}

function digestBlocks(view: DigestView, detail: ReportDetail): Block[] {
  const { digest, threshold } = view;
  // The same title and sentences as the full page, so the two never disagree.
  const page = digestView({ ...digest, generatedAt: view.preparedAt }, view.timeZone);
  const link = actions([linkButton('Open the full digest', view.fullDigestUrl, OPEN_DIGEST_ACTION)]);
  const blocks: Block[] = [header(page.title), context(escapeMrkdwn(page.subtitle)), section(page.headline.map(escapeMrkdwn).join('\n'))];
  if (detail === 'headline') {
    return [...blocks, context('This digest is more than one Slack message holds: its actions, engagement and meetings are in the full digest.'), link];
  }
  const owner = (name: string | null) => escapeMrkdwn(name ?? 'no owner');
  blocks.push(divider(), section('*Overdue*'));
  if (digest.overdue.length === 0) blocks.push(context('Nothing was overdue at the end of the quarter.'));
  else {
    blocks.push(
      ...listSection(
        digest.overdue.map((a) => `*${escapeMrkdwn(a.ref)}* ${escapeMrkdwn(a.title)}: ${owner(a.ownerName)}, due ${formatDate(a.due)} (${plural(a.daysOverdue, 'day')} over)`),
        detail,
        'overdue in the full digest',
      ),
    );
  }
  blocks.push(section('*At risk or off track*'));
  if (digest.atRisk.length === 0) blocks.push(context('No open action was at risk or off track.'));
  else {
    blocks.push(
      ...listSection(
        digest.atRisk.map((a) => `*${escapeMrkdwn(a.ref)}* ${escapeMrkdwn(a.title)}: ${owner(a.ownerName)}, ${formatStatus(a.status)}, ${a.progress}%`),
        detail,
        'at risk or off track in the full digest',
      ),
    );
  }
  const engagement = digest.engagement.quarter;
  blocks.push(divider(), section(`*Engagement ${escapeMrkdwn(engagement.periodLabel)}*`));
  if (detail === 'full') blocks.push(...tableSections(['Agency', ...engagement.columns.map((c) => c.shortName)], engagementRows(engagement, threshold, '!'), engagement.columns.map((_, i) => i + 1)));
  else blocks.push(context('By group; the full digest has each agency.'), ...engagementByGroup(engagement, threshold));
  if (digest.belowThreshold.length > 0) {
    blocks.push(section(`*Below ${threshold}%*`), ...listSection(digest.belowThreshold.map((b) => `${escapeMrkdwn(b.label)} at ${escapeMrkdwn(b.subgroupName)}: ${b.percent}%`), detail, 'in the full digest'));
  }
  blocks.push(
    section('*Meetings held / planned*'),
    ...tableSections(['Group', 'Held / planned'], digest.meetings.map((m) => [m.name, `${m.held} / ${m.planned}${m.cancelled ? ` (${m.cancelled} cancelled)` : ''}`])),
  );
  if (page.registers.rows.length > 0) {
    blocks.push(section('*Registers this quarter*'), ...tableSections(['Register', 'Measure', 'Number'], page.registers.rows.map((row) => [String(row.register), String(row.measure), String(row.count)]), [2]));
  }
  blocks.push(link);
  return blocks;
}

function registerWorkBlocks(view: RegisterWorkView, detail: ReportDetail): Block[] {
  const { work } = view;
  const blocks: Block[] = [header(view.title), section(escapeMrkdwn(registerWorkSummary(work)))];
  if (work.late.length > 0 && detail !== 'headline') {
    blocks.push(section('*Behind their timescale*'), ...listSection(work.late.map((l) => `*${escapeMrkdwn(l.record)}*: ${escapeMrkdwn(l.why)}`), 'full', ''));
  }
  if (detail === 'full') {
    for (const owner of work.byOwner) {
      const lines = owner.items.map((item) => {
        const line = registerWorkItemText(item, work.today);
        return `${item.overdue ? ':warning: ' : ''}*${escapeMrkdwn(line.label)}*\n${escapeMrkdwn(line.detail)}`;
      });
      blocks.push(divider(), section(`*${escapeMrkdwn(owner.ownerName)}*`), ...listSection(lines, 'full', ''));
    }
  } else if (detail !== 'headline') {
    const { lines, more } = ownerLines(work, detail);
    if (lines.length > 0) blocks.push(divider(), section('*By owner*'), ...listSection(lines.map(escapeMrkdwn), 'full', ''));
    if (more > 0) blocks.push(context(`…and ${more} more owners.`));
  }
  if (detail !== 'full' && work.openCount > 0) blocks.push(context('Each action is in `ptrack export actions`; owners see theirs with `/ptrack my actions`.'));
  return blocks;
}

/** The detail at which each report last fitted, keyed by its data (shared between requests on one snapshot). */
const fittedDetail = new WeakMap<object, ReportDetail>();

/**
 * A report's blocks at the fullest detail that fits one Slack message (50 blocks, 3,000
 * characters a section), stepping down as the Teams cards do: full, by group, short, headline.
 */
export function reportBlocks(view: DigestView | EngagementView | FundingView | RegisterWorkView, maxBlocks: number = SLACK_LIMITS.messageBlocks - 2): Block[] {
  const build = (detail: ReportDetail): Block[] => {
    switch (view.kind) {
      case 'digest':
        return digestBlocks(view, detail);
      case 'engagement':
        return engagementBlocks(view, detail);
      case 'funding':
        return fundingBlocks(view, detail);
      case 'registerWork':
        return registerWorkBlocks(view, detail);
    }
  };
  const key: object = view.kind === 'digest' ? view.digest : view.kind === 'engagement' ? view.table : view.kind === 'funding' ? view.summary : view.work;
  const from = REPORT_DETAILS.indexOf(fittedDetail.get(key) ?? 'full');
  for (const detail of REPORT_DETAILS.slice(from)) {
    const blocks = build(detail);
    if (fitsMessage(blocks, maxBlocks)) {
      fittedDetail.set(key, detail);
      return blocks;
    }
  }
  fittedDetail.set(key, 'headline');
  return build('headline').slice(0, maxBlocks);
}

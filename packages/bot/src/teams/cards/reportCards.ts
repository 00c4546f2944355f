import { cellsBelowThreshold, COVERAGE_KEY, digestView, displayCell, formatPence, type EngagementTable, type FundingSummary, type QuarterlyDigest, type Table } from '@partnership-tracker/core';
import { formatDate, formatStatus, plural } from '../../app/format.js';
import { engagementByGroupRows, engagementRows, fundingSections, SHORT_LIST } from '../../app/reportRows.js';
import type { ReportDetail } from '../../app/views.js';
import { adaptiveCard, facts, table, text, type CardElement } from './elements.js';

/**
 * The engagement table as a card table: one row per agency, one column per subgroup, "—" for
 * non-members and "n/a" when nothing was held; cells below `threshold` are marked with ⚠.
 */
export function engagementTableElement(engagement: EngagementTable, threshold: number | null): CardElement {
  const header = ['Agency', ...engagement.columns.map((c) => c.shortName)];
  const rows = engagementRows(engagement, threshold, '⚠');
  return table(header, rows);
}

/**
 * How much of a report a card shows. Teams refuses a message over its size limit, and a large
 * partnership's agency-by-group table is over it on its own (50 agencies in 12 groups is ~50 KB of
 * card), so the bot steps down until the card fits:
 * - `full`: everything, the engagement table with a row per agency;
 * - `by-group`: a row per group instead (members, meetings, how many are below the threshold);
 * - `short`: as `by-group`, with each list cut to its first ten;
 * - `headline`: the opening sentences and where to find the rest.
 */
export type CardDetail = ReportDetail;

/** The rows of `items` a card at `detail` shows, and a line counting the rest (`rest` says where they are). */
function shown<T>(items: readonly T[], detail: CardDetail, rest: string): { items: readonly T[]; more: CardElement[] } {
  if (detail !== 'short' || items.length <= SHORT_LIST) return { items, more: [] };
  return { items: items.slice(0, SHORT_LIST), more: [text(`…and ${items.length - SHORT_LIST} more ${rest}.`, { subtle: true })] };
}

/** A row per group: its member agencies, meetings held against planned, and how many members are below `threshold`. */
export function engagementByGroupElement(engagement: EngagementTable, threshold: number): CardElement {
  return table(['Group', 'Agencies', 'Meetings held / planned', `Below ${threshold}%`], engagementByGroupRows(engagement, threshold, (column) => column.name));
}

/** The engagement of each agency at each subgroup over a period, as a card, at the detail that fits (see `CardDetail`). */
export function createEngagementCard(engagement: EngagementTable, threshold: number, detail: CardDetail = 'full'): Record<string, unknown> {
  const title = text(`Engagement ${engagement.periodLabel}`, { heading: true });
  if (engagement.columns.length === 0) return adaptiveCard([title, text('There are no subgroups to report on.')]);
  if (detail === 'full') {
    return adaptiveCard([
      title,
      text(`Attendance as a % of meetings held; over 100% means more than one representative came. ⚠ marks engagement below ${threshold}%.`, { subtle: true, spacing: 'none' }),
      engagementTableElement(engagement, threshold),
    ]);
  }
  const example = `engagement ${engagement.columns[0]!.shortName} ${engagement.periodLabel}`;
  const body: CardElement[] = [
    title,
    text(`${plural(engagement.rows.filter((r) => r.agencyId !== null).length, 'agency', 'agencies')} in ${plural(engagement.columns.length, 'group')} are more than one Teams message holds. Ask for one group to see its table, e.g. "${example}"; the business team's engagement export has them all.`, { subtle: true, spacing: 'none' }),
  ];
  if (detail === 'headline') {
    body.push(text(`The groups: ${engagement.columns.map((c) => c.shortName).join(', ')}.`));
    return adaptiveCard(body);
  }
  body.push(engagementByGroupElement(engagement, threshold));
  // Lowest first: the agencies most worth a call.
  const below = cellsBelowThreshold(engagement, threshold).sort((a, b) => a.percent - b.percent);
  body.push(text(`Below ${threshold}%`, { weight: 'bolder', separator: true }));
  if (below.length === 0) body.push(text(`Every agency is at or above ${threshold}%.`, { subtle: true }));
  else {
    const list = shown(below, detail, 'below the threshold: ask for a group to see them');
    body.push(table(['Agency', 'Group', 'Engagement'], list.items.map((b) => [b.label, b.column.shortName, `${b.percent}%`])), ...list.more);
  }
  return adaptiveCard(body);
}

/**
 * A year's income and spending with each line's share, the balance, income by statutory partner
 * and the three partners' split; below `full` detail, long tables show their first ten lines and
 * one for the rest.
 */
export function createFundingCard(summary: FundingSummary, detail: CardDetail = 'full'): Record<string, unknown> {
  const body: CardElement[] = [text(`Funding ${summary.financialYear}`, { heading: true })];
  if (summary.income.lines.length === 0 && summary.expenditure.lines.length === 0) {
    body.push(text(`No income or spending is recorded for ${summary.financialYear} yet.`));
    return adaptiveCard(body);
  }
  body.push(
    facts([
      ['Income', formatPence(summary.income.totalPence)],
      ['Spending', formatPence(summary.expenditure.totalPence)],
      ['Balance', formatPence(summary.balancePence)],
      ['Received / pledged', `${formatPence(summary.receivedPence)} / ${formatPence(summary.pledgedPence)}`],
    ]),
  );
  for (const section of fundingSections(summary, detail, ' (the funding export lists them)')) {
    body.push(text(section.title, { weight: 'bolder', separator: section.opensPart }), table(section.head, section.rows));
    if (section.note) body.push(text(section.note, { subtle: true }));
  }
  return adaptiveCard(body);
}

/**
 * Seat coverage beside engagement, as the full digest shows it: the year to date, from the same
 * table model as the page (`DigestView.coverageYear`), with the groups' short names as on the
 * engagement table above it. A card with less than every agency leaves it to the full digest.
 */
function seatCoverageElements(coverage: Table, yearToDate: EngagementTable, detail: CardDetail): CardElement[] {
  const title = text(coverage.title, { weight: 'bolder', separator: true });
  if (detail !== 'full') return [title, text('Seat coverage by agency is in the full digest.', { subtle: true, spacing: 'none' })];
  const shortNames = new Map(yearToDate.columns.map((c) => [c.subgroupId, c.shortName]));
  const columns = coverage.columns.filter((c) => c.key !== 'groups');
  return [
    title,
    text(COVERAGE_KEY, { subtle: true, spacing: 'none' }),
    table(
      columns.map((c) => shortNames.get(c.key) ?? c.header),
      coverage.rows.map((row) => columns.map((c) => displayCell(row[c.key] ?? null, c.type))),
    ),
  ];
}

/**
 * The quarterly digest for the Executive as a card: the full digest's opening sentences (delivery
 * and its change, the actions to chase, the money), overdue and at-risk actions with owners,
 * engagement by agency (those below the threshold marked) with seat coverage beside it, meetings
 * held against planned, and a
 * link to the full HTML digest. A card at less than `full` detail (see `CardDetail`) leaves the
 * rest to that page.
 */
export function createDigestCard(
  digest: QuarterlyDigest,
  options: { threshold: number; timeZone: string; fullDigestUrl: string; detail?: CardDetail },
): Record<string, unknown> {
  const detail = options.detail ?? 'full';
  const owner = (name: string | null) => name ?? 'no owner';
  const link = [{ type: 'Action.OpenUrl', title: 'Open the full digest', url: options.fullDigestUrl }];
  // The card opens with the same title and sentences as the full page, so the two never disagree.
  const view = digestView(digest, options.timeZone);
  const body: CardElement[] = [text(view.title, { heading: true }), text(view.subtitle, { subtle: true, spacing: 'none' }), ...view.headline.map((line) => text(line))];
  if (detail === 'headline') {
    body.push(text('This digest is more than one Teams message holds: its actions, engagement and meetings are in the full digest.', { subtle: true, separator: true }));
    return adaptiveCard(body, link);
  }
  const overdue = shown(digest.overdue, detail, 'overdue in the full digest');
  body.push(text('Overdue', { weight: 'bolder', separator: true }));
  body.push(
    overdue.items.length === 0
      ? text('Nothing was overdue at the end of the quarter.', { subtle: true })
      : table(['Action', 'Owner', 'Due'], overdue.items.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), `${formatDate(a.due)} (${plural(a.daysOverdue, 'day')} over)`])),
    ...overdue.more,
  );
  const atRisk = shown(digest.atRisk, detail, 'at risk or off track in the full digest');
  body.push(text('At risk or off track', { weight: 'bolder', separator: true }));
  body.push(
    atRisk.items.length === 0
      ? text('No open action was at risk or off track.', { subtle: true })
      : table(['Action', 'Owner', 'Status'], atRisk.items.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), `${formatStatus(a.status)}, ${a.progress}%`])),
    ...atRisk.more,
  );
  if (digest.withdrawnThisQuarter.length > 0) {
    // A withdrawn action leaves the delivery figure: the Executive sees which, who decided and why.
    const withdrawn = shown(digest.withdrawnThisQuarter, detail, 'withdrawn in the full digest');
    body.push(text('Withdrawn this quarter', { weight: 'bolder', separator: true }));
    body.push(table(['Action', 'Withdrawn', 'Why'], withdrawn.items.map((a) => [`${a.ref} ${a.title}`, `${formatDate(a.withdrawnOn)} by ${a.byName}`, a.reason ?? '—'])), ...withdrawn.more);
  }
  const engagement = digest.engagement.quarter;
  body.push(text(`Engagement ${engagement.periodLabel}`, { weight: 'bolder', separator: true }));
  if (detail === 'full') body.push(engagementTableElement(engagement, options.threshold));
  else {
    body.push(text('By group; the full digest has each agency.', { subtle: true, spacing: 'none' }));
    body.push(engagementByGroupElement(engagement, options.threshold));
  }
  if (digest.belowThreshold.length > 0) {
    const below = shown(digest.belowThreshold, detail, 'in the full digest');
    body.push(text(`Below ${options.threshold}%: ${below.items.map((b) => `${b.label} at ${b.subgroupName} (${b.percent}%)`).join('; ')}.`, { color: 'attention' }), ...below.more);
  }
  body.push(...seatCoverageElements(view.coverageYear, digest.engagement.yearToDate, detail));
  body.push(text('Meetings held / planned', { weight: 'bolder', separator: true }));
  body.push(facts(digest.meetings.map((m) => [m.name, `${m.held} / ${m.planned}${m.cancelled ? ` (${m.cancelled} cancelled)` : ''}`])));
  if (view.registers.rows.length > 0) {
    body.push(text('Registers this quarter', { weight: 'bolder', separator: true }));
    body.push(facts(view.registers.rows.map((row) => [`${String(row.register)}: ${String(row.measure)}`, String(row.count)])));
  }
  return adaptiveCard(body, link);
}

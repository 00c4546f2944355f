import { formatEngagementCell, formatPence, formatShare, type EngagementTable, type FundingSummary, type QuarterlyDigest } from '@partnership-tracker/core';
import { formatDate, formatStatus, plural } from '../format.js';
import { adaptiveCard, facts, table, text, type CardElement } from './elements.js';

/** "86%", or "n/a" when nothing was due to count. */
const percentText = (value: number | null): string => (value === null ? 'n/a' : `${value}%`);

/** "up 4 points since last quarter", "no change", or "" when there is nothing to compare. */
function changeText(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return ' (no change since last quarter)';
  return ` (${change > 0 ? 'up' : 'down'} ${plural(Math.abs(change), 'point')} since last quarter)`;
}

/**
 * The engagement table as a card table: one row per agency, one column per subgroup, "—" for
 * non-members and "n/a" when nothing was held; cells below `threshold` are marked with ⚠.
 */
export function engagementTableElement(engagement: EngagementTable, threshold: number | null): CardElement {
  const header = ['Agency', ...engagement.columns.map((c) => c.shortName)];
  const rows = engagement.rows.map((row) => [
    row.label,
    ...engagement.columns.map((column) => {
      const cell = row.cells[column.subgroupId];
      if (!cell) return '—';
      const shown = formatEngagementCell(cell);
      return threshold !== null && row.agencyId !== null && cell.kind === 'value' && cell.percent < threshold ? `⚠ ${shown}` : shown;
    }),
  ]);
  rows.push(['Meetings held / planned', ...engagement.columns.map((c) => `${c.meetingsHeld} / ${c.meetingsPlanned}`)]);
  return table(header, rows);
}

/** The engagement of each agency at each subgroup over a period, as a card. */
export function createEngagementCard(engagement: EngagementTable, threshold: number): Record<string, unknown> {
  if (engagement.columns.length === 0) return adaptiveCard([text(`Engagement ${engagement.periodLabel}`, { heading: true }), text('There are no subgroups to report on.')]);
  return adaptiveCard([
    text(`Engagement ${engagement.periodLabel}`, { heading: true }),
    text(`Attendance as a % of meetings held; over 100% means more than one representative came. ⚠ marks engagement below ${threshold}%.`, { subtle: true, spacing: 'none' }),
    engagementTableElement(engagement, threshold),
  ]);
}

/** A year's income and spending with each line's share, the balance and the split by statutory partner. */
export function createFundingCard(summary: FundingSummary): Record<string, unknown> {
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
    text('Income', { weight: 'bolder', separator: true }),
    table(['Source', 'Amount', 'Share'], summary.income.lines.map((l) => [l.label, formatPence(l.amountPence), formatShare(l.share)])),
    text('By statutory partner', { weight: 'bolder' }),
    table(['Partner', 'Amount', 'Share'], summary.byStatutoryPartner.lines.map((l) => [l.label, formatPence(l.amountPence), formatShare(l.share)])),
    text('Spending', { weight: 'bolder', separator: true }),
    table(['Category', 'Amount', 'Share'], summary.expenditure.lines.map((l) => [l.label, formatPence(l.amountPence), formatShare(l.share)])),
  );
  return adaptiveCard(body);
}

/**
 * The quarterly digest for the Executive as a card: delivery and its change, overdue and at-risk
 * actions with owners, engagement by agency (those below the threshold marked), meetings held
 * against planned, and a link to the full HTML digest.
 */
export function createDigestCard(digest: QuarterlyDigest, options: { threshold: number; fullDigestUrl: string }): Record<string, unknown> {
  const owner = (name: string | null) => name ?? 'no owner';
  const body: CardElement[] = [
    text(`Quarterly digest ${digest.periodLabel}`, { heading: true }),
    text(`${digest.partnership}: ${digest.plan.name}`, { subtle: true, spacing: 'none' }),
    facts([
      ['Plan delivered', `${percentText(digest.delivery.percent)}${changeText(digest.delivery.change)}`],
      ['Completed this quarter', String(digest.completedThisQuarter.length)],
      ['Overdue at quarter end', String(digest.overdue.length)],
      ['At risk or off track', String(digest.atRisk.length)],
    ]),
  ];
  body.push(text('Overdue', { weight: 'bolder', separator: true }));
  body.push(
    digest.overdue.length === 0
      ? text('Nothing was overdue at the end of the quarter.', { subtle: true })
      : table(['Action', 'Owner', 'Due'], digest.overdue.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), `${formatDate(a.due)} (${plural(a.daysOverdue, 'day')} over)`])),
  );
  body.push(text('At risk or off track', { weight: 'bolder', separator: true }));
  body.push(
    digest.atRisk.length === 0
      ? text('No open action was at risk or off track.', { subtle: true })
      : table(['Action', 'Owner', 'Status'], digest.atRisk.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), `${formatStatus(a.status)}, ${a.progress}%`])),
  );
  body.push(text(`Engagement ${digest.engagement.quarter.periodLabel}`, { weight: 'bolder', separator: true }));
  body.push(engagementTableElement(digest.engagement.quarter, options.threshold));
  if (digest.belowThreshold.length > 0) {
    body.push(
      text(`Below ${options.threshold}%: ${digest.belowThreshold.map((b) => `${b.label} at ${b.subgroupName} (${b.percent}%)`).join('; ')}.`, { color: 'attention' }),
    );
  }
  body.push(text('Meetings held / planned', { weight: 'bolder', separator: true }));
  body.push(facts(digest.meetings.map((m) => [m.name, `${m.held} / ${m.planned}${m.cancelled ? ` (${m.cancelled} cancelled)` : ''}`])));
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open the full digest', url: options.fullDigestUrl }]);
}

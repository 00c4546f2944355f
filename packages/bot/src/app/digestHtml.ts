import { formatEngagementCell, formatPence, type EngagementTable, type QuarterlyDigest } from '@partnership-tracker/core';
import { formatDate, formatStatus } from './format.js';

const escape = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const tableHtml = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  `<table><thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

function engagementHtml(table: EngagementTable, threshold: number): string {
  return tableHtml(
    ['Agency', ...table.columns.map((c) => c.shortName)],
    [
      ...table.rows.map((row) => [
        row.label,
        ...table.columns.map((c) => {
          const cell = row.cells[c.subgroupId];
          if (!cell) return '—';
          return row.agencyId !== null && cell.kind === 'value' && cell.percent < threshold ? `${formatEngagementCell(cell)} (below ${threshold}%)` : formatEngagementCell(cell);
        }),
      ]),
      ['Meetings held / planned', ...table.columns.map((c) => `${c.meetingsHeld} / ${c.meetingsPlanned}`)],
    ],
  );
}

/** The full quarterly digest as a plain, printable HTML page (every value escaped). */
export function renderDigestHtml(digest: QuarterlyDigest, threshold: number): string {
  const d = digest.delivery;
  const owner = (name: string | null) => name ?? 'no owner';
  const sections = [
    `<h1>Quarterly digest ${escape(digest.periodLabel)}</h1>`,
    `<p>${escape(digest.partnership)}: ${escape(digest.plan.name)}. Generated ${escape(digest.generatedAt)}.</p>`,
    '<h2>Delivery</h2>',
    `<p>${d.percent === null ? 'n/a' : `${d.percent}%`} of the plan delivered (${d.completed} of ${d.counted} actions)${d.change === null ? '' : `, ${d.change >= 0 ? '+' : ''}${d.change} points since last quarter`}.</p>`,
    tableHtml(['Priority', 'Completed', 'Delivered'], digest.deliveryByPriority.map((p) => [p.title, `${p.completed} / ${p.counted}`, p.percent === null ? 'n/a' : `${p.percent}%`])),
    '<h2>Completed this quarter</h2>',
    tableHtml(['Action', 'Owner', 'Completed'], digest.completedThisQuarter.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), formatDate(a.completedOn)])),
    '<h2>Overdue at quarter end</h2>',
    tableHtml(['Action', 'Owner', 'Due', 'Days overdue', 'Status'], digest.overdue.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), formatDate(a.due), String(a.daysOverdue), `${formatStatus(a.status)}, ${a.progress}%`])),
    '<h2>At risk or off track</h2>',
    tableHtml(['Action', 'Owner', 'Due', 'Status'], digest.atRisk.map((a) => [`${a.ref} ${a.title}`, owner(a.ownerName), formatDate(a.due), `${formatStatus(a.status)}, ${a.progress}%`])),
    `<h2>Engagement ${escape(digest.engagement.quarter.periodLabel)}</h2>`,
    engagementHtml(digest.engagement.quarter, threshold),
    `<h2>Engagement ${escape(digest.engagement.yearToDate.periodLabel)}</h2>`,
    engagementHtml(digest.engagement.yearToDate, threshold),
    '<h2>Meetings</h2>',
    tableHtml(['Group', 'Held', 'Planned', 'Cancelled', 'Quorate'], digest.meetings.map((m) => [m.name, String(m.held), String(m.planned), String(m.cancelled), String(m.quorate)])),
    `<h2>Funding ${escape(digest.funding.year)}</h2>`,
    tableHtml(
      ['Income', 'Received', 'Pledged', 'Spending'],
      [[formatPence(digest.funding.incomeTotalPence), formatPence(digest.funding.receivedPence), formatPence(digest.funding.pledgedPence), formatPence(digest.funding.expenditureTotalPence)]],
    ),
  ];
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(`Quarterly digest ${digest.periodLabel}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}th{background:#f3f3f3}</style>
</head><body>
${sections.join('\n')}
</body></html>
`;
}

import type { QuarterlyDigest } from '../digest.js';
import { digestView } from '../digestView.js';
import type { Table } from '../table.js';
import { COVERAGE_KEY, ENGAGEMENT_KEY } from '../tables/engagement.js';
import { barChart } from './barChart.js';
import { RETURNS_KEY } from './digestMarkdown.js';
import { escapeHtml, htmlTable, tableStyle } from './html.js';

const chartStyle = `figure{margin:0 0 2rem}
figcaption{font-size:.85rem;color:#505a5f}
.chart text{font:12px Arial,Helvetica,sans-serif;fill:#1b1b1b}
.chart .bar{fill:#1d70b8}
.chart .axis{stroke:#505a5f}
.chart .target{stroke:#b1b4b6;stroke-dasharray:4 3}
.headline li{margin:.3rem 0}`;

function section(table: Table, empty: string): string {
  if (table.rows.length === 0) return `<h2>${escapeHtml(table.title)}</h2>\n<p>${escapeHtml(empty)}</p>`;
  return `<h2>${escapeHtml(table.title)}</h2>\n${htmlTable(table, false)}`;
}

/**
 * Renders the quarterly digest as one self-contained HTML page: inline style, inline SVG charts
 * (engagement by agency, delivery by priority), no scripts or external files, so that it can
 * be e-mailed or opened from disk and shows as is.
 */
export function renderDigestHtml(digest: QuarterlyDigest, timeZone: string): string {
  const view = digestView(digest, timeZone);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(view.title)}</title>`,
    `<style>${tableStyle}\n${chartStyle}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(view.title)}</h1>`,
    `<p>${escapeHtml(view.subtitle)}</p>`,
    `<ul class="headline">${view.headline.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<h2>Delivery by priority</h2>`,
    view.deliveryChart.length > 0 ? barChart('Business plan delivery by priority (% of actions complete)', view.deliveryChart) : '<p>No priorities.</p>',
    htmlTable(view.deliveryByPriority, false),
    section(view.completed, 'None this quarter.'),
    section(view.withdrawn, 'None this quarter.'),
    section(view.overdue, 'Nothing overdue.'),
    section(view.atRisk, 'Nothing at risk or off track.'),
    `<h2>Engagement by agency</h2>`,
    view.engagementChart.length > 0 ? barChart(`Attendance by agency across its groups, ${digest.engagement.quarter.periodLabel}`, view.engagementChart) : '<p>No meetings this quarter.</p>',
    section(view.engagementQuarter, 'No subgroups.'),
    section(view.engagementYear, 'No subgroups.'),
    `<p>${escapeHtml(ENGAGEMENT_KEY)}</p>`,
    section(view.coverageYear, 'No subgroups.'),
    `<p>${escapeHtml(COVERAGE_KEY)}</p>`,
    section(view.belowThreshold, 'Every agency is at or above the threshold.'),
    section(view.meetings, 'No meetings.'),
    ...(view.registers.rows.length > 0 ? [section(view.registers, '')] : []),
    section(view.funding, ''),
    ...(view.returns ? [section(view.returns, ''), `<p>${escapeHtml(RETURNS_KEY)}</p>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

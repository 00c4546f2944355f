import type { QuarterlyDigest } from '../digest.js';
import { digestView } from '../digestView.js';
import type { Table } from '../table.js';
import { COVERAGE_KEY, ENGAGEMENT_KEY } from '../tables/engagement.js';
import { escapeMarkdown, writeMarkdown } from './markdown.js';

/** What the returns table's words mean, under it. */
export const RETURNS_KEY = 'Late counts calendar days after the due day; "—" = not asked. As at the quarter end.';

function section(table: Table, empty: string): string {
  if (table.rows.length === 0) return `## ${escapeMarkdown(table.title)}\n\n${empty}\n`;
  // writeMarkdown prints a level-one title; the digest nests each table one level down.
  return writeMarkdown({ title: table.title, tables: [table] }).replace(/^# /, '## ');
}

/** Renders the quarterly digest as Markdown, for e-mail or a report. */
export function renderDigestMarkdown(digest: QuarterlyDigest, timeZone: string): string {
  const view = digestView(digest, timeZone);
  return [
    `# ${escapeMarkdown(view.title)}\n\n${escapeMarkdown(view.subtitle)}\n`,
    `${view.headline.map((line) => `- ${escapeMarkdown(line)}`).join('\n')}\n`,
    section(view.deliveryByPriority, 'No priorities.'),
    section(view.completed, 'None this quarter.'),
    section(view.withdrawn, 'None this quarter.'),
    section(view.overdue, 'Nothing overdue.'),
    section(view.atRisk, 'Nothing at risk or off track.'),
    section(view.engagementQuarter, 'No subgroups.'),
    section(view.engagementYear, 'No subgroups.'),
    `${ENGAGEMENT_KEY}\n`,
    section(view.coverageYear, 'No subgroups.'),
    `${COVERAGE_KEY}\n`,
    section(view.belowThreshold, 'Every agency is at or above the threshold.'),
    section(view.meetings, 'No meetings.'),
    ...(view.registers.rows.length > 0 ? [section(view.registers, '')] : []),
    section(view.funding, ''),
    ...(view.returns ? [section(view.returns, ''), `${RETURNS_KEY}\n`] : []),
  ].join('\n');
}

import { displayCell } from './formatCell.js';
import type { Report, Table } from './table.js';

const numeric = new Set(['integer', 'pence', 'percent', 'percentTenths', 'share']);

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function markdownTable(table: Table): string {
  const header = `| ${table.columns.map((c) => escape(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (numeric.has(c.type) ? '---:' : '---')).join(' | ')} |`;
  const line = (row: Table['rows'][number], bold: boolean) =>
    `| ${table.columns
      .map((c) => {
        const text = escape(displayCell(row[c.key] ?? null, c.type));
        return bold && text !== '' ? `**${text}**` : text;
      })
      .join(' | ')} |`;
  return [header, rule, ...table.rows.map((r) => line(r, false)), ...(table.total ? [line(table.total, true)] : [])].join('\n');
}

/** Writes a report as Markdown: a heading, then each table (GitHub pipe tables, numbers right-aligned) under its title. */
export function writeMarkdown(report: Report): string {
  const parts = [`# ${report.title}`];
  const single = report.tables.length === 1 && report.tables[0]!.title === report.title;
  for (const table of report.tables) {
    if (!single) parts.push(`## ${table.title}`);
    parts.push(markdownTable(table));
  }
  if (report.notes?.length) parts.push(report.notes.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

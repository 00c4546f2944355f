import { displayCell } from '../formatCell.js';
import { isNumeric, type Report, type Table } from '../table.js';

/**
 * Text as Markdown shows it literally: a note typed as `[click](https://…)`, `<img …>` or
 * `**shout**` reads as typed instead of becoming a link, HTML or emphasis. Backslash escapes are
 * CommonMark's, which Teams' message and card text honour too.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`);
}

/** A table cell: escaped, and on one line (a line break would end the table row). */
function escape(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, '<br>');
}

/** A table as a GitHub pipe table: numbers right-aligned, the closing row in bold. */
export function markdownTable(table: Table): string {
  const header = `| ${table.columns.map((c) => escape(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (isNumeric(c.type) ? '---:' : '---')).join(' | ')} |`;
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
  const parts = [`# ${escapeMarkdown(report.title)}`];
  const single = report.tables.length === 1 && report.tables[0]!.title === report.title;
  for (const table of report.tables) {
    if (!single) parts.push(`## ${escapeMarkdown(table.title)}`);
    parts.push(markdownTable(table));
  }
  if (report.notes?.length) parts.push(report.notes.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

import { displayCell } from '../formatCell.js';
import { isNumeric, type CellType, type Report, type Table } from '../table.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The class a cell's type gives it: numbers align right, and a reference never wraps at its hyphen. */
function cellClass(type: CellType): string {
  if (isNumeric(type)) return ' class="number"';
  return type === 'reference' ? ' class="reference"' : '';
}

/** Renders one table as an HTML `<table>` with a caption, header row and, when present, a totals footer. */
export function htmlTable(table: Table, caption = true): string {
  const cell = (tag: 'td' | 'th', text: string, type: CellType) => `<${tag}${cellClass(type)}>${escapeHtml(text)}</${tag}>`;
  const row = (r: Table['rows'][number], tag: 'td' | 'th') => `<tr>${table.columns.map((c) => cell(tag, displayCell(r[c.key] ?? null, c.type), c.type)).join('')}</tr>`;
  return [
    '<table>',
    ...(caption ? [`<caption>${escapeHtml(table.title)}</caption>`] : []),
    `<thead><tr>${table.columns.map((c) => `<th scope="col"${isNumeric(c.type) ? ' class="number"' : ''}>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>`,
    `<tbody>`,
    ...table.rows.map((r) => row(r, 'td')),
    `</tbody>`,
    ...(table.total ? [`<tfoot>${row(table.total, 'th')}</tfoot>`] : []),
    '</table>',
  ].join('\n');
}

/** The house style of exported tables: plain, printable, and close to an annual report's. */
export const tableStyle = `body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;margin:2rem;max-width:60rem}
table{border-collapse:collapse;margin:0 0 2rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}
tfoot th{background:#f3f2f1}
.number{text-align:right;font-variant-numeric:tabular-nums}
.reference{white-space:nowrap}`;

/** Writes a report as one self-contained HTML page (inline style, no scripts), ready to open or paste into a report. */
export function writeHtml(report: Report): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${tableStyle}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    ...report.tables.map((t) => htmlTable(t)),
    ...(report.notes ?? []).map((n) => `<p>${escapeHtml(n)}</p>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export type { Report, Table, Column, Cell, CellType, Row } from './table.js';
export { writeCsv } from './writeCsv.js';
export { writeMarkdown } from './writeMarkdown.js';
export { writeHtml, htmlTable, escapeHtml, tableStyle } from './writeHtml.js';
export { writeJson } from './writeJson.js';
export { writeXlsx } from './writeXlsx.js';
export { displayCell, plainCell, formatMoney, formatDate } from './formatCell.js';
export { writeReport, EXPORT_FORMATS, type ExportFormat } from './writeReport.js';

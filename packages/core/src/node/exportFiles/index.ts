export { writeCsv } from './writeCsv.js';
export { writeXlsx } from './writeXlsx.js';
export { writeReport, EXPORT_FORMATS, type ExportFormat } from './writeReport.js';

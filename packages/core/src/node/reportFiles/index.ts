export { writeReportDocx } from './writeReportDocx.js';
export { chartPng, type ChartPicture } from './chartPng.js';
export { writeAnnualReport, REPORT_FORMATS, type ReportFormat } from './writeAnnualReport.js';

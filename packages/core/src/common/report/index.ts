export {
  buildAnnualReport,
  type AnnualReport,
  type AnnualReportOptions,
  type ReportSection,
  type ReportBlock,
  type ReportChart,
  type ChartScale,
  type SectionState,
  type SectionSpec,
  type DataSection,
  type NarrativeSection,
  type ReportContext,
} from './annualReport.js';
export { annualReport, REPORT_SECTIONS, NARRATIVE_SECTIONS } from './sections.js';
export { narrativeBlocks, textRuns, plainText, type NarrativeBlock, type TextRun } from './narrative.js';
export { barValueText } from './sections/charts.js';
export { renderReportHtml, reportTableHtml } from './render/reportHtml.js';
export { renderReportMarkdown } from './render/reportMarkdown.js';
export { chartSvg } from './render/chartSvg.js';
export { aboutThisReport, PLACEHOLDER_LABEL } from './render/about.js';

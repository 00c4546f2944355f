import { displayCell, formatDate } from '../../reporting/formatCell.js';
import { escapeHtml } from '../../reporting/render/html.js';
import { isNumeric, type Row, type Table } from '../../reporting/table.js';
import type { AnnualReport, ReportBlock, ReportSection } from '../annualReport.js';
import type { NarrativeBlock, TextRun } from '../narrative.js';
import { chartSvg } from './chartSvg.js';
import { aboutThisReport, PLACEHOLDER_LABEL } from './about.js';

/**
 * Screen and print in one sheet: GOV.UK-like colours that pass WCAG AA contrast, each section
 * on a new page when printed, table headers repeated on every printed page, rows and charts
 * never split, and page numbers in the margin.
 */
const STYLE = `body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;background:#fff;line-height:1.45;margin:2rem auto;max-width:62rem;padding:0 1rem}
h1{font-size:2rem;margin:0 0 .5rem}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;border-bottom:2px solid #0b0c0c;padding-bottom:.3rem}
h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1.2rem 0 .4rem}
a{color:#1d70b8}
table{border-collapse:collapse;margin:0 0 .5rem;font-size:.9rem;width:100%}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}
tbody th{font-weight:normal}
tfoot th,tfoot td{background:#f3f2f1;font-weight:bold}
.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.reference{white-space:nowrap}
.table-notes{font-size:.85rem;color:#505a5f;margin:0 0 1.5rem}
figure{margin:1rem 0 2rem}
figure svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:#505a5f}
.placeholder{border:2px dashed #505a5f;padding:.8rem 1rem;margin:1rem 0;background:#fff}
.placeholder strong{display:block}
blockquote{border-left:4px solid #b1b4b6;margin:1rem 0;padding:.2rem 1rem}
nav ol{columns:2}
@page{size:A4;margin:18mm 15mm 20mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt Arial,Helvetica,sans-serif}}
@media print{body{margin:0;max-width:none;font-size:10.5pt}
section.report-section{break-before:page}
thead{display:table-header-group}
tfoot{display:table-footer-group}
tr,figure,.placeholder{break-inside:avoid}
h2,h3,caption{break-after:avoid}
a{color:#0b0c0c}
nav ol{columns:1}}`;

function runsHtml(runs: readonly TextRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.href) html = `<a href="${escapeHtml(run.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function narrativeHtml(block: NarrativeBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? `<h3>${runsHtml(block.runs)}</h3>` : `<h4>${runsHtml(block.runs)}</h4>`;
    case 'paragraph':
      return `<p>${runsHtml(block.runs)}</p>`;
    case 'quote':
      return `<blockquote><p>${runsHtml(block.runs)}</p></blockquote>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</${tag}>`;
    }
  }
}

/**
 * A table with its caption, a header row of column headers and, in each row, the first cell as
 * the row's header: a screen reader announces "Croydon ICB, QAG: 67%" rather than a bare number.
 */
export function reportTableHtml(table: Table): string {
  const [first, ...rest] = table.columns;
  if (!first) return '';
  const cls = (type: Table['columns'][number]['type']) => (isNumeric(type) ? ' class="number"' : type === 'reference' ? ' class="reference"' : '');
  const cell = (row: Row, column: Table['columns'][number]) => escapeHtml(displayCell(row[column.key] ?? null, column.type));
  const line = (row: Row) => `<tr><th scope="row"${cls(first.type)}>${cell(row, first)}</th>${rest.map((c) => `<td${cls(c.type)}>${cell(row, c)}</td>`).join('')}</tr>`;
  return [
    '<table>',
    `<caption>${escapeHtml(table.title)}</caption>`,
    `<thead><tr>${table.columns.map((c) => `<th scope="col"${cls(c.type)}>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>`,
    `<tbody>${table.rows.map(line).join('\n')}</tbody>`,
    ...(table.total ? [`<tfoot>${line(table.total)}</tfoot>`] : []),
    '</table>',
  ].join('\n');
}

function blockHtml(block: ReportBlock, id: string): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'table':
      return [reportTableHtml(block.table), ...(block.notes?.length ? [`<p class="table-notes">${block.notes.map(escapeHtml).join('<br>')}</p>`] : [])].join('\n');
    case 'chart':
      return `<figure>${chartSvg(block.chart, id)}<figcaption>${escapeHtml(block.chart.title)}</figcaption></figure>`;
    case 'narrative':
      return block.blocks.map(narrativeHtml).join('\n');
    case 'placeholder':
      return `<div class="placeholder"><strong>${escapeHtml(PLACEHOLDER_LABEL[block.reason])}</strong>${escapeHtml(block.text)}</div>`;
  }
}

function sectionHtml(section: ReportSection, number: number): string {
  const heading = `${section.id}-title`;
  return [
    `<section id="${section.id}" class="report-section" aria-labelledby="${heading}">`,
    `<h2 id="${heading}">${number}. ${escapeHtml(section.title)}</h2>`,
    ...section.blocks.map((block, index) => blockHtml(block, `${section.id}-chart-${index + 1}`)),
    '</section>',
  ].join('\n');
}

/**
 * The annual report as one self-contained, printable HTML page: no scripts, no external files,
 * charts as inline SVG with titles and descriptions, tables with captions and header scopes,
 * and a contents list that links to each section.
 */
export function renderReportHtml(report: AnnualReport): string {
  const about = aboutThisReport(report);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p>${escapeHtml(report.area)} · figures as at ${escapeHtml(formatDate(report.asAt))} · prepared ${escapeHtml(formatDate(report.preparedOn))}</p>`,
    '</header>',
    '<main>',
    '<nav aria-labelledby="contents-title">',
    '<h2 id="contents-title">Contents</h2>',
    `<ol>${report.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol>`,
    '</nav>',
    '<section id="about-this-report" aria-labelledby="about-this-report-title">',
    '<h2 id="about-this-report-title">About this report</h2>',
    ...about.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(about.missing.length > 0 ? [`<ul>${about.missing.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`] : []),
    '</section>',
    ...report.sections.map((section, index) => sectionHtml(section, index + 1)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

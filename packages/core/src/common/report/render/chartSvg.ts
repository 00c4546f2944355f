import { escapeHtml } from '../../reporting/render/html.js';
import type { ReportChart } from '../annualReport.js';
import { barValueText } from '../sections/charts.js';

/** The chart's colours and type, written on its elements so that the SVG draws the same alone (as a Word image) as in the page. */
const INK = '#0b0c0c';
const BAR = '#1d70b8';
const RULE = '#505a5f';
const FONT = 'Arial, Liberation Sans, DejaVu Sans, Helvetica, sans-serif';

/** Label width, bar area and row height, in SVG units (CSS pixels at 100%). */
const LABEL = 330;
const AREA = 320;
const ROW = 24;
const TOP = 8;

/**
 * A horizontal bar chart as standalone SVG: labelled bars scaled to 100% (or the largest value,
 * when attendance runs over 100%), the value at each bar's end, a dashed line at 100% for
 * percentages. Every colour and font is an attribute, so the same SVG serves the HTML page and,
 * rasterised, the Word document. `id` names its title and description, the chart's accessible
 * name and text alternative.
 */
export function chartSvg(chart: ReportChart, id: string): string {
  const values = chart.bars.map((b) => (b.value === null ? 0 : chart.scale === 'share' ? b.value / 100 : b.value));
  const scale = Math.max(100, ...values);
  const width = LABEL + AREA + 70;
  const height = TOP * 2 + Math.max(1, chart.bars.length) * ROW;
  const rows = chart.bars.map((bar, index) => {
    const y = TOP + index * ROW;
    const length = Math.round((values[index]! / scale) * AREA);
    const label = bar.label.length > 42 ? `${bar.label.slice(0, 41)}…` : bar.label;
    return [
      `<text x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text>`,
      length > 0 ? `<rect x="${LABEL}" y="${y + 4}" width="${length}" height="${ROW - 8}" fill="${BAR}"/>` : '',
      `<text x="${LABEL + length + 6}" y="${y + 16}">${escapeHtml(barValueText(bar.value, chart.scale))}</text>`,
    ].join('');
  });
  const hundred = LABEL + Math.round((100 / scale) * AREA);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}" font-size="12" fill="${INK}">`,
    `<title id="${id}-title">${escapeHtml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(chart.description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<line x1="${LABEL}" y1="0" x2="${LABEL}" y2="${height}" stroke="${RULE}"/>`,
    chart.scale === 'percent' ? `<line x1="${hundred}" y1="0" x2="${hundred}" y2="${height}" stroke="${RULE}" stroke-dasharray="4 3"/>` : '',
    ...rows,
    `</svg>`,
  ].join('');
}

import { escapeHtml } from '../export/writeHtml.js';
import type { Bar } from './digestTables.js';

/**
 * A horizontal bar chart as inline SVG: one labelled bar per item, scaled to 100% (or the
 * largest value, when attendance runs over 100%), with the value written at the end of the bar.
 * Items with no value show "n/a" and no bar. Needs no script or external file.
 */
export function barChart(title: string, bars: readonly Bar[]): string {
  const labelWidth = 300;
  const barArea = 320;
  const rowHeight = 24;
  const top = 8;
  const width = labelWidth + barArea + 60;
  const height = top * 2 + Math.max(1, bars.length) * rowHeight;
  const scale = Math.max(100, ...bars.map((b) => b.value ?? 0));
  const rows = bars.map((bar, index) => {
    const y = top + index * rowHeight;
    const length = bar.value === null ? 0 : Math.round((bar.value / scale) * barArea);
    const label = bar.label.length > 44 ? `${bar.label.slice(0, 43)}…` : bar.label;
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text>`,
      length > 0 ? `<rect class="bar" x="${labelWidth}" y="${y + 4}" width="${length}" height="${rowHeight - 8}"><title>${escapeHtml(`${bar.label}: ${bar.value}%`)}</title></rect>` : '',
      `<text x="${labelWidth + length + 6}" y="${y + 16}">${bar.value === null ? 'n/a' : `${bar.value}%`}</text>`,
    ].join('');
  });
  const hundred = labelWidth + Math.round((100 / scale) * barArea);
  return [
    `<figure>`,
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<line class="axis" x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}"/>`,
    `<line class="target" x1="${hundred}" y1="0" x2="${hundred}" y2="${height}"/>`,
    ...rows,
    `</svg>`,
    `<figcaption>${escapeHtml(title)}</figcaption>`,
    `</figure>`,
  ].join('\n');
}

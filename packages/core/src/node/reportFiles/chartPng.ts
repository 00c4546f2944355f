import { Resvg } from '@resvg/resvg-js';
import type { ReportChart } from '../../common/report/index.js';
import { chartSvg } from '../../common/report/index.js';

/** A chart as a PNG picture, with the size in CSS pixels to show it at. */
export interface ChartPicture {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Draws a chart's SVG (the one the HTML page shows) as a PNG at twice its size, so that it stays
 * sharp in print. resvg draws the text with the system's fonts: Arial or Liberation Sans where
 * installed, else DejaVu Sans (fonts-dejavu-core, which Debian's fontconfig brings in).
 */
export function chartPng(chart: ReportChart, id: string): ChartPicture {
  const svg = chartSvg(chart, id);
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }, logLevel: 'off' });
  const picture = resvg.render();
  return { png: new Uint8Array(picture.asPng()), width: Math.round(resvg.width), height: Math.round(resvg.height) };
}

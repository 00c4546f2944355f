import { formatShare, type ShareTable } from '../../funding/fundingTables.js';
import type { Bar } from '../../reporting/digestView.js';
import type { ChartScale, ReportChart } from '../annualReport.js';

/** A bar's value as the chart and its text alternative print it: `86%`, or a share `74.08%`. */
export function barValueText(value: number | null, scale: ChartScale): string {
  if (value === null) return 'n/a';
  return scale === 'share' ? formatShare(value) : `${value}%`;
}

/** A chart with the text alternative that reads out every bar. */
export function chartOf(title: string, bars: readonly Bar[], scale: ChartScale = 'percent'): ReportChart {
  const description = `${title}: ${bars.map((bar) => `${bar.label} ${barValueText(bar.value, scale)}`).join('; ')}.`;
  return { title, description, bars, scale };
}

/** A chart of each line's share of a table's total. */
export function shareChart(title: string, table: ShareTable): ReportChart {
  return chartOf(title, table.lines.map((line) => ({ label: line.label, value: line.share })), 'share');
}

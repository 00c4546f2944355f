import { formatPence, formatShare } from '@partnership-tracker/core';
import type { Cell, CellType } from './table.js';

/** Shows integer pence as people read money: £311,609, with pence only when there are some (£1,959.50). */
export function formatMoney(pence: number): string {
  return formatPence(pence, { pennies: pence % 100 !== 0 });
}

/** Shows a date as the UK writes it: 31/03/2025. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

/** Shows a cell for people (markdown, html): money with £ and commas, percentages with %. */
export function displayCell(value: Cell, type: CellType): string {
  if (value === null) return '';
  if (typeof value === 'string') return type === 'date' ? formatDate(value) : value;
  switch (type) {
    case 'pence':
      return formatMoney(value);
    case 'percent':
      return `${value}%`;
    case 'percentTenths':
      return `${value.toFixed(1)}%`;
    case 'share':
      return formatShare(value);
    default:
      return String(value);
  }
}

/**
 * Shows a cell for a spreadsheet reading CSV: numbers without £ or thousands separators, so
 * that Excel reads them as numbers, and percentages with %, which Excel reads as percentages.
 */
export function plainCell(value: Cell, type: CellType): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (type) {
    case 'pence':
      return (value / 100).toFixed(2);
    case 'percent':
      return `${value}%`;
    case 'percentTenths':
      return `${value.toFixed(1)}%`;
    case 'share':
      return formatShare(value);
    default:
      return String(value);
  }
}

import { formatPence, formatShare } from '../funding/fundingTables.js';
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

/** Shows a number the way people and spreadsheets both read it; money is the one type they read differently. */
function numberText(value: number, type: CellType): string {
  switch (type) {
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

/** Shows a cell for people (markdown, html): money with £ and commas, percentages with %. */
export function displayCell(value: Cell, type: CellType): string {
  if (value === null) return '';
  if (typeof value === 'string') return type === 'date' ? formatDate(value) : value;
  return type === 'pence' ? formatMoney(value) : numberText(value, type);
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text as a spreadsheet may safely read it: text that a spreadsheet would run as a formula
 * (`=HYPERLINK(…)` typed as a note in chat) gets a leading `'`, which Excel and LibreOffice
 * show as text. Only for text: numbers are written by `plainCell` and stay numbers.
 */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Shows a cell for a spreadsheet reading CSV: numbers without £ or thousands separators, so
 * that Excel reads them as numbers, and percentages with %, which Excel reads as percentages;
 * text that would run as a formula is neutralised (see `spreadsheetText`).
 */
export function plainCell(value: Cell, type: CellType): string {
  if (value === null) return '';
  if (typeof value === 'string') return spreadsheetText(value);
  return type === 'pence' ? (value / 100).toFixed(2) : numberText(value, type);
}

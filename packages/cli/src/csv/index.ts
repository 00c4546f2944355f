export { readCsv, headerKey, type ColumnSpec, type CsvRow } from './readCsv.js';

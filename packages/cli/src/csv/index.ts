export { readCsv, headerKey, type ColumnSpec, type CsvRow } from './readCsv.js';
export { decodeCsvFile } from './decodeCsvFile.js';

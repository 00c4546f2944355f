export { readCsv, readCsvRecords, tableOf, headerKey, HEADER_SYNONYMS, type ColumnSpec, type CsvRow, type RawRecord, type ImportTable, type HeaderOptions } from './readCsv.js';
export { decodeCsvFile, readImportFile, type ImportSource } from './decodeCsvFile.js';

// The writers live in core, so that the bot's download links serve the very files ptrack writes.
export { writeCsv, writeXlsx, writeReport, EXPORT_FORMATS, type ExportFormat } from '@partnership-tracker/core/node';

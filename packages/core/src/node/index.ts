// Node-only parts of core: the file-backed and PostgreSQL stores. Import from '@partnership-tracker/core/node'.
export { openFileStore, FileStore, DEFAULT_COMPACTION, type FileStoreOptions, type CompactionPolicy } from './fileStore.js';
export { createDataFile } from './createDataFile.js';
export { parseDataFile, serializeDatabase } from './snapshotFile.js';
export { isDataFileOrCompanion } from './companionFiles.js';
export { PgStore, type PgConnection } from './postgres/pgStore.js';
// What a PgStore commit sends, for the bench's floor: the same statements in a bare transaction.
export { advanceHead, revisionWrites, revisionStatements, type Statement } from './postgres/partnershipRows.js';
export type { RowWrites } from './postgres/rowWrites.js';
export {
  PgPartnerships,
  openPgStore,
  isDatabaseUrl,
  describeDatabaseUrl,
  PARTNERSHIP_ID,
  type PartnershipSummary,
  type ChatChannel,
  type ChatWorkspace,
  type PgConnectOptions,
} from './postgres/pgPartnerships.js';
export {
  startThrowawayCluster,
  createScratchDatabase,
  testDatabaseServer,
  findServerPrograms,
  TEST_DATABASE_VARIABLE,
  NO_SERVER_HELP,
  type ThrowawayCluster,
  type ThrowawayClusterOptions,
} from './postgres/throwawayCluster.js';
export { writeCsv, writeXlsx, writeReport, EXPORT_FORMATS, type ExportFormat } from './exportFiles/index.js';
export { writeReportDocx, chartPng, writeAnnualReport, REPORT_FORMATS, type ReportFormat, type ChartPicture } from './reportFiles/index.js';

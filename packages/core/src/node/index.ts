// Node-only parts of core: the file-backed store. Import from '@partnership-tracker/core/node'.
export {
  openFileStore,
  createDataFile,
  parseDataFile,
  serializeDatabase,
  FileStore,
  DEFAULT_COMPACTION,
  type FileStoreOptions,
  type CompactionPolicy,
} from './fileStore.js';
export { isDataFileOrCompanion } from './companionFiles.js';

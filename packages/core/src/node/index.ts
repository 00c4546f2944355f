// Node-only parts of core: the file-backed store. Import from '@partnership-tracker/core/node'.
export { openFileStore, FileStore, DEFAULT_COMPACTION, type FileStoreOptions, type CompactionPolicy } from './fileStore.js';
export { createDataFile } from './createDataFile.js';
export { parseDataFile, serializeDatabase } from './snapshotFile.js';
export { isDataFileOrCompanion } from './companionFiles.js';

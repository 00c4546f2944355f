// Node-only parts of core: the file-backed store. Import from '@partnership-tracker/core/node'.
export {};

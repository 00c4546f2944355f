// The part of fs-native-extensions (holepunchto) the file lock uses; the package ships no types.
declare module 'fs-native-extensions' {
  /** Takes a lock on the open file without waiting: true if granted, false if another holder has it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  /** Waits (blocked in a thread of the pool) until the lock is granted. */
  export function waitForLock(fd: number, options?: { shared?: boolean }): Promise<void>;
  /** Releases the lock held through this file descriptor. */
  export function unlock(fd: number): void;
}

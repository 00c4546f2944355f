import { mkdirSync, realpathSync, rmdirSync, statSync, utimesSync } from 'node:fs';

type Callback = (error: NodeJS.ErrnoException | null, result?: unknown) => void;

/** Calls `run` in place and reports to a Node-style callback, as an async fs method would. */
function inPlace<A extends unknown[]>(run: (...args: A) => unknown) {
  return (...args: [...A, Callback]): void => {
    const callback = args.pop() as Callback;
    let result: unknown;
    try {
      result = run(...(args as unknown as A));
    } catch (error) {
      callback(error as NodeJS.ErrnoException);
      return;
    }
    callback(null, result);
  };
}

/**
 * The file-system calls proper-lockfile makes (its documented `fs` option), made in place: a
 * free lock is a mkdir and a stat, microseconds each, where a trip through libuv's thread pool
 * costs tens of microseconds and milliseconds on a busy machine. One object for the process,
 * because proper-lockfile caches the file system's mtime precision on it; its own `lockSync`
 * builds a new one per call, so every lock would also pay a `utimes` to probe the precision.
 */
export const inPlaceFs = {
  mkdir: inPlace((path: string) => mkdirSync(path)),
  realpath: inPlace((path: string) => realpathSync(path)),
  stat: inPlace((path: string) => statSync(path)),
  rmdir: inPlace((path: string) => rmdirSync(path)),
  utimes: inPlace((path: string, atime: Date, mtime: Date) => utimesSync(path, atime, mtime)),
  // What proper-lockfile calls on the lock's fs at exit to remove locks still held.
  rmdirSync: (path: string) => rmdirSync(path),
};

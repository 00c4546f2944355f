import type { Result } from '../base/result.js';
import type { ChangeContext } from './applyCommands.js';
import type { CommandInput } from './commands.js';
import type { AuditEntry } from '../audit/auditEntry.js';
import type { Database } from './database.js';

/** What a committed change reports back to its caller. */
export interface CommitResult {
  /** The store's revision after the change. */
  readonly revision: number;
  /** What changed; empty when the commands changed nothing (e.g. a retried submission). */
  readonly audit: readonly AuditEntry[];
}

/**
 * The only way the rest of Partnership Tracker reads or changes a partnership's data.
 * Implementations: in-memory (tests), a lowdb JSON file (the embedded default); a database
 * server can implement the same interface without callers changing.
 */
export interface Store {
  /**
   * A consistent snapshot of everything, including changes committed by other processes, but
   * with only the audit's last entry (the next entry's seq follows it): the whole history is
   * never read by the work the bot and the CLI do every day, and holding it was two thirds of a
   * process's held data (see docs/performance.md). `readWithHistory` reads it all.
   * The snapshot is shared and must be treated as read-only.
   */
  read(): Promise<Database>;
  /**
   * The latest committed data with its whole audit, read afresh from where the store keeps it
   * (the file, the database): for copying a partnership and checking what was recorded. It
   * costs about what opening the store costs, and nothing of it is kept.
   */
  readWithHistory(): Promise<Result<Database>>;
  /**
   * Applies commands all-or-nothing on the latest data and makes them durable before
   * resolving. A person's erasure is made durable with the history the store keeps redacted: no
   * copy of what they were known by is left in it. Concurrent calls are serialised; nothing is written when any command fails.
   */
  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>>;
  /** Waits for in-flight commits and releases the store. */
  close(): Promise<void>;
}

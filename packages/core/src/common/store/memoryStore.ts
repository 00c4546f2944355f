import { fail, ok, type Result } from '../base/result.js';
import { applyCommands, type ChangeContext } from './applyCommands.js';
import type { CommandInput } from './commands.js';
import { Database } from './database.js';
import { SerialQueue } from './serialQueue.js';
import { appendAudit, putRedacted, redactedEntries, withAuditTail } from './heldAudit.js';
import type { CommitResult, Store } from './store.js';

/**
 * A store that keeps everything in memory: for tests and for trying things out. Like the file
 * store, it applies commands on the audit's last entry and appends the new entries to its whole
 * audit, so a commit costs the same however long the history; like every store, it hands out
 * snapshots with the audit's last entry only.
 */
export class MemoryStore implements Store {
  private db: Database;
  /** What `read` hands out: `db` with the audit's tail, made once per change. */
  private snapshot: Database;
  private readonly queue = new SerialQueue();
  private closed = false;

  constructor(initial: Database) {
    this.db = Database.parse(initial);
    this.snapshot = withAuditTail(this.db);
  }

  async read(): Promise<Database> {
    return this.snapshot;
  }

  async readWithHistory(): Promise<Result<Database>> {
    return ok({ ...this.db, audit: [...this.db.audit] });
  }

  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return this.queue.run(async () => {
      const outcome = applyCommands(withAuditTail(this.db), commands, context);
      if (!outcome.success) return outcome;
      if (outcome.data.audit.length === 0) return ok({ revision: this.db.revision, audit: [] });
      appendAudit(this.db.audit, outcome.data.audit);
      putRedacted(this.db.audit, redactedEntries(this.db.audit, outcome.data.erasures));
      this.db = { ...outcome.data.db, audit: this.db.audit };
      this.snapshot = withAuditTail(this.db);
      return ok({ revision: this.db.revision, audit: outcome.data.audit });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
  }
}

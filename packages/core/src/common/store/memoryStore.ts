import { fail, ok, type Result } from '../base/result.js';
import { applyCommands, type ChangeContext } from './applyCommands.js';
import type { CommandInput } from './commands.js';
import { Database } from './database.js';
import { SerialQueue } from './serialQueue.js';
import type { CommitResult, Store } from './store.js';

/** A store that keeps everything in memory: for tests and for trying things out. */
export class MemoryStore implements Store {
  private db: Database;
  private readonly queue = new SerialQueue();
  private closed = false;

  constructor(initial: Database) {
    this.db = Database.parse(initial);
  }

  async read(): Promise<Database> {
    return this.db;
  }

  commit(commands: readonly CommandInput[], context: ChangeContext): Promise<Result<CommitResult>> {
    if (this.closed) return Promise.resolve(fail('store.closed', 'The store has been closed.'));
    return this.queue.run(async () => {
      const outcome = applyCommands(this.db, commands, context);
      if (!outcome.success) return outcome;
      this.db = outcome.data.db;
      return ok({ revision: this.db.revision, audit: outcome.data.audit });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
  }
}

import type { AuditEntry } from '../audit/auditEntry.js';
import type { Database } from './database.js';

/**
 * The database as `applyCommands` needs it: every collection, but only the last entry of the
 * audit (the next entry's seq follows it). Applying on this view costs the same however long
 * the audit has grown, where applying on the whole database would copy the audit every time.
 */
export function withAuditTail(db: Database): Database {
  return { ...db, audit: db.audit.slice(-1) };
}

/**
 * Appends entries in place to an audit that a store owns and shares between its snapshots:
 * the audit is append-only, so a snapshot handed out earlier only ever gains entries at its end.
 * A loop rather than `push(...entries)`, which overflows the stack for a very large import.
 */
export function appendAudit(audit: AuditEntry[], entries: readonly AuditEntry[]): void {
  for (const entry of entries) audit.push(entry);
}

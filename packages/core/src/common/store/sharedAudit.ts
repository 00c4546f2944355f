import type { AuditEntry } from '../audit/auditEntry.js';
import type { Database } from './database.js';
import { redactAudit, type Erasure } from '../people/erasure.js';

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

/**
 * Redacts, in place, the entries of an audit that a store owns and that erasures rewrite: the one
 * exception to its being append-only, so that no snapshot handed out keeps the erased values
 * either. Returns the entries rewritten, for the store to write over their earlier copies.
 */
export function redactAuditInPlace(audit: AuditEntry[], erasures: readonly Erasure[]): AuditEntry[] {
  if (erasures.length === 0) return [];
  const redacted = redactAudit(audit, erasures);
  const rewritten: AuditEntry[] = [];
  redacted.forEach((entry, index) => {
    if (entry === audit[index]) return;
    audit[index] = entry;
    rewritten.push(entry);
  });
  return rewritten;
}

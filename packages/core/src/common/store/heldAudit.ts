import type { AuditEntry } from '../audit/auditEntry.js';
import type { Database } from './database.js';
import { redactAudit, type Erasure } from '../people/erasure.js';

/**
 * The database as a store holds it and `applyCommands` needs it: every collection, but only the
 * last entry of the audit (the next entry's seq follows it). Applying on this view costs the same
 * however long the audit has grown, and holding it keeps the history out of the heap.
 */
export function withAuditTail(db: Database): Database {
  return { ...db, audit: db.audit.slice(-1) };
}

/**
 * Appends entries in place to an audit that a store owns (the audit is append-only). A loop
 * rather than `push(...entries)`, which overflows the stack for a very large import.
 */
export function appendAudit(audit: AuditEntry[], entries: readonly AuditEntry[]): void {
  for (const entry of entries) audit.push(entry);
}

/**
 * The entries of an audit that erasures rewrite, as they read once redacted; none when nothing is
 * erased. Worked out once per commit: the store writes them over their earlier copies on disk and
 * puts them in the audit it writes (`putRedacted`).
 */
export function redactedEntries(audit: readonly AuditEntry[], erasures: readonly Erasure[]): AuditEntry[] {
  if (erasures.length === 0) return [];
  return redactAudit(audit, erasures).filter((entry, index) => entry !== audit[index]);
}

/**
 * Puts redacted entries in their places (by seq), in place, in an audit that a store owns: the one
 * exception to its being append-only.
 */
export function putRedacted(audit: AuditEntry[], redacted: readonly AuditEntry[]): void {
  const first = audit[0]?.seq ?? 1;
  for (const entry of redacted) {
    const index = audit[entry.seq - first]?.seq === entry.seq ? entry.seq - first : audit.findIndex((held) => held.seq === entry.seq);
    if (index >= 0) audit[index] = entry;
  }
}

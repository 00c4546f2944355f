import type { AuditEntry } from '../../common/audit/auditEntry.js';
import type { Statement } from './partnershipRows.js';

/**
 * Makes an erasure's redaction durable in the commit that erases: the audit entries it rewrote
 * replace their rows, and the record changes of the revisions before it, which other instances
 * catch up from and which hold the person's records as they were, are deleted. The erasure's own
 * revision leaves no such row either (its changes name the keys the person was filed under), so
 * an instance behind it finds a revision missing and reads the partnership whole again.
 *
 * PostgreSQL keeps the old row versions until VACUUM reclaims them, and backups keep what they
 * held: docs/deploy.md says what an operator does about both.
 */
export function redactionStatements(partnership: string, revision: number, rewritten: readonly AuditEntry[]): Statement[] {
  const statements: Statement[] = [];
  if (rewritten.length > 0) {
    statements.push({
      text: `UPDATE ptrack.audit a SET entry = x.entry
         FROM unnest($2::bigint[], $3::jsonb[]) AS x(seq, entry)
        WHERE a.partnership_id = $1 AND a.seq = x.seq`,
      values: [partnership, rewritten.map((entry) => entry.seq), rewritten.map((entry) => JSON.stringify(entry))],
      expected: { rowCount: rewritten.length, otherwise: `partnership "${partnership}": revision ${revision} redacts audit entries the database does not hold` },
    });
  }
  statements.push({ text: 'DELETE FROM ptrack.revisions WHERE partnership_id = $1 AND revision < $2', values: [partnership, revision] });
  return statements;
}

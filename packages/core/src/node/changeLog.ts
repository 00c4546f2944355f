import { z } from 'zod';
import { Actor } from '../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../common/base/result.js';
import { Instant } from '../common/base/time.js';
import { applyCommands } from '../common/store/applyCommands.js';
import type { CommandInput } from '../common/store/commands.js';
import type { Database } from '../common/store/database.js';
import { appendAudit, withAuditTail } from '../common/store/sharedAudit.js';

/**
 * One committed change as the change log records it, one JSON line each: the revision it
 * produced, who made it and when, and its commands. Replaying the commands on the revision
 * before gives the same database, because `applyCommands` is a pure function of them.
 */
export const ChangeLogEntry = z.object({
  revision: z.number().int().positive(),
  at: Instant,
  actor: Actor,
  commands: z.array(z.unknown()).min(1),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;

/** The complete lines read from a change log, and where they end. */
export interface LogChunk {
  readonly entries: ReadonlyArray<{ readonly line: number; readonly entry: ChangeLogEntry }>;
  /** Bytes of complete (newline-terminated) lines, counted from the start of the chunk. */
  readonly completeBytes: number;
  /** Bytes after the last newline: the torn tail of an append that a crash interrupted. */
  readonly tornBytes: number;
}

const NEWLINE = 0x0a;

/** The JSON line that records one change, ending in a newline. */
export function logLine(entry: ChangeLogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Parses the bytes of a change log from a line boundary. A last line with no newline is a torn
 * append (the process died before its fsync returned, so the commit was never reported done) and
 * is left out; a complete line that is not a valid entry means the log is corrupt.
 * `firstLine` is the 1-based number of the chunk's first line, for messages.
 */
export function parseLogChunk(bytes: Buffer, firstLine: number, logName: string): Result<LogChunk> {
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const entries: Array<{ line: number; entry: ChangeLogEntry }> = [];
  let line = firstLine;
  let start = 0;
  while (start < end) {
    const stop = bytes.indexOf(NEWLINE, start);
    const text = bytes.toString('utf8', start, stop);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return fail('store.corrupt', `${logName}: line ${line} is not valid JSON: ${(error as Error).message}`, { file: logName, line });
    }
    const parsed = ChangeLogEntry.safeParse(json);
    if (!parsed.success) {
      return fail('store.corrupt', `${logName}: line ${line} is not a recorded change: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { file: logName, line });
    }
    entries.push({ line, entry: parsed.data });
    line++;
    start = stop + 1;
  }
  return ok({ entries, completeBytes: end, tornBytes: bytes.length - end });
}

/**
 * Applies logged changes on top of a database. Entries the database already contains (a
 * compaction wrote the snapshot but crashed before removing the log) are skipped; an entry that
 * does not follow on, or no longer applies, means the log does not belong to this data file.
 */
export function replayLog(db: Database, entries: LogChunk['entries'], logName: string): Result<Database> {
  if (entries.length === 0) return ok(db);
  // applyCommands copies the audit log to append to it, and reads only its last entry (for the
  // next seq). Replaying a thousand changes on a 300,000-entry audit would copy it a thousand
  // times, so each change is replayed on the last entry alone and the new entries collected.
  // The one copy here leaves the caller's audit (which snapshots may share) as it was.
  const audit = [...db.audit];
  let current: Database = withAuditTail(db);
  for (const { line, entry } of entries) {
    if (entry.revision <= current.revision) continue;
    if (entry.revision !== current.revision + 1) {
      return fail('store.corrupt', `${logName}: line ${line} records revision ${entry.revision}, but the data is at revision ${current.revision}; the log does not belong to this data file.`, {
        file: logName,
        line,
      });
    }
    const outcome = applyCommands(current, entry.commands as CommandInput[], { actor: entry.actor, at: entry.at });
    if (!outcome.success) {
      return fail('store.corrupt', `${logName}: line ${line} no longer applies (${outcome.error.code}: ${outcome.error.message}); the log does not belong to this data file.`, {
        file: logName,
        line,
      });
    }
    if (outcome.data.db.revision !== entry.revision) {
      return fail('store.corrupt', `${logName}: line ${line} changes nothing; the log does not belong to this data file.`, { file: logName, line });
    }
    appendAudit(audit, outcome.data.audit);
    current = withAuditTail(outcome.data.db);
  }
  return ok({ ...current, audit });
}

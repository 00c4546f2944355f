import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { Actor, AuditEntry } from '../common/audit/auditEntry.js';
import { fail, ok, type Result } from '../common/base/result.js';
import { Instant } from '../common/base/time.js';
import { applyCommands } from '../common/store/applyCommands.js';
import type { CommandInput } from '../common/store/commands.js';
import type { Database } from '../common/store/database.js';
import { applyRecordChanges, RecordChangeSchema, type RecordChange } from '../common/store/recordChanges.js';
import { appendAudit, withAuditTail } from '../common/store/heldAudit.js';

/** The format of the change log's lines this version writes. */
export const LOG_FORMAT = 2;

/**
 * One committed change as the change log records it, one JSON line each: the revision it
 * produced, who made it and when, the records it left and its audit entries. Replaying it needs
 * no command to be understood again, so a data file's log opens in every later version (whose
 * commands may check more than these did), and at the schema version of its data file
 * (`schema`), so an upgrade can replay it before migrating.
 */
export const ChangeLogEntry = z.object({
  v: z.literal(LOG_FORMAT),
  schema: z.number().int().nonnegative(),
  revision: z.number().int().positive(),
  at: Instant,
  actor: Actor,
  changes: z.array(RecordChangeSchema).min(1),
  audit: z.array(AuditEntry).min(1),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;

/**
 * A line as the first versions wrote it: the commands, replayed through `applyCommands`. Still
 * read, so that a data file with such a log opens; never written (the next commit rewrites the
 * data file instead of appending to it).
 */
export const LegacyChangeLogEntry = z.object({
  revision: z.number().int().positive(),
  at: Instant,
  actor: Actor,
  commands: z.array(z.unknown()).min(1),
});
export type LegacyChangeLogEntry = z.infer<typeof LegacyChangeLogEntry>;

/** A line of the change log, in either format, with its 1-based number for messages. */
export type LogLine =
  | { readonly line: number; readonly legacy: false; readonly entry: ChangeLogEntry; readonly text: string }
  | { readonly line: number; readonly legacy: true; readonly entry: LegacyChangeLogEntry; readonly text: string };

/** The complete lines read from a change log, and where they end. */
export interface LogChunk {
  readonly entries: readonly LogLine[];
  /** Bytes of complete (newline-terminated) lines, counted from the start of the chunk. */
  readonly completeBytes: number;
  /** Bytes after the last newline: the torn tail of an append that a crash interrupted. */
  readonly tornBytes: number;
}

const NEWLINE = 0x0a;

/** The JSON line that records one change, ending in a newline. */
export function logLine(entry: Omit<ChangeLogEntry, 'v'>): string {
  return `${JSON.stringify({ v: LOG_FORMAT, ...entry })}\n`;
}

/** The line for a change: the records it left and its audit entries, at the data's schema version. */
export function changeLine(db: { readonly version: number; readonly revision: number }, context: { at: string; actor: Actor }, changes: readonly RecordChange[], audit: readonly AuditEntry[]): string {
  return logLine({ schema: db.version, revision: db.revision, at: context.at, actor: context.actor, changes: changes as ChangeLogEntry['changes'], audit: [...audit] });
}

/**
 * Parses the bytes of a change log from a line boundary. A last line with no newline is a torn
 * append (the process died before its fsync returned, so the commit was never reported done) and
 * is left out; a complete line that is not a valid entry means the log is corrupt.
 * `firstLine` is the 1-based number of the chunk's first line, for messages.
 */
export function parseLogChunk(bytes: Buffer, firstLine: number, logName: string): Result<LogChunk> {
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const entries: LogLine[] = [];
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
    const parsed = parseLine(json, line, text, logName);
    if (!parsed.success) return parsed;
    entries.push(parsed.data);
    line++;
    start = stop + 1;
  }
  return ok({ entries, completeBytes: end, tornBytes: bytes.length - end });
}

function parseLine(json: unknown, line: number, text: string, logName: string): Result<LogLine> {
  const format = typeof json === 'object' && json !== null && 'v' in json ? (json as { v: unknown }).v : undefined;
  if (format === undefined) {
    const legacy = LegacyChangeLogEntry.safeParse(json);
    if (!legacy.success) return notAChange(legacy.error, line, logName);
    return ok({ line, legacy: true, entry: legacy.data, text });
  }
  if (typeof format === 'number' && format > LOG_FORMAT) {
    return fail('store.newer_version', `${logName}: line ${line} was written by a newer version of Partnership Tracker (log format ${format}); upgrade Partnership Tracker`, { file: logName, line });
  }
  const parsed = ChangeLogEntry.safeParse(json);
  if (!parsed.success) return notAChange(parsed.error, line, logName);
  return ok({ line, legacy: false, entry: parsed.data, text });
}

function notAChange(error: z.ZodError, line: number, logName: string): Result<never> {
  return fail('store.corrupt', `${logName}: line ${line} is not a recorded change: ${error.issues[0]?.message ?? 'invalid'}`, { file: logName, line });
}

/** Whether any line of the log is in the first versions' format. */
export function hasLegacyLines(entries: readonly LogLine[]): boolean {
  return entries.some((entry) => entry.legacy);
}

/**
 * Whether the data holds a logged audit entry: the same, or the same entry as a later erasure
 * redacted it (a crash after the erasure's snapshot was written but before the log it replaced
 * was removed leaves the entries as first written in the log).
 */
function sameEntry(held: AuditEntry | undefined, logged: AuditEntry): boolean {
  if (held === undefined) return false;
  if (held.redacted !== true) return isDeepStrictEqual(held, logged);
  return held.seq === logged.seq && held.at === logged.at && held.command === logged.command && held.entity === logged.entity;
}

/**
 * Applies logged changes on top of a database. An entry the database already holds (a compaction
 * wrote the snapshot but stopped before removing the log, or a line repeated) is skipped only if
 * it is exactly the change the data holds: its audit entries are the ones already there, or those
 * entries as a later erasure redacted them (a
 * first-versions line, which carries none, is skipped on its revision). An entry that differs
 * from what the data holds for its revision, or does not follow on, or no longer applies, is
 * refused: the log does not belong to this data file, or two writers wrote it at once.
 *
 * With `validate` false (an older data file, replayed before it is migrated), records are applied
 * as they are and the whole result is validated after migration.
 */
export function replayLog(db: Database, entries: readonly LogLine[], logName: string, options: { validate: boolean } = { validate: true }): Result<Database> {
  if (entries.length === 0) return ok(db);
  // applyCommands and applyRecordChanges copy what they change; the audit is copied once here
  // and each change applied on its last entry alone, so replaying a thousand changes on a
  // 300,000-entry audit does not copy it a thousand times. The caller's audit (a store's held
  // history) stays as it was.
  const audit = [...db.audit];
  let current: Database = withAuditTail(db);
  const place = (line: number) => ({ file: logName, line });
  for (const { line, legacy, entry } of entries) {
    if (entry.revision <= current.revision) {
      if (legacy) continue;
      const first = audit[0]?.seq ?? 1;
      const held = entry.audit.map((item) => audit[item.seq - first]);
      if (!entry.audit.every((item, index) => sameEntry(held[index], item))) {
        return fail('store.corrupt', `${logName}: line ${line} records revision ${entry.revision}, which the data already holds with a different change; two writers wrote this file at once, or the log does not belong to it.`, place(line));
      }
      continue;
    }
    if (entry.revision !== current.revision + 1) {
      return fail('store.corrupt', `${logName}: line ${line} records revision ${entry.revision}, but the data is at revision ${current.revision}; the log does not belong to this data file.`, place(line));
    }
    if (legacy) {
      const outcome = applyCommands(current, entry.commands as CommandInput[], { actor: entry.actor, at: entry.at });
      if (!outcome.success) {
        return fail('store.corrupt', `${logName}: line ${line} no longer applies (${outcome.error.code}: ${outcome.error.message}); the log does not belong to this data file.`, place(line));
      }
      if (outcome.data.db.revision !== entry.revision) {
        return fail('store.corrupt', `${logName}: line ${line} changes nothing; the log does not belong to this data file.`, place(line));
      }
      appendAudit(audit, outcome.data.audit);
      current = withAuditTail(outcome.data.db);
      continue;
    }
    if (entry.schema !== db.version) {
      return fail('store.corrupt', `${logName}: line ${line} holds records of schema version ${entry.schema}, but the data file is at version ${db.version}; the log does not belong to this data file.`, place(line));
    }
    const lastSeq = audit.at(-1)?.seq ?? 0;
    if (entry.audit[0]?.seq !== lastSeq + 1 || entry.audit.some((item, index) => item.seq !== lastSeq + 1 + index)) {
      return fail('store.corrupt', `${logName}: line ${line} numbers its audit entries from ${entry.audit[0]?.seq ?? '?'}, but the audit ends at ${lastSeq}; the log does not belong to this data file.`, place(line));
    }
    const applied = applyRecordChanges(current, entry.changes as RecordChange[], options);
    if (!applied.success) return fail('store.corrupt', `${logName}: line ${line}: ${applied.error.message}`, place(line));
    appendAudit(audit, entry.audit);
    current = withAuditTail({ ...applied.data, revision: entry.revision });
  }
  return ok({ ...current, audit });
}

import { z } from 'zod';
import { fail, ok, type Result } from '../base/result.js';
import { formatPath } from '../base/validation.js';
import { Database } from './database.js';
import { carryRegisterIndex, noteRegisterLine, registerIndex } from './registerIndex.js';

/** The collections of a database that hold keyed records, and the field that keys each. */
export const RECORD_KEYS = {
  agencies: 'id',
  people: 'id',
  subgroups: 'id',
  meetings: 'id',
  attendance: 'id',
  contributions: 'id',
  expenditure: 'id',
  plans: 'id',
  actions: 'ref',
  reviews: 'id',
  audits: 'id',
  inspections: 'id',
  challenges: 'id',
  conversations: 'key',
  outbox: 'key',
  trainingCourses: 'id',
  trainingBookings: 'id',
  elearningResults: 'id',
  trainingBaselines: 'id',
  returns: 'id',
  returnResponses: 'id',
} as const satisfies Partial<Record<keyof Database, string>>;

/** A collection of keyed records. */
export type RecordCollection = keyof typeof RECORD_KEYS;

/** Where a change can land: a keyed collection, or the partnership's own settings. */
export type ChangeTarget = RecordCollection | 'partnership';

/**
 * The collection that holds each entity an audit entry names. Every record `applyCommands`
 * changes is named here, so that a change can be stored as the records it produced.
 */
const ENTITY_TARGETS: Readonly<Record<string, ChangeTarget>> = {
  partnership: 'partnership',
  agency: 'agencies',
  person: 'people',
  subgroup: 'subgroups',
  meeting: 'meetings',
  attendance: 'attendance',
  contribution: 'contributions',
  expenditure: 'expenditure',
  plan: 'plans',
  action: 'actions',
  review: 'reviews',
  audit: 'audits',
  inspection: 'inspections',
  challenge: 'challenges',
  conversation: 'conversations',
  outbox: 'outbox',
  trainingCourse: 'trainingCourses',
  trainingBooking: 'trainingBookings',
  elearningResult: 'elearningResults',
  trainingBaseline: 'trainingBaselines',
  return: 'returns',
  returnResponse: 'returnResponses',
};

/** The entity an audit entry names for a record of `target`: the inverse of `targetOfEntity`. */
export function entityOfTarget(target: ChangeTarget): string {
  const entity = Object.keys(ENTITY_TARGETS).find((name) => ENTITY_TARGETS[name] === target);
  if (entity === undefined) throw new Error(`recordChanges.ts: collection "${target}" has no entity; add it to ENTITY_TARGETS`);
  return entity;
}

/** A change as stored (the change log's lines, a database's rows): the schema of `RecordChange`. */
export const RecordChangeSchema = z.object({
  target: z.enum(['partnership', ...(Object.keys(RECORD_KEYS) as RecordCollection[])]),
  key: z.string().min(1),
  record: z.record(z.string(), z.unknown()).nullable(),
  appended: z.object({ field: z.string().min(1), from: z.number().int().nonnegative(), items: z.array(z.unknown()) }).optional(),
});

/** The collection an audited entity lives in; a bug (thrown) for an entity nobody mapped. */
export function targetOfEntity(entity: string): ChangeTarget {
  const target = ENTITY_TARGETS[entity];
  if (target === undefined) throw new Error(`recordChanges.ts: entity "${entity}" has no collection; add it to ENTITY_TARGETS`);
  return target;
}

/**
 * One record as a change left it: `record` is the whole record after the change, or null when
 * the change removed it. An append-only list field (an action's history) may be carried as the
 * entries appended after `from` rather than whole, so a change costs the same however long the
 * list has grown; `record` then leaves that field out.
 */
export interface RecordChange {
  readonly target: ChangeTarget;
  readonly key: string;
  readonly record: Record<string, unknown> | null;
  readonly appended?: { readonly field: string; readonly from: number; readonly items: readonly unknown[] };
}

/** The element schema of each collection, from the one `Database` schema. */
function elementSchema(target: RecordCollection): z.ZodType {
  const field = Database.shape[target] as unknown as { unwrap(): { element: z.ZodType } };
  return field.unwrap().element;
}

const schemas = new Map<ChangeTarget, z.ZodType>();
function schemaOf(target: ChangeTarget): z.ZodType {
  let schema = schemas.get(target);
  if (schema === undefined) {
    schema = target === 'partnership' ? Database.shape.partnership : elementSchema(target);
    schemas.set(target, schema);
  }
  return schema;
}

/**
 * Applies recorded changes, in order, to a copy of `db`'s collections: each record replaces the
 * one with its key (or is added at the end), a null removes it. With `validate`, every record is
 * parsed with its collection's schema, as a data file's records are. Gives the same lists, in the
 * same order, as the commands that produced the changes did. A change that cannot be applied is
 * `store.corrupt`, its message naming the change, for the caller to place (a log's name and line).
 */
export function applyRecordChanges(db: Database, changes: readonly RecordChange[], options: { validate: boolean }): Result<Database> {
  const next: Record<string, unknown> = { ...db };
  // Each collection is copied once per call, and removals are made in one pass, before the
  // first later change of the same collection that could see them.
  const copied = new Set<RecordCollection>();
  const removals = new Map<RecordCollection, Set<string>>();
  const flush = (target: RecordCollection) => {
    const keys = removals.get(target);
    if (keys === undefined || keys.size === 0) return;
    const field = RECORD_KEYS[target];
    next[target] = (next[target] as Array<Record<string, unknown>>).filter((record) => !keys.has(record[field] as string));
    removals.delete(target);
  };
  for (const [index, change] of changes.entries()) {
    const place = `changes[${index}] (${change.target} ${change.key})`;
    let record = change.record;
    if (change.target === 'partnership') {
      if (record === null) return fail('store.corrupt', `${place}: the partnership cannot be removed`);
      const parsed = options.validate ? schemaOf('partnership').safeParse(record) : { success: true as const, data: record };
      if (!parsed.success) return fail('store.corrupt', `${place}: ${describeIssue(parsed.error)}`);
      next.partnership = parsed.data;
      continue;
    }
    const target = change.target;
    const field = RECORD_KEYS[target];
    if (!copied.has(target)) {
      copied.add(target);
      // A hand-written data file may leave out a collection it has nothing in.
      const original = (next[target] as never[] | undefined) ?? [];
      next[target] = original.slice();
      if (target === 'attendance') carryRegisterIndex(original, next[target] as never[]);
    }
    if (record === null) {
      let pending = removals.get(target);
      if (pending === undefined) removals.set(target, (pending = new Set()));
      pending.add(change.key);
      continue;
    }
    if (removals.get(target)?.has(change.key)) flush(target);
    const current = next[target] as Array<Record<string, unknown>>;
    const position = findPosition(current, target, field, change.key, record);
    if (change.appended !== undefined) {
      const { field: listField, from, items } = change.appended;
      const before = position === undefined ? [] : (current[position]![listField] as unknown[] | undefined) ?? [];
      if (before.length !== from) {
        return fail('store.corrupt', `${place}: ${listField} has ${before.length} entries where the change follows on from ${from}`);
      }
      record = { ...record, [listField]: before.concat(items) };
    }
    if (options.validate) {
      const parsed = schemaOf(target).safeParse(record);
      if (!parsed.success) return fail('store.corrupt', `${place}: ${describeIssue(parsed.error)}`);
      record = parsed.data as Record<string, unknown>;
    }
    if (record[field] !== change.key) return fail('store.corrupt', `${place}: the record's ${field} is ${JSON.stringify(record[field])}`);
    if (position === undefined) {
      current.push(record);
      if (target === 'attendance') noteRegisterLine(current as never[], record.meetingId as string, current.length - 1);
    } else {
      current[position] = record;
    }
  }
  for (const target of removals.keys()) flush(target);
  return ok(next as Database);
}

/**
 * Where the record with `key` sits. A register line is found through the meeting's positions
 * (a register holds every line ever recorded); other collections are short enough to scan, as
 * applyCommands does.
 */
function findPosition(list: ReadonlyArray<Record<string, unknown>>, target: RecordCollection, field: string, key: string, record: Record<string, unknown>): number | undefined {
  if (target === 'attendance' && typeof record.meetingId === 'string') {
    const index = registerIndex(list as never);
    for (const position of index.get(record.meetingId) ?? []) {
      if (list[position]?.[field] === key) return position;
    }
    return undefined;
  }
  const position = list.findIndex((candidate) => candidate[field] === key);
  return position < 0 ? undefined : position;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const path = formatPath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

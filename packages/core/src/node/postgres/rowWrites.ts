import type { RecordChange } from '../../common/store/recordChanges.js';

/** A record written whole: inserted where new (at `index` of its revision), replaced in place otherwise. */
export interface RecordPut {
  readonly collection: string;
  readonly key: string;
  readonly index: number;
  readonly record: Record<string, unknown>;
}

/** A record whose append-only list gains `items`: the rest of the record is replaced by `record`. */
export interface RecordAppend {
  readonly collection: string;
  readonly key: string;
  readonly record: Record<string, unknown>;
  readonly field: string;
  readonly from: number;
  readonly items: readonly unknown[];
}

/** The row writes of one commit: at most one per record, so that each statement touches a row once. */
export interface RowWrites {
  /** The partnership's new settings, or null when they did not change. */
  readonly settings: Record<string, unknown> | null;
  /** Rows to delete first: records removed, and records removed then added again (which move to the end). */
  readonly deletes: readonly { readonly collection: string; readonly key: string }[];
  readonly puts: readonly RecordPut[];
  readonly appends: readonly RecordAppend[];
}

type State =
  | { kind: 'put'; record: Record<string, unknown>; index: number; removedFirst: boolean }
  | { kind: 'append'; record: Record<string, unknown>; field: string; from: number; items: unknown[] }
  | { kind: 'delete' };

/**
 * Folds a commit's record changes into one write per record, with the same outcome as applying
 * them in order (`applyRecordChanges`): a record added keeps the place of the change that added
 * it; one replaced keeps its place; one removed and added again goes to the end.
 */
export function rowWrites(changes: readonly RecordChange[]): RowWrites {
  let settings: Record<string, unknown> | null = null;
  const states = new Map<string, { collection: string; key: string; state: State }>();
  for (const [index, change] of changes.entries()) {
    if (change.target === 'partnership') {
      settings = change.record;
      continue;
    }
    const id = `${change.target}\u0000${change.key}`;
    const previous = states.get(id)?.state;
    states.set(id, { collection: change.target, key: change.key, state: next(previous, change, index) });
  }
  const deletes: { collection: string; key: string }[] = [];
  const puts: RecordPut[] = [];
  const appends: RecordAppend[] = [];
  for (const { collection, key, state } of states.values()) {
    if (state.kind === 'delete') deletes.push({ collection, key });
    else if (state.kind === 'append') appends.push({ collection, key, record: state.record, field: state.field, from: state.from, items: state.items });
    else {
      if (state.removedFirst) deletes.push({ collection, key });
      puts.push({ collection, key, index: state.index, record: state.record });
    }
  }
  return { settings, deletes, puts, appends };
}

function next(previous: State | undefined, change: RecordChange, index: number): State {
  const where = `${change.target} ${change.key}`;
  if (change.record === null) return { kind: 'delete' };
  const appended = change.appended;
  if (appended === undefined) {
    if (previous?.kind === 'put') return { ...previous, record: change.record };
    return { kind: 'put', record: change.record, index, removedFirst: previous?.kind === 'delete' };
  }
  if (previous === undefined) return { kind: 'append', record: change.record, field: appended.field, from: appended.from, items: [...appended.items] };
  if (previous.kind === 'append') {
    if (previous.field !== appended.field || previous.from + previous.items.length !== appended.from) throw new Error(`rowWrites: ${where} appends out of order`);
    return { ...previous, record: change.record, items: [...previous.items, ...appended.items] };
  }
  if (previous.kind === 'put') {
    const before = (previous.record[appended.field] as unknown[] | undefined) ?? [];
    if (before.length !== appended.from) throw new Error(`rowWrites: ${where} appends at ${appended.from} to a list of ${before.length}`);
    return { ...previous, record: { ...change.record, [appended.field]: [...before, ...appended.items] } };
  }
  throw new Error(`rowWrites: ${where} is appended to after its removal`);
}

import { roundHalfUp } from '../base/rounding.js';
import { nameKey } from '../base/names.js';
import type { Database } from '../store/database.js';
import type { ShareLine, ShareTable } from './fundingTables.js';

/** How a line's amount changed from one year to another. */
export interface LineChange {
  label: string;
  amountPence: number;
  previousPence: number;
  changePence: number;
  /** Percentage change to one decimal place; null when the previous amount was 0. */
  changePercent: number | null;
}

/**
 * Income lines of one year (`current`) against another's, matched by who gave them: an agency's lines are added up (the Met's
 * through MOPAC and through the South BCU are the Met's), an agency's predecessors count as it
 * (the CCG's last year as the ICB's), and a named source is matched by its name as people mean it.
 */
export function incomeChanges(db: Database, current: ShareTable, previous: ShareTable): LineChange[] {
  const agencyNames = new Map(db.agencies.map((a) => [a.id, a.name]));
  const keyOf = (line: ShareLine): string => (line.agencyId !== null ? `agency:${currentAgencyId(db, line.agencyId)}` : `source:${nameKey(sourceOf(db, line.key) ?? line.label)}`);
  const fallback = (key: string, lines: readonly ShareLine[]): string =>
    key.startsWith('agency:') ? (agencyNames.get(key.slice('agency:'.length)) ?? lines[0]!.label) : (sourceOf(db, lines[0]!.key) ?? lines[0]!.label);
  return changes(current, previous, keyOf, fallback);
}

/**
 * Spending of one year (`current`) against another's, matched by category: a category matches whatever its case or
 * spacing, and under any of its former names (`Expenditure.formerNames`).
 */
export function expenditureChanges(db: Database, current: ShareTable, previous: ShareTable): LineChange[] {
  const canonical = categoryNames(db);
  return changes(current, previous, (line) => canonical(line.label), (_key, lines) => lines[0]!.label);
}

/** The change of one amount, with the percentage to one decimal place (null from zero). */
export function lineChange(label: string, amountPence: number, previousPence: number): LineChange {
  const changePence = amountPence - previousPence;
  return {
    label,
    amountPence,
    previousPence,
    changePence,
    changePercent: previousPence === 0 ? null : roundHalfUp(changePence, previousPence, 1000) / 10,
  };
}

/**
 * Groups both years' lines by `keyOf`: this year's groups in table order, then those only the
 * other year had. A group of one line in each year reads as this year's line; otherwise it is
 * named by `fallback` (the agency's name), since no single line's label covers it.
 */
function changes(current: ShareTable, previous: ShareTable, keyOf: (line: ShareLine) => string, fallback: (key: string, lines: readonly ShareLine[]) => string): LineChange[] {
  const groups = new Map<string, { now: ShareLine[]; before: ShareLine[] }>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { now: [], before: [] }).get(key)!;
  for (const line of current.lines) group(keyOf(line)).now.push(line);
  for (const line of previous.lines) group(keyOf(line)).before.push(line);
  return [...groups].map(([key, { now, before }]) => {
    const label =
      now.length === 1 && before.length <= 1 ? now[0]!.label : now.length === 0 && before.length === 1 ? before[0]!.label : fallback(key, now.length > 0 ? now : before);
    return lineChange(label, sum(now), sum(before));
  });
}

/** The agency that now stands for `agencyId`: the one that names it as predecessor, and so on. */
function currentAgencyId(db: Database, agencyId: string): string {
  const seen = new Set([agencyId]);
  let id = agencyId;
  for (;;) {
    const successor = db.agencies.find((a) => a.predecessorIds.includes(id));
    if (!successor || seen.has(successor.id)) return id;
    seen.add(successor.id);
    id = successor.id;
  }
}

/** Maps a category name to the name it has now, following former names recorded on any line. */
function categoryNames(db: Database): (name: string) => string {
  const renamed = new Map<string, string>();
  for (const line of db.expenditure) {
    for (const former of line.formerNames) if (nameKey(former) !== nameKey(line.category)) renamed.set(nameKey(former), nameKey(line.category));
  }
  return (name) => {
    let key = nameKey(name);
    const seen = new Set([key]);
    for (let next = renamed.get(key); next !== undefined && !seen.has(next); next = renamed.get(key)) {
      seen.add(next);
      key = next;
    }
    return key;
  };
}

function sourceOf(db: Database, contributionId: string): string | null {
  return db.contributions.find((c) => c.id === contributionId)?.source ?? null;
}

function sum(lines: readonly ShareLine[]): number {
  return lines.reduce((total, line) => total + line.amountPence, 0);
}

// What "reviews" and "audits" show a register's chair, in words both channels print the same:
// teams/ lays it out as an Adaptive Card, slack/ as Block Kit.
import type { RegisterName, RegisterWork, RegisterWorkItem } from '@partnership-tracker/core';
import { dueText, formatStatus, plural } from './format.js';
import type { ReportDetail } from './views.js';

/** What a register's actions answer, in its chair's words. */
const ITEM_WORDS: Readonly<Record<RegisterName, string>> = {
  reviews: 'recommendation',
  audits: 'action-plan',
  inspections: 'inspection',
  challenge: 'challenge',
};

/** The opening sentence: how much is open, how much of it is past due, and what is late. */
export function registerWorkSummary(work: RegisterWork): string {
  if (work.openCount === 0 && work.late.length === 0) return `Nothing is open: every ${ITEM_WORDS[work.register]} action is complete, and nothing is behind its timescale.`;
  const open =
    work.openCount === 0
      ? `No ${ITEM_WORDS[work.register]} action is open.`
      : `${plural(work.openCount, `open ${ITEM_WORDS[work.register]} action`)} with ${plural(work.byOwner.length, 'owner')}, ${work.overdueCount === 0 ? 'none' : work.overdueCount} past due.`;
  const late = work.late.length === 0 ? '' : ` ${plural(work.late.length, 'record')} behind ${work.late.length === 1 ? 'its' : 'their'} timescale.`;
  return `${open}${late}`;
}

/** An open item as a line under its owner: what it is, what it answers, when it is due and how it stands. */
export function registerWorkItemText(item: RegisterWorkItem, today: string): { readonly label: string; readonly detail: string } {
  return { label: `${item.ref} ${item.title}`, detail: `${item.answers} · due ${dueText(item.due, today)} · ${formatStatus(item.status)}, ${item.progress}%` };
}

/**
 * The owners a card at `detail` lists in full: every one at `full`; at `by-group` and `short` a
 * line each with their counts instead (`short` the first ten); at `headline` none.
 */
export function ownerLines(work: RegisterWork, detail: ReportDetail): { readonly lines: readonly string[]; readonly more: number } {
  if (detail === 'full' || detail === 'headline') return { lines: [], more: 0 };
  const all = work.byOwner.map((owner) => {
    const overdue = owner.items.filter((i) => i.overdue).length;
    return `${owner.ownerName}: ${plural(owner.items.length, 'open action')}${overdue > 0 ? `, ${overdue} past due` : ''}`;
  });
  const shown = detail === 'short' ? all.slice(0, 10) : all;
  return { lines: shown, more: all.length - shown.length };
}

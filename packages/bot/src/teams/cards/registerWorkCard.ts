import { ownerLines, registerWorkItemText, registerWorkSummary } from '../../app/registerWork.js';
import type { RegisterWorkView, ReportDetail } from '../../app/views.js';
import { adaptiveCard, facts, text, type CardElement } from './elements.js';

/**
 * A register's open work as a card for its chair, at the detail that fits (see `CardDetail`):
 * `full` lists every open action under its owner, past due ones flagged; `by-group` and `short`
 * a line per owner with their counts; `headline` the opening sentence alone.
 */
export function createRegisterWorkCard(view: RegisterWorkView, detail: ReportDetail = 'full'): Record<string, unknown> {
  const { work } = view;
  const body: CardElement[] = [text(view.title, { heading: true }), text(registerWorkSummary(work))];
  if (work.late.length > 0 && detail !== 'headline') {
    body.push(text('Behind their timescale', { weight: 'bolder', separator: true }), facts(work.late.map((l) => [l.record, l.why])));
  }
  if (detail === 'full') {
    for (const owner of work.byOwner) {
      body.push(text(owner.ownerName, { weight: 'bolder', separator: true }));
      for (const item of owner.items) {
        const line = registerWorkItemText(item, work.today);
        body.push(text(line.label, { spacing: 'small', ...(item.overdue ? { color: 'attention' as const } : {}) }), text(line.detail, { subtle: true, spacing: 'none' }));
      }
    }
  } else if (detail !== 'headline') {
    const { lines, more } = ownerLines(work, detail);
    if (lines.length > 0) body.push(text('By owner', { weight: 'bolder', separator: true }), ...lines.map((line) => text(line, { spacing: 'none' })));
    if (more > 0) body.push(text(`…and ${more} more owners.`, { subtle: true }));
  }
  if (detail !== 'full' && work.openCount > 0) body.push(text(`Each action is in "ptrack export actions"; owners see theirs with "my actions".`, { subtle: true }));
  return adaptiveCard(body);
}

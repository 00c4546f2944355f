import { AgeBand, Publication, ReviewDecision, ReviewType, slugify, uniqueId, type Database, type Review, type ReviewHold } from '@partnership-tracker/core';
import { parseLocalDate, splitList } from '../../parse/index.js';
import { nameKey } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import type { RowReader } from '../rowReader.js';

/** The review called `codename` in the register (or with that id). */
export function findReview(db: Database, codename: string): Review | undefined {
  const key = nameKey(codename);
  return db.reviews.find((r) => nameKey(r.codename) === key || r.id === key);
}

const typeWords: Readonly<Record<string, ReviewType>> = {
  'rapid review': 'rapid-review',
  rr: 'rapid-review',
  'local child safeguarding practice review': 'lcspr',
  'case of concern': 'case-of-concern',
  thematic: 'thematic-review',
  briefing: 'learning-briefing',
  'learning briefing': 'learning-briefing',
};

const decisionWords: Readonly<Record<string, ReviewDecision>> = {
  thematic: 'thematic-review',
  none: 'no-further-review',
  'no lcspr': 'no-further-review',
  no: 'no-further-review',
};

const bandWords: Readonly<Record<string, AgeBand>> = { babies: 'babies-and-toddlers', 'under 5': 'babies-and-toddlers', child: 'children', adolescent: 'adolescents' };

/** Reads the holds cell: `criminal 2023-01-16 to 2023-09-29; coroner 2024-02-01` (no end: still held). */
function readHolds(reader: RowReader): ReviewHold[] | null | undefined {
  return reader.parsed('holds', (text) => {
    const holds: ReviewHold[] = [];
    for (const part of splitList(text)) {
      const match = /^(criminal|coroner)\w*\s+(\S+)(?:\s+(?:to|–|-)\s+(\S+))?$/i.exec(part);
      const from = match ? parseLocalDate(match[2]!) : undefined;
      const to = match?.[3] === undefined ? undefined : parseLocalDate(match[3]);
      if (!match || !from?.success || (to !== undefined && !to.success)) {
        return { success: false, error: { code: 'input.bad_hold', message: `"${part}" is not a hold like "criminal 2023-01-16 to 2023-09-29"` } };
      }
      const end = to === undefined ? null : (to as { data: string }).data;
      if (end !== null && end < from.data) return { success: false, error: { code: 'input.bad_hold', message: `"${part}" ends before it begins` } };
      holds.push({ kind: match[1]!.toLowerCase() as ReviewHold['kind'], from: from.data, to: end });
    }
    return { success: true, data: holds };
  });
}

/**
 * Imports the Review Group's register: one case review (or learning briefing) per row, matched
 * on its codename. Recommendations come from `recommendations`.
 */
export const reviewsImporter: Importer = {
  entity: 'reviews',
  rowMeaning: 'one case review or learning briefing',
  columns: [
    { name: 'codename', required: true, description: "The name it is known by, never the child's (`Child K`, `Baby Eva`). A full date, an NHS number, an email address or a postcode is refused." },
    { name: 'type', required: true, description: `${ReviewType.options.join(', ')}.` },
    { name: 'notified', required: false, description: 'The day the serious incident was notified (or the case referred); a rapid review is due 15 working days after it.' },
    { name: 'rapid_review_meeting', required: false, description: 'The day of the rapid review meeting.' },
    { name: 'decided', required: false, description: 'The day of the decision; a practice review is due six months after it.' },
    { name: 'decision', required: false, description: `A rapid review's decision: ${ReviewDecision.options.join(', ')}.` },
    { name: 'rationale', required: false, description: 'Why it was decided so.' },
    { name: 'panel_told', required: false, description: 'The day the Child Safeguarding Practice Review Panel was told.' },
    { name: 'reviewer', required: false, description: 'Who is carrying out the review.' },
    { name: 'holds', required: false, description: 'Proceedings that hold it, separated by `;`: `criminal 2023-01-16 to 2023-09-29`, `coroner 2024-02-01` (no end: still held).' },
    { name: 'completed', required: false, description: 'The day it was completed (a rapid review sent to the Panel).' },
    { name: 'late_reason', required: false, description: 'Why it was late, when it was.' },
    { name: 'publication', required: false, description: `${Publication.options.join(', ')} (default undecided; a briefing, publish).` },
    { name: 'published', required: false, description: 'The day it was published.' },
    { name: 'themes', required: false, description: 'Its themes, separated by `;`.' },
    { name: 'age_band', required: false, description: `${AgeBand.options.join(', ')}.` },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const taken = new Set(db.reviews.map((r) => r.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const codename = reader.required('codename');
      const type = reader.parsed('type', (text) => matchWord(text, ReviewType.options, typeWords), true);
      const date = (column: string) => reader.parsed(column, parseLocalDate);
      const notifiedOn = date('notified');
      const rapidReviewMeetingOn = date('rapid_review_meeting');
      const decisionOn = date('decided');
      const decision = reader.choice('decision', ReviewDecision.options, decisionWords);
      const decisionRationale = reader.optional('rationale');
      const panelToldOn = date('panel_told');
      const reviewer = reader.optional('reviewer');
      const holds = readHolds(reader);
      const completedOn = date('completed');
      const lateReason = reader.optional('late_reason');
      const publication = reader.choice('publication', Publication.options, { published: 'publish', 'not published': 'not-published', no: 'not-published' });
      const publishedOn = date('published');
      const themes = reader.optional('themes');
      const ageBand = reader.choice('age_band', AgeBand.options, bandWords);
      if (codename === undefined || type === undefined || !reader.valid) return;
      if (!keys.claim(reader, 'codename', nameKey(codename), 'codename')) return;
      const existing = findReview(db, codename);
      const keep = <T>(value: T | null | undefined, stored: T | null | undefined): T | null => value ?? stored ?? null;
      const id = existing?.id ?? uniqueId(slugify(codename) || 'review', (candidate) => taken.has(candidate));
      taken.add(id);
      const review: Review = {
        id,
        codename,
        type,
        notifiedOn: keep(notifiedOn, existing?.notifiedOn),
        rapidReviewMeetingOn: keep(rapidReviewMeetingOn, existing?.rapidReviewMeetingOn),
        decisionOn: keep(decisionOn, existing?.decisionOn),
        decision: keep(decision, existing?.decision),
        decisionRationale: keep(decisionRationale, existing?.decisionRationale),
        panelToldOn: keep(panelToldOn, existing?.panelToldOn),
        reviewer: keep(reviewer, existing?.reviewer),
        holds: holds ?? existing?.holds ?? [],
        completedOn: keep(completedOn, existing?.completedOn),
        lateReason: keep(lateReason, existing?.lateReason),
        publication: publication ?? existing?.publication ?? (publishedOn || type === 'learning-briefing' ? 'publish' : 'undecided'),
        publishedOn: keep(publishedOn, existing?.publishedOn),
        themes: themes === null ? (existing?.themes ?? []) : splitList(themes),
        ageBand: keep(ageBand, existing?.ageBand),
        recommendations: existing?.recommendations ?? [],
      };
      commands.push({ command: { type: 'review.upsert', review }, line: row.line });
    });
    return { commands, problems };
  },
};

function matchWord<T extends string>(text: string, choices: readonly T[], synonyms: Readonly<Record<string, T>>) {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  const found = choices.find((c) => c.replace(/-/g, ' ') === key) ?? synonyms[key];
  if (found !== undefined) return { success: true as const, data: found };
  return { success: false as const, error: { code: 'input.bad_choice', message: `"${text}" is not one of ${choices.join(', ')}` } };
}

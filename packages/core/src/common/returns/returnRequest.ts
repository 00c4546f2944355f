import { z } from 'zod';
import { parsePeriod, periodLabel } from '../base/dates.js';
import { Id } from '../base/ids.js';
import { Instant, LocalDate } from '../base/time.js';

/**
 * The kinds of return a partnership asks its agencies for: the safeguarding assurance
 * self-assessment (the Section 11 audit, or the standards for schools, the voluntary sector and
 * faith groups), the quarterly multi-agency dataset, a contribution to the annual report, or one
 * the partnership defines (named by the return's title).
 */
export const ReturnKind = z.enum(['assurance-self-assessment', 'quarterly-dataset', 'annual-report-contribution', 'other']);
export type ReturnKind = z.infer<typeof ReturnKind>;

/** How people read each kind. */
export const RETURN_KIND_LABELS: Readonly<Record<ReturnKind, string>> = {
  'assurance-self-assessment': 'Assurance self-assessment',
  'quarterly-dataset': 'Quarterly dataset',
  'annual-report-contribution': 'Annual report contribution',
  other: 'Other return',
};

/** The period a return covers, as people write it: a financial year (`2024/25`) or one of its quarters (`2024/25 Q3`). */
export const ReturnPeriod = z.string().refine((text) => {
  const parsed = parsePeriod(text);
  return parsed.success && periodLabel(parsed.data) === text;
}, 'must be a financial year like 2024/25 or a quarter like 2024/25 Q3');
export type ReturnPeriod = z.infer<typeof ReturnPeriod>;

/** An agency asked for a return, and the person there it is asked of (and chased). */
export const ReturnAsk = z.object({
  agencyId: Id,
  /** The agency's contact for this return; null until the business team knows who it is. */
  contactId: Id.nullable().default(null),
});
export type ReturnAsk = z.infer<typeof ReturnAsk>;

/** One standard of an assurance self-assessment, numbered as the partnership's template numbers them. */
export const Standard = z.object({
  number: z.number().int().positive(),
  text: z.string().trim().min(1),
});
export type Standard = z.infer<typeof Standard>;

/** How an agency rates itself against a standard. */
export const SelfRating = z.enum(['met', 'partly-met', 'not-met']);
export type SelfRating = z.infer<typeof SelfRating>;

/** How people read each rating. */
export const SELF_RATING_LABELS: Readonly<Record<SelfRating, string>> = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met' };

/** An agency's rating of itself against one standard, with what it says in support. */
export const StandardRating = z.object({
  standard: z.number().int().positive(),
  rating: SelfRating,
  note: z.string().trim().min(1).nullable().default(null),
});
export type StandardRating = z.infer<typeof StandardRating>;

/**
 * One return the partnership asks for: what, for which period, by when, of whom, on which
 * template, and what it must contain (a dataset can require commentary, or a field such as
 * neurodivergence; a return without one of them is partial).
 */
export const ReturnRequest = z
  .object({
    id: Id,
    kind: ReturnKind,
    /** How the partnership names it ("Section 11 audit 2024/25", "Dataset 2024/25 Q2"). */
    title: z.string().trim().min(1).max(160),
    period: ReturnPeriod,
    dueOn: LocalDate,
    agencies: z.array(ReturnAsk).min(1),
    templateUrl: z.url().nullable().default(null),
    mandatoryFields: z.array(z.string().trim().min(1)).default([]),
    /** An assurance self-assessment's standards, which each agency rates itself against. */
    standards: z.array(Standard).default([]),
  })
  .refine((r) => new Set(r.agencies.map((a) => a.agencyId)).size === r.agencies.length, {
    message: 'names an agency twice',
    path: ['agencies'],
  })
  .refine((r) => r.standards.length === 0 || r.kind === 'assurance-self-assessment', { message: 'only an assurance self-assessment has standards', path: ['standards'] })
  .refine((r) => new Set(r.standards.map((s) => s.number)).size === r.standards.length, { message: 'numbers a standard twice', path: ['standards'] });
export type ReturnRequest = z.infer<typeof ReturnRequest>;

/** What an agency sent: all of it, part of it (what is missing is said), or nothing (yet). */
export const ResponseState = z.enum(['received', 'partial', 'not-received']);
export type ResponseState = z.infer<typeof ResponseState>;

/** The business team's view of what was sent: not yet looked at, accepted, or sent back with a note. */
export const ResponseReview = z.enum(['pending', 'accepted', 'sent-back']);
export type ResponseReview = z.infer<typeof ResponseReview>;

/** The record id of an agency's response to a return. */
export function responseId(returnId: string, agencyId: string): string {
  return `${returnId}:${agencyId}`;
}

/**
 * One agency's response to one return. A response sent back counts as partial until the agency
 * sends it again; the day it came is the day it was last sent.
 */
export const ReturnResponse = z
  .object({
    id: Id,
    returnId: Id,
    agencyId: Id,
    state: ResponseState,
    receivedOn: LocalDate.nullable().default(null),
    /** The person who sent it (their agency's contact, or whoever the business team names); null when not known. */
    receivedById: Id.nullable().default(null),
    /** Where the document or data is (a SharePoint or audit-system link). */
    link: z.url().nullable().default(null),
    /** What a partial return lacks ("commentary", "neurodivergence"). */
    missing: z.array(z.string().trim().min(1)).default([]),
    review: ResponseReview.default('pending'),
    reviewNote: z.string().trim().min(1).nullable().default(null),
    reviewedOn: LocalDate.nullable().default(null),
    /** A self-assessment's ratings, one per standard rated. */
    ratings: z.array(StandardRating).default([]),
    /** The contact is not chased before this day (the escalation to the chair still goes). */
    snoozedUntil: LocalDate.nullable().default(null),
    /** The chases the business team asked for by hand, each sent once by the bot. */
    chases: z.array(z.object({ at: Instant, byId: z.string().min(1) })).default([]),
  })
  .refine((r) => r.id === responseId(r.returnId, r.agencyId), { message: 'must be the return id and the agency id joined by ":"', path: ['id'] })
  .refine((r) => (r.state === 'not-received') === (r.receivedOn === null), { message: 'a return received (in whole or part) has the day it came, and only then', path: ['receivedOn'] })
  .refine((r) => (r.state === 'partial') === r.missing.length > 0, { message: 'a partial return says what is missing, and only a partial one', path: ['missing'] })
  .refine((r) => r.review !== 'sent-back' || r.reviewNote !== null, { message: 'a return sent back says why', path: ['reviewNote'] })
  .refine((r) => r.state !== 'not-received' || r.review === 'pending', { message: 'nothing was received to accept or send back', path: ['review'] })
  .refine((r) => r.state !== 'not-received' || r.ratings.length === 0, { message: 'a return not received rates nothing', path: ['ratings'] })
  .refine((r) => new Set(r.ratings.map((x) => x.standard)).size === r.ratings.length, { message: 'rates a standard twice', path: ['ratings'] });
export type ReturnResponse = z.infer<typeof ReturnResponse>;

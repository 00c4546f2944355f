import { z } from 'zod';
import { Id } from '../base/ids.js';
import { LocalDate } from '../base/time.js';

/** The kinds of audit in the Quality Assurance Group's programme. */
export const AuditType = z.enum(['multi-agency', 'single-agency', 'dip-sample', 'jtai-preparation', 'section-11']);
export type AuditType = z.infer<typeof AuditType>;

/** A calendar month, `2024-11`: when an audit is planned. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2024-11');
export type YearMonth = z.infer<typeof YearMonth>;

/**
 * A question the partnership asks in every audit (the neurodivergence question, say), from the
 * day it decided to; an audit moderated on or after that day answers it before it is signed off.
 */
export const StandingQuestion = z
  .object({
    id: Id,
    question: z.string().trim().min(1),
    askedFrom: LocalDate,
    /** The last day it is asked, inclusive; null while it stands. */
    retiredOn: LocalDate.nullable().default(null),
  })
  .refine((q) => q.retiredOn === null || q.retiredOn >= q.askedFrom, { message: 'a question must be retired on or after it is first asked', path: ['retiredOn'] });
export type StandingQuestion = z.infer<typeof StandingQuestion>;

/** A yearly target for the programme, e.g. three multi-agency audits a year (JTAI preparation audits counted with them). */
export const AuditTarget = z.object({
  /** The types it counts. */
  types: z.array(AuditType).min(1),
  perYear: z.number().int().positive(),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

/** What the partnership asks of its audit programme: its standing questions and its yearly targets. */
export const AuditProgrammeSettings = z.object({
  standingQuestions: z.array(StandingQuestion).default([]),
  targets: z.array(AuditTarget).default([]),
});
export type AuditProgrammeSettings = z.infer<typeof AuditProgrammeSettings>;

/** An audit's answer to one standing question. */
export const StandingAnswer = z.object({
  questionId: Id,
  answer: z.string().trim().min(1),
});
export type StandingAnswer = z.infer<typeof StandingAnswer>;

/**
 * One item of an audit's action plan. Its work is done through ordinary actions whose source
 * names the audit and this number; an item for another body (a cross-borough audit's) is
 * recorded as handed over.
 */
export const ActionPlanItem = z.object({
  number: z.number().int().positive(),
  text: z.string().trim().min(1),
  /** The body it was handed to; null when it is ours. */
  handedTo: z.string().trim().min(1).nullable().default(null),
  /** The day it was done without an action of its own (settled at the moderation, say); null otherwise. */
  completedOn: LocalDate.nullable().default(null),
});
export type ActionPlanItem = z.infer<typeof ActionPlanItem>;

/**
 * An audit in the Quality Assurance Group's programme: planned for a month, carried out with the
 * agencies taking part, moderated, signed off at the QAG, with its key learning and action plan.
 */
export const Audit = z.object({
  id: Id,
  title: z.string().trim().min(1).max(160),
  type: AuditType,
  plannedMonth: YearMonth,
  agencyIds: z.array(Id).default([]),
  /** How many cases (children's records) were audited; null until known. */
  cases: z.number().int().nonnegative().nullable().default(null),
  standingAnswers: z.array(StandingAnswer).default([]),
  moderatedOn: LocalDate.nullable().default(null),
  /** The day the QAG signed it off: the audit is completed. */
  signedOffOn: LocalDate.nullable().default(null),
  /** Why it was taken out of the programme, when it was. */
  cancelledReason: z.string().trim().min(1).nullable().default(null),
  strengths: z.array(z.string().trim().min(1)).default([]),
  areasForDevelopment: z.array(z.string().trim().min(1)).default([]),
  actionPlan: z.array(ActionPlanItem).default([]),
});
export type Audit = z.infer<typeof Audit>;

/** How people read each type, as annual reports name them. */
export const AUDIT_TYPE_LABELS: Readonly<Record<AuditType, string>> = {
  'multi-agency': 'Multi-agency audit',
  'single-agency': 'Single-agency audit',
  'dip-sample': 'Dip sample',
  'jtai-preparation': 'JTAI preparation',
  'section-11': 'Section 11 audit',
};

/** Where an audit stands in the programme. */
export type AuditStage = 'planned' | 'moderated' | 'completed' | 'cancelled';

/** An audit's stage: cancelled, completed (signed off at the QAG), moderated, or still planned. */
export function auditStage(audit: Audit): AuditStage {
  if (audit.cancelledReason !== null) return 'cancelled';
  if (audit.signedOffOn !== null) return 'completed';
  if (audit.moderatedOn !== null) return 'moderated';
  return 'planned';
}

/** The standing questions an audit must answer: those asked on the day it was moderated (or today, before). */
export function questionsFor(questions: readonly StandingQuestion[], audit: Audit, today: LocalDate): StandingQuestion[] {
  const day = audit.moderatedOn ?? audit.signedOffOn ?? today;
  return questions.filter((q) => q.askedFrom <= day && (q.retiredOn === null || q.retiredOn >= day));
}

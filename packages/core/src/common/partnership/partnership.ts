import { z } from 'zod';
import { AuditProgrammeSettings } from '../audits/audit.js';
import { ReviewTimescales } from '../reviews/review.js';

/** The partnership itself: who it is and how its calendar works. */
export const Partnership = z.object({
  name: z.string().min(1),
  area: z.string().min(1),
  /** Month (1-12) and day on which the financial year starts: 1 April in England. */
  financialYearStart: z
    .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) })
    .default({ month: 4, day: 1 }),
  /** IANA time zone in which meetings are shown and days begin. */
  timeZone: z.string().min(1).refine(isTimeZone, 'must be an IANA time zone such as Europe/London').default('Europe/London'),
  /** Engagement below this percentage is flagged in the digest. */
  engagementThreshold: z.number().int().min(0).max(1000).default(50),
  /** How long reviews may take; Working Together 2023's unless the partnership sets its own. */
  reviewTimescales: ReviewTimescales.default({ rapidReviewWorkingDays: 15, practiceReviewMonths: 6 }),
  /** The audit programme's standing questions and yearly targets; changed by `auditProgramme.set`. */
  auditProgramme: AuditProgrammeSettings.default({ standingQuestions: [], targets: [] }),
});
export type Partnership = z.infer<typeof Partnership>;

/** A change to some of the partnership's settings; fields left out keep their values. */
export const PartnershipPatch = z.object({
  name: z.string().min(1).optional(),
  area: z.string().min(1).optional(),
  financialYearStart: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }).optional(),
  timeZone: z.string().min(1).refine(isTimeZone, 'must be an IANA time zone such as Europe/London').optional(),
  engagementThreshold: z.number().int().min(0).max(1000).optional(),
  reviewTimescales: ReviewTimescales.optional(),
});
export type PartnershipPatch = z.infer<typeof PartnershipPatch>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

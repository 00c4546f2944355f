import { z } from 'zod';
import { Id } from '../base/ids.js';
import { LocalDate } from '../base/time.js';

/** The inspections and visits a partnership's area receives. */
export const InspectionType = z.enum(['jtai', 'ilacs', 'focused-visit', 'area-send']);
export type InspectionType = z.infer<typeof InspectionType>;

/** The inspectorates that inspect children's services. */
export const Inspectorate = z.enum(['ofsted', 'cqc', 'hmicfrs', 'hmi-probation']);
export type Inspectorate = z.infer<typeof Inspectorate>;

/** A strength the inspectors found, under a theme of their letter. */
export const InspectionStrength = z.object({
  theme: z.string().trim().min(1),
  text: z.string().trim().min(1),
});
export type InspectionStrength = z.infer<typeof InspectionStrength>;

/**
 * An area for improvement, numbered as the written statement of action answers it, with the
 * agencies that lead on it. Its work is done through ordinary actions whose source names the
 * inspection and this number.
 */
export const AreaForImprovement = z.object({
  number: z.number().int().positive(),
  theme: z.string().trim().min(1),
  text: z.string().trim().min(1),
  leadAgencyIds: z.array(Id).default([]),
});
export type AreaForImprovement = z.infer<typeof AreaForImprovement>;

/**
 * An inspection or visit of the area: who inspected, when they were on site, the day of their
 * letter, what they found by theme, and whether the partnership owes a written statement of
 * action, due a number of England's working days after the letter (70 for a JTAI).
 */
export const Inspection = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(200),
    type: InspectionType,
    inspectorates: z.array(Inspectorate).min(1),
    onSiteFrom: LocalDate,
    onSiteTo: LocalDate,
    /** The day the inspectors' letter (or report) was published; null until it is. */
    letterOn: LocalDate.nullable().default(null),
    statementRequired: z.boolean().default(false),
    /** The working days after the letter within which the written statement of action is due. */
    statementWorkingDays: z.number().int().positive().default(70),
    statementSubmittedOn: LocalDate.nullable().default(null),
    strengths: z.array(InspectionStrength).default([]),
    areas: z.array(AreaForImprovement).default([]),
  })
  .refine((i) => i.onSiteTo >= i.onSiteFrom, { message: 'the inspectors must leave on or after they arrive', path: ['onSiteTo'] });
export type Inspection = z.infer<typeof Inspection>;

/** How people read each type. */
export const INSPECTION_TYPE_LABELS: Readonly<Record<InspectionType, string>> = {
  jtai: 'Joint targeted area inspection (JTAI)',
  ilacs: "Inspection of local authority children's services (ILACS)",
  'focused-visit': 'Focused visit',
  'area-send': 'Area SEND inspection',
};

/** How people read each inspectorate. */
export const INSPECTORATE_LABELS: Readonly<Record<Inspectorate, string>> = {
  ofsted: 'Ofsted',
  cqc: 'CQC',
  hmicfrs: 'HMICFRS',
  'hmi-probation': 'HMI Probation',
};

import type { Database } from '../store/database.js';
import { buildAnnualReport, type AnnualReport, type AnnualReportOptions, type NarrativeSection, type SectionSpec } from './annualReport.js';
import { auditsSection } from './sections/audits.js';
import { commitmentsSection, progressSection } from './sections/commitments.js';
import { deliverySection } from './sections/delivery.js';
import { engagementSection } from './sections/engagement.js';
import { executiveActionsSection } from './sections/executiveActions.js';
import { fundingSection } from './sections/funding.js';
import { governanceSection } from './sections/governance.js';
import { nextPrioritiesSection } from './sections/nextPriorities.js';
import { returnsSection } from './sections/returns.js';
import { reviewsSection } from './sections/reviews.js';
import { trainingSection } from './sections/training.js';

function narrative(id: string, title: string, prompt: string): NarrativeSection {
  return { kind: 'narrative', id, title, prompt };
}

/** The narrative sections, each read from `<id>.md` in the narrative folder. */
export const NARRATIVE_SECTIONS: readonly NarrativeSection[] = [
  narrative('area-profile', 'About the area', 'The area profile: the children and families the partnership serves, and the local context.'),
  narrative('voice-of-children', 'The voice of children and families', 'How the partners sought and used the views of children and families, and what changed as a result.'),
  narrative('scrutineer', "The independent scrutineer's reflections", "The independent scrutineer's assessment of how well the arrangements worked this year."),
];

const [areaProfile, voiceOfChildren, scrutineer] = NARRATIVE_SECTIONS as [NarrativeSection, NarrativeSection, NarrativeSection];

/**
 * The annual report's sections in the order of a Working Together 2023 yearly report. Each data
 * section prints where the data exists and says "no data yet" where it does not.
 */
export const REPORT_SECTIONS: readonly SectionSpec[] = [
  areaProfile,
  governanceSection,
  fundingSection,
  engagementSection,
  deliverySection,
  commitmentsSection,
  progressSection,
  reviewsSection,
  auditsSection,
  executiveActionsSection,
  returnsSection,
  trainingSection,
  voiceOfChildren,
  scrutineer,
  nextPrioritiesSection,
];

/** A year's annual report with the standard sections (`REPORT_SECTIONS`). */
export function annualReport(db: Database, options: AnnualReportOptions): AnnualReport {
  return buildAnnualReport(db, options, REPORT_SECTIONS);
}

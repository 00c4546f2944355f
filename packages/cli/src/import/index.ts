import { actionsImporter } from './entities/actions.js';
import { agenciesImporter } from './entities/agencies.js';
import { attendanceImporter } from './entities/attendance.js';
import { auditActionsImporter } from './entities/auditActions.js';
import { auditQuestionsImporter, auditsImporter, auditTargetsImporter } from './entities/audits.js';
import { challengesImporter } from './entities/challenges.js';
import { commitmentsImporter } from './entities/commitments.js';
import { inspectionFindingsImporter, inspectionsImporter } from './entities/inspections.js';
import { contributionsImporter, expenditureImporter } from './entities/funding.js';
import { meetingsImporter } from './entities/meetings.js';
import { membersImporter } from './entities/members.js';
import { peopleImporter } from './entities/people.js';
import { plansImporter } from './entities/plans.js';
import { recommendationsImporter } from './entities/recommendations.js';
import { reviewsImporter } from './entities/reviews.js';
import { returnResponsesImporter, returnsImporter } from './entities/returns.js';
import { selfRatingsImporter, standardsImporter } from './entities/selfAssessments.js';
import { subgroupsImporter } from './entities/subgroups.js';
import { elearningImporter, trainingBaselinesImporter, trainingBookingsImporter } from './entities/training.js';
import type { Importer } from './importer.js';

/** Every importer, in the order a new partnership's files are imported (each may refer to earlier ones). */
export const importers: readonly Importer[] = [
  agenciesImporter,
  peopleImporter,
  subgroupsImporter,
  membersImporter,
  meetingsImporter,
  attendanceImporter,
  contributionsImporter,
  expenditureImporter,
  plansImporter,
  actionsImporter,
  commitmentsImporter,
  reviewsImporter,
  recommendationsImporter,
  auditQuestionsImporter,
  auditTargetsImporter,
  auditsImporter,
  auditActionsImporter,
  inspectionsImporter,
  inspectionFindingsImporter,
  challengesImporter,
  trainingBookingsImporter,
  elearningImporter,
  trainingBaselinesImporter,
  returnsImporter,
  returnResponsesImporter,
  standardsImporter,
  selfRatingsImporter,
];

/** The importer for an entity name as typed on the command line. */
export function importerFor(entity: string): Importer | undefined {
  return importers.find((i) => i.entity === entity.toLowerCase());
}

export { prepareImport, describeChanges } from './prepareImport.js';
export type { Importer, ImportOptions } from './importer.js';
export { meetingId, instantText } from './entities/meetings.js';
export { findPlan } from './entities/plans.js';
export { findPersonByEmail, findSubgroup, AgencyDirectory, NewIds, nameKey } from './directory.js';

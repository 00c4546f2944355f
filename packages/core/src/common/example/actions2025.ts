import { AGENCY } from './agencies.js';
import { AUDIT } from './audits.js';
import { CHALLENGE } from './challenges.js';
import { complete, open, type ActionSpec, type Outcome } from './actionHistory.js';
import { actions2024 } from './actions2024.js';
import { PERSON } from './people.js';
import { PLAN, PRIORITY_2025 } from './plans.js';

const P = PERSON;
const A = AGENCY;
const PR = PRIORITY_2025;

/** When the 2025–27 plan's actions were set: the day the plan was approved. */
export const PLAN_2025_APPROVED = '2025-04-15';

function action(
  ref: string,
  priorityId: string,
  title: string,
  ownerId: string,
  leadAgencyId: string,
  due: string,
  outcome: Outcome,
  extra: Partial<Pick<ActionSpec, 'source' | 'created' | 'quietAfter'>> = {},
): ActionSpec {
  return { ref, planId: PLAN.years2025to2027, priorityId, title, ownerId, leadAgencyId, due, created: PLAN_2025_APPROVED, outcome, ...extra };
}

/** Which 2024/25 action each carried-over action continues. */
export const carriedOver: Readonly<Record<string, string>> = {
  'B-1': 'A-2',
  'B-2': 'A-20',
  'B-3': 'A-25',
  'B-4': 'A-27',
  'B-5': 'A-37',
  'B-6': 'A-38',
  'B-7': 'A-45',
};

/** A carried-over action keeps the original's title, owner, lead agency and source; it starts where the original stopped. */
function carry(ref: string, priorityId: string, due: string, outcome: Outcome): ActionSpec {
  const original = actions2024.find((a) => a.ref === carriedOver[ref])!;
  if (original.outcome.kind !== 'open') throw new Error(`${original.ref} was not open, so it cannot be carried over.`);
  return {
    ...original,
    ref,
    planId: PLAN.years2025to2027,
    priorityId,
    due,
    created: PLAN_2025_APPROVED,
    outcome,
    carriedOver: { planId: PLAN.year2024, ref: original.ref, progress: original.outcome.progress, status: original.outcome.status },
  };
}

/**
 * The CSCP Business Plan 2025–27's actions, due across Q1 2025/26 to Q4 2026/27. The history
 * runs to mid-November 2026: by then some are complete, some on track, some at risk or off track,
 * some overdue, and several fall due in the next few weeks.
 */
export const actions2025: readonly ActionSpec[] = [
  carry('B-1', PR.wholeFamily, '2026-12-18', open('at-risk', 80, '2026-11-13', 'Draft strategy out for consultation; Cabinet date not yet set.')),
  carry('B-2', PR.escalation, '2026-09-30', open('off-track', 55, '2026-09-25', 'Police and health staffing cuts have stalled co-location.')),
  carry('B-3', PR.londonNeglect, '2026-03-31', complete('2026-03-13', 'GPs now send reports to every conference; attendance by video where possible.')),
  carry('B-4', PR.wholeFamily, '2025-12-31', complete('2025-12-12', 'Standardised domestic abuse course running monthly.')),
  carry('B-5', PR.croydonLearning, '2025-09-30', complete('2025-09-26', 'Benchmarking report presented to the Executive.')),
  carry('B-6', PR.equitablePractice, '2026-06-30', complete('2026-06-26', 'Cultural awareness and adultification course launched.')),
  carry('B-7', PR.trainingImpact, '2025-07-31', complete('2025-07-18', 'Tiered, fee-based model introduced in July 2025.')),

  action('B-8', PR.sharedValues, 'Agree the CSCP Shared Values with partners', P.businessManager, A.council, '2025-06-30', complete('2025-06-17', 'Shared Values agreed at the Executive.')),
  action('B-9', PR.sharedValues, 'Write the Shared Values into subgroup terms of reference and induction', P.businessManager, A.council, '2025-12-19', complete('2025-12-12', 'All four terms of reference updated.')),
  action('B-10', PR.sharedValues, 'Survey partners on how the Shared Values are lived in practice', P.chair, A.chair, '2026-12-11', open('on-track', 60, '2026-11-13', 'Survey closed; analysis under way for the Executive.')),
  action('B-11', PR.wholeFamily, 'Publish a Whole Family Approach practice guide', P.socialCareHead, A.childrensSocialCare, '2026-03-31', complete('2026-03-20', 'Guide published with the Adult Safeguarding Board.')),
  action('B-12', PR.wholeFamily, 'Deliver Whole Family Approach workshops to front-line staff', P.croydonHealthNamedNurse, A.croydonHealth, '2026-11-30', open('at-risk', 50, '2026-11-06', 'Two of four workshops held; low sign-up from adult services.')),
  action('B-13', PR.croydonLearning, 'Build Croydon case studies from reviews into core training courses', P.qualityAssuranceOfficer, A.council, '2026-03-27', complete('2026-03-13', 'Case studies in Level 3 and neglect courses.')),
  action('B-14', PR.croydonLearning, 'Publish a Summary Review of local patterns against national data', P.chair, A.chair, '2026-09-30', open('off-track', 70, '2026-10-16', 'Waiting for health data; now expected in the new year.'), { source: { kind: 'review-recommendation', reference: 'Review Group: Cases of Concern 2024/25' } }),
  action('B-15', PR.equitablePractice, 'Improve recording of children\'s disability status across agency datasets', P.qualityAssuranceHead, A.qualityAssurance, '2026-06-30', open('at-risk', 40, '2026-06-26', 'Three agencies still cannot report disability status.'), { quietAfter: '2026-06-26' }),
  action('B-16', PR.equitablePractice, 'Tailored training outreach for faith-based organisations', P.reachingHigherLead, A.voluntarySector, '2027-03-31', open('on-track', 30, '2026-09-25', 'Faith forum engaged; first session booked for January.')),
  action('B-17', PR.onlineHarm, 'Adapt Brent LSCP\'s online harm work for Croydon with the Independent Scrutineer', P.chair, A.chair, '2026-12-18', open('on-track', 75, '2026-11-13', 'Resources adapted; launch at the December Executive.')),
  action('B-18', PR.onlineHarm, 'Publish the Young Scrutineer\'s "use of language" briefing', P.scrutineer, A.scrutineer, '2025-12-31', complete('2025-11-28', 'Briefing published and promoted in the newsletter.')),
  action('B-19', PR.londonNeglect, 'Adopt the London neglect priority measures in the CSCP dataset', P.qualityAssuranceOfficer, A.council, '2025-09-30', complete('2025-09-19', 'Neglect measures added to the quarterly dataset.')),
  action('B-20', PR.londonNeglect, 'Follow-up audit of resources for children under 7 at risk of domestic abuse', P.qualityAssuranceHead, A.qualityAssurance, '2026-01-30', complete('2026-01-22', 'Audit reported to QAG.'), { source: { kind: 'audit', reference: 'JTAI preparation: domestic abuse – children under 7', recordId: AUDIT.domesticAbuseUnder7, item: 4 } }),
  action('B-21', PR.neglectStrategy, 'Publish the multi-agency SWL Neglect Strategy', P.chair, A.chair, '2026-11-27', open('at-risk', 80, '2026-11-13', 'Final draft with the six SWL partnerships for sign-off.')),
  action('B-22', PR.neglectStrategy, 'Brief practitioners on the new Neglect Strategy', P.educationHead, A.education, '2027-03-31', open('not-started', 0, null)),
  action('B-23', PR.suicideSelfHarm, 'Publish the Suicide/Self Harm Cluster Policy', P.publicHealthConsultant, A.publicHealth, '2026-07-31', open('off-track', 60, '2026-09-25', 'Awaiting ICB sign-off.')),
  action('B-24', PR.suicideSelfHarm, 'Deliver adolescent suicide risk training', P.slamNamedNurse, A.slam, '2026-10-30', complete('2026-10-23', 'Three sessions delivered; 120 practitioners trained.')),
  action('B-25', PR.childSexualAbuse, 'Create a practitioner handbook on responding to child sexual abuse', P.educationHead, A.education, '2025-11-28', complete('2025-11-21', 'Handbook published for schools and partners.')),
  action('B-26', PR.childSexualAbuse, 'Deliver child sexual abuse awareness sessions at DSL forums', P.educationAdviser, A.education, '2026-12-11', open('on-track', 70, '2026-11-06', 'Five of seven forums covered.')),
  action('B-27', PR.digitalTools, 'Pilot Magic Notes in children\'s social care teams', P.mashManager, A.childrensSocialCare, '2026-02-27', complete('2026-02-20', 'Pilot complete in two teams.')),
  action('B-28', PR.digitalTools, 'Launch a CSCP podcast series', P.businessManager, A.council, '2026-09-30', complete('2026-09-18', 'Four episodes released, two made with young people.')),
  action('B-29', PR.digitalTools, 'Evaluate the Magic Notes pilot and recommend a partnership roll-out', P.mashManager, A.childrensSocialCare, '2027-01-29', open('on-track', 40, '2026-09-25', 'Evaluation framework agreed.')),
  action('B-30', PR.trainingImpact, 'Evaluate long-term training impact with the new evaluation tools', P.chair, A.chair, '2026-06-30', complete('2026-06-19', 'Evaluation reported to the Editorial Group.')),
  action('B-31', PR.trainingImpact, 'Convert selected in-person courses into eLearning', P.businessManager, A.council, '2027-03-31', open('on-track', 35, '2026-09-25', 'Two of six courses converted.')),
  action('B-32', PR.trainingImpact, 'Reduce training no-shows with half-day and modular formats', P.businessManager, A.council, '2026-12-31', open('at-risk', 45, '2026-11-13', 'No-shows down only slightly since the change.')),
  action('B-33', PR.escalation, 'Refresh the multi-agency escalation policy', P.qualityAssuranceHead, A.qualityAssurance, '2025-10-31', complete('2025-10-16', 'Policy agreed at QAG.')),
  action('B-34', PR.escalation, 'Audit the use of escalation across agencies', P.qualityAssuranceOfficer, A.council, '2026-08-28', complete('2026-09-11', 'Audit complete, two weeks late; report to QAG in October.'), { source: { kind: 'audit', reference: 'QAG audit programme 2026/27', recordId: AUDIT.escalation } }),
  action('B-35', PR.escalation, 'Secure more equitable partner funding from 2026/27', P.businessManager, A.council, '2026-03-31', open('off-track', 40, '2026-09-25', 'ICB and police contributions reduced for 2026/27.'), {
    source: { kind: 'executive', reference: 'Executive, 18 March 2025: Scrutiny Committee on funding inequality', recordId: CHALLENGE.fundingEquity },
  }),
];

import { AGENCY } from './agencies.js';
import { AUDIT } from './audits.js';
import { CHALLENGE } from './challenges.js';
import { complete, open, withdrawn, type ActionSpec, type Outcome } from './actionHistory.js';
import { PERSON } from './people.js';
import { PLAN, PRIORITY_2024 } from './plans.js';
import { REVIEW } from './reviews.js';

const P = PERSON;
const A = AGENCY;
const { familyResilience: FAMILY, earlyIntervention: EARLY, neglect: NEGLECT, seriousYouthViolence: SYV, systemLearning: LEARNING } = PRIORITY_2024;

const babyEva = (n: number) => ({ kind: 'review-recommendation' as const, reference: `Baby Eva LCSPR, recommendation ${n}`, recordId: REVIEW.babyEva, item: n });
const thematicSyv = (n: number) => ({ kind: 'review-recommendation' as const, reference: `Thematic Review: SYV, recommendation ${n}`, recordId: REVIEW.thematicSyv, item: n });
const audit = (reference: string, recordId: string, item?: number) => ({
  kind: 'audit' as const,
  reference,
  recordId,
  ...(item === undefined ? {} : { item }),
});
/** An Executive decision, logged in the challenge log as the challenge `recordId`. */
const executive = (reference: string, recordId: string) => ({ kind: 'executive' as const, reference, recordId });

function action(
  ref: string,
  priorityId: string,
  title: string,
  ownerId: string,
  leadAgencyId: string,
  due: string,
  created: string,
  outcome: Outcome,
  source?: ActionSpec['source'],
): ActionSpec {
  return { ref, planId: PLAN.year2024, priorityId, title, ownerId, leadAgencyId, due, created, outcome, ...(source ? { source } : {}) };
}

/**
 * The CSCP Business Plan 2024/25's actions. As at 31 March 2025, 43 of the 50 not withdrawn
 * are complete: 86%, as the report says. The seven still open were carried over to 2025–27.
 */
export const actions2024: readonly ActionSpec[] = [
  // Family resilience
  action('A-1', FAMILY, 'Embed safeguarding standards in Early Help and Family Hub developments', P.socialCareHead, A.childrensSocialCare, '2024-12-31', '2024-04-12', complete('2024-12-06', 'Safeguarding standards written into the Family Hub operating model.')),
  action('A-2', FAMILY, 'Advocate for a combined Early Help and Families Hub Strategy', P.socialCareHead, A.childrensSocialCare, '2025-03-31', '2024-04-12', open('at-risk', 60, '2025-03-14', 'Strategy now being developed by the council; sign-off will fall in 2025/26.')),
  action('A-3', FAMILY, 'Launch father-inclusive parenting programmes (Future Dads, Baby Chat, Triple P Baby)', P.educationAdviser, A.education, '2024-09-30', '2024-04-12', complete('2024-09-20', 'All three programmes running in Family Hubs.')),
  action('A-4', FAMILY, 'Make Triple P Baby and Transitions available online without referral', P.educationAdviser, A.education, '2024-12-31', '2024-04-12', complete('2024-11-29', 'Both programmes open online with no referral needed.')),
  action('A-5', FAMILY, 'Capture fathers\' and connected carers\' details on Family Hub forms', P.mashManager, A.childrensSocialCare, '2024-07-31', '2024-04-12', complete('2024-07-19', 'Forms updated; caregiver details now mandatory.'), babyEva(1)),
  action('A-6', FAMILY, 'Share Baby Eva findings with the out-of-area hospital and its LSCP', P.businessManager, A.council, '2024-06-30', '2024-04-12', complete('2024-05-24', 'Findings shared; both acknowledged and responded.'), babyEva(2)),
  action('A-7', FAMILY, 'Seek assurance that agencies address normalised parental aggression and support staff facing vicarious trauma', P.qualityAssuranceHead, A.qualityAssurance, '2024-10-31', '2024-04-12', complete('2024-10-17', 'Assurance received from all agencies at QAG.'), babyEva(3)),
  action('A-8', FAMILY, 'Reinforce GP safeguarding coding through training and Primary Care Network forums', P.icbDesignatedDoctor, A.icb, '2024-12-31', '2024-04-12', complete('2024-12-13', 'GP networks confirm improved coding; case registered on the safety event system.'), babyEva(4)),
  action('A-9', FAMILY, 'Thematic audit of information gathering on fathers and significant others', P.qualityAssuranceOfficer, A.council, '2025-01-31', '2024-04-12', complete('2025-01-23', 'Audit reported to QAG; learning event held.'), babyEva(5)),
  action('A-10', FAMILY, 'Refresh and relaunch the multi-agency Pre-Birth Guidance', P.icbDesignatedNurse, A.icb, '2024-11-30', '2024-04-12', complete('2024-11-15', 'Guidance relaunched on the CSCP website.')),
  action('A-11', FAMILY, 'Refresh multi-agency guidance on engaging fathers', P.croydonHealthNamedNurse, A.croydonHealth, '2025-02-28', '2024-04-12', complete('2025-02-21', 'Father engagement guidance published.')),
  action('A-12', FAMILY, 'Publish a child-friendly version of the CSCP Annual Report', P.businessManager, A.council, '2024-10-31', '2024-04-12', complete('2024-10-25', 'Child-friendly report and infographic published.')),

  // Early intervention
  action('A-13', EARLY, 'Publish a refreshed MASH Standard Operating Protocol', P.mashManager, A.childrensSocialCare, '2024-09-30', '2024-04-12', complete('2024-09-13', 'Protocol published by the MASH Operational Group.')),
  action('A-14', EARLY, 'Introduce regular MASH triage meetings', P.mashManager, A.childrensSocialCare, '2024-07-31', '2024-04-12', complete('2024-07-05', 'Daily triage meetings running.')),
  action('A-15', EARLY, 'Improve the MASH referral portal', P.mashManager, A.childrensSocialCare, '2024-12-31', '2024-04-12', complete('2024-12-13', 'Portal changes live; referral quality improving.')),
  action('A-16', EARLY, 'Design and deliver multi-agency threshold and referral training', P.qualityAssuranceOfficer, A.council, '2025-01-31', '2024-04-12', complete('2025-01-17', 'Four sessions delivered across the partnership.')),
  action('A-17', EARLY, 'Agree a Housing representative for MASH Ops, QAG and the Review Group', P.businessManager, A.housing, '2024-09-30', '2024-06-05', complete('2024-09-06', 'Housing representative agreed for all three.'), executive('Executive, 4 June 2024: challenge of Housing representation', CHALLENGE.housingRepresentation)),
  action('A-18', EARLY, 'Support the THRIVE ambition for Croydon through partnership engagement', P.publicHealthConsultant, A.publicHealth, '2025-03-31', '2024-04-12', complete('2025-03-07', 'Partners engaged and contributing to THRIVE.')),
  action('A-19', EARLY, 'Contribute to the Impower Review to reduce duplication', P.businessManager, A.council, '2024-12-31', '2024-04-12', complete('2024-11-08', 'Workshops attended; cross-partnership engagement facilitated.')),
  // Co-location is the partnership's finding for the MASH and for each partner that staffs it.
  { ...action('A-20', EARLY, 'Increase co-location of partner agencies in the MASH', P.mashManager, A.childrensSocialCare, '2025-03-31', '2024-04-12', open('off-track', 45, '2025-03-14', 'Co-location constrained by partner staff capacity.')), alsoLedBy: [A.police, A.icb] },
  action('A-21', EARLY, 'Run the Section 11 safeguarding assurance audit on PHEW', P.qualityAssuranceOfficer, A.council, '2025-03-31', '2024-04-12', complete('2025-03-21', 'Section 11 returns complete, including VCS and faith groups.')),

  // Neglect
  action('A-22', NEGLECT, 'Deliver multi-agency Child Neglect training', P.qualityAssuranceOfficer, A.council, '2025-03-31', '2024-04-12', complete('2025-03-14', 'Child Neglect among the two most attended courses.')),
  action('A-23', NEGLECT, 'Audit professional attendance at Child Protection Conferences', P.qualityAssuranceOfficer, A.council, '2024-08-31', '2024-04-12', complete('2024-08-30', 'Audit moderated and reported to QAG.'), audit('Audit: professional attendance at child protection conferences', AUDIT.conferenceAttendance)),
  action('A-24', NEGLECT, 'Enhance agencies\' data capture of attendance and report quality at conferences', P.qualityAssuranceHead, A.qualityAssurance, '2024-12-31', '2024-09-06', complete('2024-12-13', 'Data capture updated for future audits.'), audit('Audit: professional attendance at child protection conferences', AUDIT.conferenceAttendance, 1)),
  action('A-25', NEGLECT, 'Explore how GPs can attend child protection conferences', P.icbDesignatedDoctor, A.icb, '2025-03-31', '2024-09-06', open('at-risk', 50, '2025-03-14', 'Options explored with GP leads; no agreed model yet.'), audit('Audit: professional attendance at child protection conferences', AUDIT.conferenceAttendance, 2)),
  action('A-26', NEGLECT, 'Raise awareness of conference reports at Education forums', P.educationHead, A.education, '2024-11-30', '2024-09-06', complete('2024-11-08', 'Briefing given at the DSL forum.'), audit('Audit: professional attendance at child protection conferences', AUDIT.conferenceAttendance, 3)),
  action('A-27', NEGLECT, 'Develop standardised domestic abuse training', P.qualityAssuranceOfficer, A.council, '2025-03-31', '2025-01-10', open('on-track', 40, '2025-03-14', 'Course outline agreed; pilot planned for summer 2025.'), audit('JTAI preparation: domestic abuse – children under 7', AUDIT.domesticAbuseUnder7, 1)),
  action('A-28', NEGLECT, 'Dip-sample domestic abuse referrals to test their quality', P.qualityAssuranceHead, A.qualityAssurance, '2025-03-31', '2025-01-10', complete('2025-03-21', 'Dip sample complete; findings to QAG.'), audit('JTAI preparation: domestic abuse – children under 7', AUDIT.domesticAbuseUnder7, 2)),
  action('A-29', NEGLECT, 'Advocate for a dedicated Housing lead at MARAC and child protection panels', P.housingLead, A.housing, '2025-03-31', '2025-01-10', complete('2025-03-07', 'Housing lead named for MARAC and CP panels.'), audit('JTAI preparation: domestic abuse – children under 7', AUDIT.domesticAbuseUnder7, 3)),
  action('A-30', NEGLECT, 'Add a mandatory neurodivergence question to every audit', P.qualityAssuranceOfficer, A.council, '2024-12-31', '2024-07-12', complete('2024-09-27', 'Question added to the PHEW audit template.')),
  action('A-31', NEGLECT, 'Seek assurance on the safeguarding of young people on the CAMHS waiting list', P.slamHead, A.slam, '2024-12-31', '2024-04-12', complete('2024-12-06', 'Triage process explained; SLaM dashboard in development.')),

  // Serious youth violence
  action('A-32', SYV, 'Transfer delivery of the review\'s recommendations to the 11–25 Exploitation Group', P.communitySafetyManager, A.cultureCommunitySafety, '2024-06-30', '2024-04-12', complete('2024-06-14', 'The 11–25 Exploitation Group has taken responsibility.'), thematicSyv(1)),
  action('A-33', SYV, 'Evidence the 10 Key Principles (K.I.D.S. V.O.I.C.E.S.) across services and panels', P.youthJusticeHead, A.youthJustice, '2024-12-31', '2024-04-12', complete('2024-12-13', 'Task and Finish group evidenced the principles across services.'), thematicSyv(2)),
  action('A-34', SYV, 'Publish the Toolkit for Parents & Carers', P.communitySafetyManager, A.cultureCommunitySafety, '2024-10-31', '2024-04-12', complete('2024-10-11', 'Toolkit published, shaped with the Young Scrutineer.'), thematicSyv(3)),
  action('A-35', SYV, 'Inform the National Panel and publish the review with its resources', P.businessManager, A.council, '2024-05-31', '2024-04-12', complete('2024-05-17', 'Published on the CSCP website; National Panel informed.'), thematicSyv(4)),
  action('A-36', SYV, 'Create a multi-agency safety planning template', P.youthJusticeHead, A.youthJustice, '2024-09-30', '2024-05-10', complete('2024-09-20', 'Template in use across partners.'), audit('JTAI preparation: serious youth violence', AUDIT.seriousYouthViolence, 2)),
  action('A-37', SYV, 'Benchmark Croydon against the JTAI findings', P.qualityAssuranceHead, A.qualityAssurance, '2025-03-31', '2024-05-10', open('on-track', 70, '2025-03-14', 'Benchmarking report in progress.'), audit('JTAI preparation: serious youth violence', AUDIT.seriousYouthViolence, 3)),
  action('A-38', SYV, 'Create training on cultural awareness and adultification', P.educationAdviser, A.education, '2025-03-31', '2024-12-06', open('at-risk', 30, '2025-03-14', 'Trainer not yet commissioned.'), audit('JTAI preparation: diversion from exploitation', AUDIT.diversion, 1)),
  action('A-39', SYV, 'Develop KPIs for the 11–25 Board to evidence the impact of its strategy', P.communitySafetyManager, A.cultureCommunitySafety, '2025-03-31', '2024-12-06', complete('2025-03-14', 'KPIs agreed by the 11–25 Board.'), audit('JTAI preparation: diversion from exploitation', AUDIT.diversion, 2)),
  action('A-40', SYV, 'Strengthen links between Family Hubs and the voluntary sector', P.reachingHigherLead, A.voluntarySector, '2025-03-31', '2024-12-06', complete('2025-02-28', '"Walk alongside" model linking VCS to Family Hubs.'), audit('JTAI preparation: diversion from exploitation', AUDIT.diversion, 3)),
  action('A-41', SYV, 'Promote the Youth Support Map in custody suites and GP surgeries', P.policeInspector, A.police, '2024-12-31', '2024-09-25', complete('2024-11-22', 'Posters up in the custody suite and GP surgeries.'), executive('Executive, 24 September 2024: Youth Support Map', CHALLENGE.youthSupportMap)),
  action('A-42', SYV, 'Embed the 11–25 Exploitation Board as business as usual', P.communitySafetyManager, A.cultureCommunitySafety, '2024-09-30', '2024-04-12', complete('2024-09-27', 'The Board is embedded and meets monthly.')),

  // System learning
  action('A-43', LEARNING, 'Publish the new CSCP arrangements under Working Together 2023', P.businessManager, A.council, '2024-12-31', '2024-04-12', complete('2024-11-29', 'Arrangements published ahead of the national deadline.')),
  action('A-44', LEARNING, 'Implement the PHEW learning and audit management system', P.qualityAssuranceOfficer, A.council, '2024-09-30', '2024-04-12', complete('2024-07-26', 'PHEW live for training bookings and audits.')),
  action('A-45', LEARNING, 'Introduce a tiered, fee-based training model', P.businessManager, A.council, '2025-03-31', '2024-04-12', open('on-track', 75, '2025-03-14', 'Pricing agreed; launch planned for July 2025.')),
  action('A-46', LEARNING, 'Deliver the CSCP Annual Conference with Reaching Higher', P.businessManager, A.council, '2024-11-30', '2024-04-12', complete('2024-11-19', 'Conference on contextual safeguarding held; feedback highly positive.')),
  action('A-47', LEARNING, 'Recruit Young Scrutineers', P.scrutineer, A.scrutineer, '2024-07-31', '2024-04-12', complete('2024-07-08', 'Young Scrutineer appointed.')),
  action('A-48', LEARNING, 'Write to other LSCPs about children they place in Croydon', P.businessManager, A.council, '2024-09-30', '2024-06-05', complete('2024-07-12', 'Letter sent; several partnerships responded.'), executive('Executive, 4 June 2024: children placed in Croydon', CHALLENGE.letterToLscps)),
  action('A-49', LEARNING, 'Publish a briefing on the Makin Review: people in positions of trust', P.scrutineer, A.scrutineer, '2024-12-31', '2024-09-25', complete('2024-12-06', 'Briefing published and shared across London.'), executive('Executive, 24 September 2024: Makin Review', CHALLENGE.makinReview)),
  action('A-50', LEARNING, 'Publish learning briefings from Cases of Concern', P.chair, A.chair, '2025-03-31', '2024-04-12', complete('2025-03-21', 'Four briefings published.')),
  action('A-51', LEARNING, 'Collect neurodivergence data through agency datasets', P.qualityAssuranceOfficer, A.council, '2025-03-31', '2024-04-12', withdrawn('2024-09-27', 'Withdrawn: the Dataset Meeting found it too complex; captured through audit instead (A-30).')),
];

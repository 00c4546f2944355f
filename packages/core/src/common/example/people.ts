import type { z } from 'zod';
import type { Person } from '../people/person.js';
import { AGENCY } from './agencies.js';
import { londonTime, type Step } from './timeline.js';

type PersonInput = z.input<typeof Person>;

/**
 * The Microsoft 365 Agents Playground's default user. In the example it is the Chair (Named
 * Person), so the bot answers "my actions" at once in the offline Playground.
 */
export const PLAYGROUND_CHAIR_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000020';

/** The Playground's second built-in user: in the example, the CSCP Business Manager. */
export const PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000021';

/**
 * The example's Slack member ids, one for each person in the order they are listed (`U0EXAMPLE01`
 * is the Chair, `U0EXAMPLE03` the Business Manager), so the Slack walk-through works as the
 * Teams one does. Made up, like everything else here.
 */
export const exampleSlackUserId = (index: number): string => `U0EXAMPLE${String(index + 1).padStart(2, '0')}`;

/** Person ids of the example. Nobody is real: people are named by role. */
export const PERSON = {
  chair: 'chair',
  scrutineer: 'independent-scrutineer',
  businessManager: 'cscp-business-manager',
  qualityAssuranceOfficer: 'cscp-qa-officer',
  councilDirector: 'council-corporate-director',
  qualityAssuranceHead: 'council-head-of-qa',
  qualityAssuranceLead: 'council-qa-practice-lead',
  socialCareHead: 'csc-head-of-safeguarding',
  mashManager: 'csc-mash-service-manager',
  educationHead: 'education-head-of-safeguarding',
  educationAdviser: 'education-safeguarding-adviser',
  youthJusticeHead: 'yjs-head-of-service',
  housingLead: 'housing-safeguarding-lead',
  croydonHealthNamedNurse: 'chs-named-nurse',
  croydonHealthNamedDoctor: 'chs-named-doctor',
  icbChiefNurse: 'icb-chief-nursing-officer',
  icbDesignatedNurse: 'icb-designated-nurse',
  icbDesignatedDoctor: 'icb-designated-doctor',
  policeCommander: 'met-bcu-commander',
  policeInspector: 'met-safeguarding-inspector',
  publicHealthConsultant: 'public-health-consultant',
  healthImprovementLead: 'council-health-improvement-lead',
  slamNamedNurse: 'slam-named-nurse',
  slamHead: 'slam-head-of-safeguarding',
  communitySafetyManager: 'community-safety-manager',
  collegeLead: 'college-safeguarding-lead',
  commissioningManager: 'commissioning-manager',
  probationOfficer: 'probation-senior-officer',
  reachingHigherLead: 'reaching-higher-safeguarding-lead',
  legacyLead: 'legacy-youth-zone-safeguarding-lead',
  youngScrutineer: 'young-scrutineer',
} as const;

/** Ids of the people who carry the Playground's identities. */
export const EXAMPLE_CHAIR_ID = PERSON.chair;
/** The CSCP Business Manager's person id (business team: administers the partnership). */
export const EXAMPLE_BUSINESS_MANAGER_ID = PERSON.businessManager;

const person = (id: string, name: string, email: string, agencyId: string | null, extra: Partial<PersonInput> = {}): PersonInput => ({
  id,
  name,
  email,
  agencyId,
  roleTitles: [name.split(',')[0]!],
  ...extra,
});

/** One person per seat; agencies that send two representatives have two people. Each has a Slack member id. */
export const people: readonly PersonInput[] = [
  person(PERSON.chair, 'Chair (Named Person), CSCP', 'chair@cscp.example', AGENCY.chair, {
    roleTitles: ['Chair of the Review Group', 'Chair of the Quality Assurance Group', 'Chair of the Editorial Group'],
    teamsAadObjectId: PLAYGROUND_CHAIR_AAD_OBJECT_ID,
  }),
  person(PERSON.scrutineer, 'Independent Scrutineer, CSCP', 'scrutineer@cscp.example', AGENCY.scrutineer, { roles: ['scrutineer'] }),
  person(PERSON.businessManager, 'CSCP Business Manager', 'business.manager@cscp.example', AGENCY.council, {
    roles: ['business-team'],
    teamsAadObjectId: PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID,
  }),
  person(PERSON.qualityAssuranceOfficer, 'CSCP Quality Assurance Officer', 'qa.officer@cscp.example', AGENCY.council, { roles: ['business-team'] }),
  person(PERSON.councilDirector, 'Corporate Director, Children, Young People and Education, Croydon Council', 'director.cype@croydon.example', AGENCY.council, { roles: ['executive'] }),
  person(PERSON.qualityAssuranceHead, 'Head of Quality Assurance, Croydon Council', 'head.qa@croydon.example', AGENCY.qualityAssurance),
  person(PERSON.qualityAssuranceLead, 'Quality Assurance Practice Lead, Croydon Council', 'qa.practice.lead@croydon.example', AGENCY.qualityAssurance),
  person(PERSON.socialCareHead, "Head of Safeguarding and Quality Review, Children's Social Care", 'head.safeguarding.csc@croydon.example', AGENCY.childrensSocialCare),
  person(PERSON.mashManager, 'MASH Service Manager, Croydon Council', 'mash.manager@croydon.example', AGENCY.childrensSocialCare),
  person(PERSON.educationHead, 'Head of Education Safeguarding, Croydon Council', 'head.education.safeguarding@croydon.example', AGENCY.education),
  person(PERSON.educationAdviser, 'Education Safeguarding Adviser, Croydon Council', 'education.safeguarding@croydon.example', AGENCY.education),
  person(PERSON.youthJusticeHead, 'Head of Youth Justice Service, Croydon Council', 'head.yjs@croydon.example', AGENCY.youthJustice),
  person(PERSON.housingLead, 'Housing Safeguarding Lead, Croydon Council', 'housing.safeguarding@croydon.example', AGENCY.housing),
  person(PERSON.croydonHealthNamedNurse, 'Named Nurse for Safeguarding Children, Croydon Health Services', 'named.nurse@chs.example', AGENCY.croydonHealth),
  person(PERSON.croydonHealthNamedDoctor, 'Named Doctor for Safeguarding Children, Croydon Health Services', 'named.doctor@chs.example', AGENCY.croydonHealth),
  person(PERSON.icbChiefNurse, 'Chief Nursing Officer, South West London ICB', 'chief.nurse@swlicb.example', AGENCY.icb, { roles: ['executive'] }),
  person(PERSON.icbDesignatedNurse, 'Designated Nurse for Safeguarding Children, South West London ICB', 'designated.nurse@swlicb.example', AGENCY.icb),
  person(PERSON.icbDesignatedDoctor, 'Designated Doctor for Safeguarding Children, South West London ICB', 'designated.doctor@swlicb.example', AGENCY.icb),
  person(PERSON.policeCommander, 'Detective Chief Superintendent, South Area BCU, Metropolitan Police', 'bcu.commander@met.example', AGENCY.police, { roles: ['executive'] }),
  person(PERSON.policeInspector, 'Detective Inspector, Safeguarding, South Area BCU', 'di.safeguarding@met.example', AGENCY.police),
  person(PERSON.publicHealthConsultant, 'Consultant in Public Health, Croydon Council', 'consultant.public.health@croydon.example', AGENCY.publicHealth),
  // Works for the council at large; at the Review Group they deputise for Public Health.
  person(PERSON.healthImprovementLead, 'Health Improvement Lead, Croydon Council', 'health.improvement@croydon.example', AGENCY.council),
  person(PERSON.slamNamedNurse, 'Named Nurse for Safeguarding Children, South London and Maudsley', 'named.nurse@slam.example', AGENCY.slam),
  person(PERSON.slamHead, 'Head of Safeguarding Children, South London and Maudsley', 'head.safeguarding@slam.example', AGENCY.slam),
  person(PERSON.communitySafetyManager, 'Community Safety Manager, Croydon Council', 'community.safety@croydon.example', AGENCY.cultureCommunitySafety),
  person(PERSON.collegeLead, 'Designated Safeguarding Lead, Croydon College', 'dsl@college.example', AGENCY.colleges),
  person(PERSON.commissioningManager, "Commissioning Manager, Children's Services, Croydon Council", 'commissioning.children@croydon.example', AGENCY.commissioning),
  person(PERSON.probationOfficer, 'Senior Probation Officer, Croydon Probation Delivery Unit', 'spo.croydon@probation.example', AGENCY.probation),
  person(PERSON.reachingHigherLead, 'Safeguarding Lead, Reaching Higher', 'safeguarding@reachinghigher.example', AGENCY.voluntarySector),
  person(PERSON.legacyLead, 'Safeguarding Lead, Legacy Youth Zone', 'safeguarding@legacyyouthzone.example', AGENCY.voluntarySector),
  // A guest with no agency: attends the Executive and the Editorial Group from July 2024.
  person(PERSON.youngScrutineer, 'Young Scrutineer, CSCP', 'young.scrutineer@cscp.example', null),
].map((p, index) => ({ ...p, slackUserId: exampleSlackUserId(index) }));

/** People are added with the register; the Young Scrutineer when appointed in July 2024. */
export function peopleSteps(): Step[] {
  const founding = people.filter((p) => p.id !== PERSON.youngScrutineer);
  const youngScrutineer = people.filter((p) => p.id === PERSON.youngScrutineer);
  return [
    { at: londonTime('2024-03-04', '10:30'), commands: founding.map((p) => ({ type: 'person.upsert', person: p })) },
    { at: londonTime('2024-07-08', '09:30'), commands: youngScrutineer.map((p) => ({ type: 'person.upsert', person: p })) },
  ];
}

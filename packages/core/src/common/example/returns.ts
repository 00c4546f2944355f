import type { z } from 'zod';
import { addDays } from '../base/dates.js';
import type { ReturnRequest, ReturnResponse } from '../returns/returnRequest.js';
import { responseId } from '../returns/returnRequest.js';
import type { CommandInput } from '../store/commands.js';
import { AGENCY } from './agencies.js';
import { PERSON } from './people.js';
import { londonTime, type Step } from './timeline.js';

type RequestInput = z.input<typeof ReturnRequest>;
type ResponseInput = z.input<typeof ReturnResponse>;

/** Each agency's contact for its returns: its safeguarding lead. */
const CONTACT: Readonly<Record<string, string>> = {
  [AGENCY.childrensSocialCare]: PERSON.socialCareHead,
  [AGENCY.education]: PERSON.educationHead,
  [AGENCY.youthJustice]: PERSON.youthJusticeHead,
  [AGENCY.housing]: PERSON.housingLead,
  [AGENCY.croydonHealth]: PERSON.croydonHealthNamedNurse,
  [AGENCY.icb]: PERSON.icbDesignatedNurse,
  [AGENCY.police]: PERSON.policeInspector,
  [AGENCY.publicHealth]: PERSON.publicHealthConsultant,
  [AGENCY.slam]: PERSON.slamHead,
  [AGENCY.cultureCommunitySafety]: PERSON.communitySafetyManager,
  [AGENCY.colleges]: PERSON.collegeLead,
  [AGENCY.probation]: PERSON.probationOfficer,
  [AGENCY.voluntarySector]: PERSON.reachingHigherLead,
};

/**
 * What came from an agency: received `days` after the due date (negative: early), perhaps
 * lacking something; sent back by the business team with a note; or nothing at all.
 */
type Outcome = { readonly days: number; readonly missing?: readonly string[]; readonly sentBack?: string } | 'missing';

interface ExampleReturn {
  readonly request: Omit<RequestInput, 'agencies'>;
  /** The day the business team sent it out. */
  readonly issuedOn: string;
  readonly outcomes: Readonly<Record<string, Outcome>>;
}

const onTime: Outcome = { days: -2 };
const late = (days: number, missing?: readonly string[]): Outcome => (missing ? { days, missing } : { days });

/** The standards of the self-assessment: section 11 of the Children Act 2004, as the audit tool words them. */
const STANDARDS = [
  'Senior management commitment to safeguarding',
  'A clear line of accountability for safeguarding',
  'Service development informed by the views of children',
  'Safeguarding training for staff',
  'Safer recruitment and allegations against staff',
  'Inter-agency working and information sharing',
  'Supervision and support for staff',
  'Listening to children and young people',
].map((text, index) => ({ number: index + 1, text }));

/** Where an agency rated itself below "met"; every other standard it rated met. */
const PARTLY_MET: Readonly<Record<string, readonly number[]>> = {
  [AGENCY.housing]: [4, 6],
  [AGENCY.police]: [7],
  [AGENCY.colleges]: [3],
  [AGENCY.voluntarySector]: [5],
  [AGENCY.cultureCommunitySafety]: [3, 8],
};

/** The agencies asked for the safeguarding assurance self-assessment, the Section 11 audit widened to the voluntary sector and faith groups. */
const ASSURANCE: ExampleReturn = {
  request: {
    id: 'assurance-2024-25',
    kind: 'assurance-self-assessment',
    title: 'Safeguarding assurance self-assessment 2024/25 (Section 11)',
    period: '2024/25',
    dueOn: '2024-10-31',
    templateUrl: 'https://cscp.example/returns/safeguarding-assurance-template-2024-25.xlsx',
    mandatoryFields: ['self-rating for every standard', 'action plan'],
    standards: STANDARDS,
  },
  issuedOn: '2024-07-01',
  outcomes: {
    [AGENCY.childrensSocialCare]: onTime,
    [AGENCY.education]: onTime,
    [AGENCY.youthJustice]: late(9),
    // "Support is being given to Housing to evidence their safeguarding standards."
    [AGENCY.housing]: late(20, ['evidence for standards 4 and 6']),
    [AGENCY.croydonHealth]: onTime,
    [AGENCY.icb]: onTime,
    [AGENCY.police]: late(21),
    [AGENCY.publicHealth]: onTime,
    [AGENCY.slam]: onTime,
    [AGENCY.cultureCommunitySafety]: late(6),
    [AGENCY.colleges]: late(13),
    [AGENCY.probation]: 'missing',
    [AGENCY.voluntarySector]: onTime,
  },
};

/** The agencies that give the quarterly multi-agency dataset. */
const DATASET_AGENCIES = [
  AGENCY.childrensSocialCare,
  AGENCY.education,
  AGENCY.youthJustice,
  AGENCY.housing,
  AGENCY.croydonHealth,
  AGENCY.icb,
  AGENCY.police,
  AGENCY.slam,
  AGENCY.voluntarySector,
] as const;

/**
 * The quarterly dataset, due six weeks or so after each quarter, with commentary and (from this
 * year) neurodivergence required: Housing gave no data until the autumn's challenge, SLaM was
 * late until its new dashboard, and the health trusts and police were challenged where
 * neurodivergence was not provided, which "has led to improvements".
 */
const DATASETS: readonly ExampleReturn[] = (
  [
    [1, '2024-07-01', '2024-08-16', { [AGENCY.housing]: 'missing', [AGENCY.slam]: late(14), [AGENCY.police]: late(-1, ['neurodivergence']), [AGENCY.croydonHealth]: late(0, ['neurodivergence']) }],
    [2, '2024-10-01', '2024-11-15', { [AGENCY.housing]: 'missing', [AGENCY.slam]: late(-3, ['commentary']), [AGENCY.youthJustice]: late(5) }],
    [3, '2025-01-02', '2025-02-14', { [AGENCY.housing]: late(10), [AGENCY.youthJustice]: late(3) }],
    [4, '2025-04-01', '2025-05-16', { [AGENCY.police]: late(4), [AGENCY.voluntarySector]: late(7) }],
  ] as const
).map(([quarter, issuedOn, dueOn, exceptions]) => ({
  request: {
    id: `dataset-2024-25-q${quarter}`,
    kind: 'quarterly-dataset',
    title: `Multi-agency dataset 2024/25 Q${quarter}`,
    period: `2024/25 Q${quarter}`,
    dueOn,
    templateUrl: 'https://cscp.example/returns/dataset-template-2024-25.xlsx',
    mandatoryFields: ['commentary', 'neurodivergence'],
  },
  issuedOn,
  outcomes: Object.fromEntries(DATASET_AGENCIES.map((agencyId) => [agencyId, (exceptions as Record<string, Outcome>)[agencyId] ?? onTime])),
}));

/**
 * Each agency's contribution to the 2024/25 annual report: very few used the template, and the
 * business team sent one back for it.
 */
const CONTRIBUTION: ExampleReturn = {
  request: {
    id: 'annual-report-2024-25',
    kind: 'annual-report-contribution',
    title: 'Annual report 2024/25 contribution',
    period: '2024/25',
    dueOn: '2025-06-13',
    templateUrl: 'https://cscp.example/returns/annual-report-contribution-template.docx',
    mandatoryFields: ['impact evidence'],
  },
  issuedOn: '2025-04-22',
  outcomes: {
    [AGENCY.childrensSocialCare]: onTime,
    [AGENCY.education]: { days: -1, sentBack: 'Please use the template: the impact on children, not a list of activity.' },
    [AGENCY.youthJustice]: 'missing',
    [AGENCY.housing]: late(12, ['impact evidence']),
    [AGENCY.croydonHealth]: onTime,
    [AGENCY.icb]: onTime,
    [AGENCY.police]: late(3),
    [AGENCY.slam]: late(5),
    [AGENCY.probation]: 'missing',
  },
};

/** The year of returns the example carries. */
export const EXAMPLE_RETURNS: readonly ExampleReturn[] = [ASSURANCE, ...DATASETS, CONTRIBUTION];

const linkOf = (returnId: string, agencyId: string) => `https://cscp.sharepoint.example/returns/${returnId}/${agencyId}`;

/**
 * The business team sends each return out, records what comes back on the day it comes, and
 * accepts it (or sends it back) a few days later.
 */
export function returnSteps(): Step[] {
  const steps: Step[] = [];
  for (const { request, issuedOn, outcomes } of EXAMPLE_RETURNS) {
    const agencies = Object.keys(outcomes).map((agencyId) => ({ agencyId, contactId: CONTACT[agencyId] ?? null }));
    steps.push({ at: londonTime(issuedOn, '10:00'), commands: [{ type: 'return.upsert', request: { ...request, agencies } }] });
    for (const [agencyId, outcome] of Object.entries(outcomes)) {
      if (outcome === 'missing') continue;
      const receivedOn = addDays(request.dueOn, outcome.days);
      const response: ResponseInput = {
        id: responseId(request.id, agencyId),
        returnId: request.id,
        agencyId,
        state: outcome.missing ? 'partial' : 'received',
        receivedOn,
        receivedById: CONTACT[agencyId] ?? null,
        link: linkOf(request.id, agencyId),
        missing: outcome.missing ? [...outcome.missing] : [],
        ratings: (request.standards ?? []).map(({ number }) => ({ standard: number, rating: PARTLY_MET[agencyId]?.includes(number) ? 'partly-met' : 'met' })),
      };
      steps.push({ at: londonTime(receivedOn, '12:00'), commands: [{ type: 'returnResponse.upsert', response }] });
      if (outcome.missing) continue;
      const review: CommandInput = outcome.sentBack
        ? { type: 'returnResponse.review', returnId: request.id, agencyId, decision: 'sent-back', note: outcome.sentBack }
        : { type: 'returnResponse.review', returnId: request.id, agencyId, decision: 'accepted' };
      steps.push({ at: londonTime(addDays(receivedOn, 3), '11:00'), commands: [review] });
    }
  }
  return steps;
}

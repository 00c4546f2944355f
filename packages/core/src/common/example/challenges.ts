import type { z } from 'zod';
import type { Challenge } from '../challenges/challenge.js';
import { AGENCY } from './agencies.js';
import { SUBGROUP } from './subgroups.js';
import { londonTime, type Step } from './timeline.js';

type ChallengeInput = z.input<typeof Challenge>;

/** Challenge ids of the example, which its actions' sources name. */
export const CHALLENGE = {
  letterToLscps: 'executive-letter-to-lscps',
  housingRepresentation: 'executive-housing-representation',
  youthSupportMap: 'executive-youth-support-map',
  makinReview: 'executive-makin-review',
  mashOversight: 'executive-mash-oversight',
  neurodivergenceData: 'qag-neurodivergence-data',
  fundingEquity: 'executive-funding-equity',
} as const;

/** A challenge as it was logged, and as it stood once closed (when it was). */
interface Entry {
  readonly raised: ChallengeInput;
  readonly closed?: Partial<ChallengeInput>;
}

/**
 * The 2024/25 log. The Executive's five entries are the annual report's "Impact of Executive
 * Actions", their impact area and evidence of impact word for word; the funding challenge of March
 * 2025 is still open (action B-35); the QAG's challenge on neurodivergence data is from the
 * report's section on the dataset.
 */
const entries: readonly Entry[] = [
  {
    raised: {
      id: CHALLENGE.letterToLscps,
      raisedBy: 'executive',
      issue: 'Letter to other Local safeguarding Children Partnerships (LSCP) in response to the high number of children placed in Croydon by their Local Authority.',
      raisedOn: '2024-06-04',
    },
    closed: {
      response: 'Letter sent to the partnerships that place children in Croydon; several replied.',
      respondedOn: '2024-07-12',
      outcome: 'resolved',
      closedOn: '2024-09-24',
      evidenceOfImpact:
        'A call to action for other LSCPs to be assured of the safeguarding arrangements for their children placed in Croydon. Several directly responded to say this had raised their awareness and many agreed to rethink their placement choices.',
    },
  },
  {
    raised: {
      id: CHALLENGE.housingRepresentation,
      raisedBy: 'executive',
      toAgencyIds: [AGENCY.housing],
      issue: 'Challenge of Housing representation',
      raisedOn: '2024-06-04',
      stage: 2,
    },
    closed: {
      response: 'A Housing representative agreed for MASH Ops, the QAG and the Review Group; Housing data returns begun.',
      respondedOn: '2024-09-06',
      outcome: 'resolved',
      closedOn: '2025-03-18',
      evidenceOfImpact:
        'MASH Ops, CSCP Quality Assurance, CSCP Review Group now all have an agreed Housing representative. Housing data is now being provided, and support is being given to Housing to evidence their safeguarding standards',
    },
  },
  {
    raised: { id: CHALLENGE.youthSupportMap, raisedBy: 'executive', toAgencyIds: [AGENCY.police], issue: 'Youth Support Map', raisedOn: '2024-09-24' },
    closed: {
      response: 'Posters up in the custody suite and GP surgeries.',
      respondedOn: '2024-11-22',
      outcome: 'resolved',
      closedOn: '2024-12-10',
      evidenceOfImpact: 'An eye-catching poster, which has been promoted in the custody suite as well as GP surgeries, intended to influence young people at a reachable, teachable moment.',
    },
  },
  {
    raised: { id: CHALLENGE.makinReview, raisedBy: 'executive', issue: 'Makin Review – People in positions of trust', raisedOn: '2024-09-24' },
    closed: {
      response: 'Briefing published and shared across London.',
      respondedOn: '2024-12-06',
      outcome: 'resolved',
      closedOn: '2024-12-10',
      evidenceOfImpact:
        'The Makin Review was National but written by our own Independent Scrutineer. The CSCP created a briefing to raise awareness of people in position of trust. This has been shared widely across London.',
    },
  },
  {
    raised: {
      id: CHALLENGE.mashOversight,
      raisedBy: 'executive',
      toAgencyIds: [AGENCY.childrensSocialCare],
      issue: 'Oversight of MASH',
      raisedOn: '2024-09-24',
      stage: 2,
    },
    closed: {
      escalations: [{ stage: 3, on: '2024-12-10' }],
      response: 'New Standard Operating Protocol and triage process; MASH Ops holds partners to account for their referrals and capacity.',
      respondedOn: '2024-12-10',
      outcome: 'partly-resolved',
      closedOn: '2025-03-18',
      evidenceOfImpact:
        'MASH Ops has become more effective at holding partners to account for the quality of their referrals and their capacity and engagement in MASH, leading to better multi-agency decision making and a move away from the Local Authority being the main decision maker. A new Standard Operating Protocol and Triage process was introduced. Co-location improving but still constrained by staff capacity issues.',
    },
  },
  {
    raised: {
      id: CHALLENGE.neurodivergenceData,
      raisedBy: 'subgroup',
      subgroupId: SUBGROUP.qualityAssurance,
      issue: 'Agencies not providing neurodivergence data for the CSCP Dataset',
      raisedOn: '2024-10-17',
    },
    closed: {
      response: 'The CSCP Dataset now expects neurodivergence data; agencies not providing it are asked why at each QAG.',
      respondedOn: '2025-01-23',
      outcome: 'resolved',
      closedOn: '2025-01-23',
      evidenceOfImpact: 'Neurodivergence data now provided by more agencies; CSC has cleaned its data, especially for children in MACE.',
    },
  },
  {
    raised: {
      id: CHALLENGE.fundingEquity,
      raisedBy: 'executive',
      toAgencyIds: [AGENCY.icb, AGENCY.police],
      issue: 'Inequality of the statutory partners’ funding, noted by the Scrutiny Committee',
      raisedOn: '2025-03-18',
      stage: 3,
    },
  },
];

/** The moment a change of the log is recorded: after the meeting it came from. */
const recorded = (date: string) => londonTime(date, '12:00');

/**
 * The challenge log as the business team kept it: each challenge logged the day it was raised,
 * and written again, with its response, outcome and impact, the day it closed.
 */
export function challengeSteps(): Step[] {
  return entries.flatMap(({ raised, closed }) => [
    { at: recorded(raised.raisedOn), commands: [{ type: 'challenge.upsert' as const, challenge: raised }] },
    ...(closed ? [{ at: recorded(closed.closedOn!), commands: [{ type: 'challenge.upsert' as const, challenge: { ...raised, ...closed } }] }] : []),
  ]);
}

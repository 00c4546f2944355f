import type { z } from 'zod';
import type { Review } from '../reviews/review.js';
import { londonTime, type Step } from './timeline.js';

type ReviewInput = z.input<typeof Review>;

/** Review ids of the example, which its actions' sources name. */
export const REVIEW = {
  babyEva: 'baby-eva',
  thematicSyv: 'thematic-review-syv',
} as const;

/**
 * The two practice reviews published in Q4 2023/24 whose recommendations 2024/25 completed
 * (actions answer them). Baby Eva was held by criminal proceedings
 * and finished late after them, for the reason recorded.
 */
const publishedPracticeReviews: readonly ReviewInput[] = [
  {
    id: REVIEW.babyEva,
    codename: 'Baby Eva',
    type: 'lcspr',
    notifiedOn: '2022-10-03',
    rapidReviewMeetingOn: '2022-10-20',
    decisionOn: '2022-10-24',
    panelToldOn: '2022-10-26',
    reviewer: 'Independent lead reviewer commissioned by the CSCP',
    holds: [{ kind: 'criminal', from: '2023-01-16', to: '2023-09-29' }],
    completedOn: '2024-01-25',
    lateReason: "The family's contributions could only be sought once the trial had ended.",
    publication: 'publish',
    publishedOn: '2024-02-29',
    themes: ['Fathers and connected carers', 'Normalised parental aggression', 'Information sharing across boundaries', 'GP safeguarding coding'],
    ageBand: 'babies-and-toddlers',
    recommendations: [
      { number: 1, text: 'Gather robust information on fathers and connected carers for risk assessment and referral.' },
      { number: 2, text: 'Share the findings with the out-of-area hospital and its LSCP.' },
      { number: 3, text: 'Seek assurance that agencies address normalised parental aggression and support staff facing vicarious trauma.' },
      { number: 4, text: 'Reinforce GP safeguarding coding and information sharing.' },
      { number: 5, text: 'Audit and monitor practice on information gathering about fathers and significant others.' },
    ],
  },
  {
    id: REVIEW.thematicSyv,
    codename: 'Thematic Review: SYV',
    type: 'thematic-review',
    decisionOn: '2023-03-20',
    panelToldOn: '2023-03-22',
    reviewer: 'Independent reviewer with the Young Scrutineer',
    completedOn: '2023-09-15',
    publication: 'publish',
    publishedOn: '2024-03-21',
    themes: ['Serious youth violence', 'Exploitation', 'Voice of the child'],
    ageBand: 'adolescents',
    recommendations: [
      { number: 1, text: 'Give the 11–25 Exploitation Group responsibility for delivering the recommendations.' },
      { number: 2, text: 'Evidence the 10 Key Principles (K.I.D.S. V.O.I.C.E.S.) across services, schools and panels.' },
      { number: 3, text: 'Help parents and carers find the right help at the right time.' },
      { number: 4, text: 'Inform the National Panel and publish the review with its resources.' },
    ],
  },
];

/** 2024/25's three cases of concern: no rapid review or LCSPR was needed that year. */
const casesOfConcern: readonly ReviewInput[] = [
  {
    id: 'case-of-concern-child-w',
    codename: 'Child W',
    type: 'case-of-concern',
    notifiedOn: '2024-06-10',
    themes: ['Domestic abuse', 'Parental mental health', 'Unexplained injury', 'Professional curiosity'],
    ageBand: 'babies-and-toddlers',
  },
  {
    id: 'case-of-concern-child-m',
    codename: 'Child M',
    type: 'case-of-concern',
    notifiedOn: '2024-10-07',
    themes: ['Moves between local authority areas', 'Information sharing', 'Substance misuse'],
    ageBand: 'babies-and-toddlers',
  },
  {
    id: 'case-of-concern-child-t',
    codename: 'Child T',
    type: 'case-of-concern',
    notifiedOn: '2025-01-20',
    themes: ['Exploitation', 'Information sharing', 'Professional curiosity'],
    ageBand: 'adolescents',
  },
];

/** The four briefings published in 2024/25 to influence system change and practice. */
const briefings: readonly ReviewInput[] = [
  { id: 'briefing-baby-eva', codename: 'Learning from Baby Eva: fathers and connected carers', publishedOn: '2024-05-16' },
  { id: 'briefing-syv', codename: 'Thematic Review SYV: the 10 Key Principles', publishedOn: '2024-07-11' },
  { id: 'briefing-positions-of-trust', codename: 'People in positions of trust: the Makin Review', publishedOn: '2024-11-21' },
  { id: 'briefing-cases-of-concern', codename: 'Cases of concern: information sharing and professional curiosity', publishedOn: '2025-02-27' },
].map((briefing) => ({ ...briefing, type: 'learning-briefing', publication: 'publish' }));

/**
 * The Review Group's register: the published reviews entered when the register was set up
 * (before the actions answering them), then each case of concern and briefing as it came.
 */
export function reviewSteps(): Step[] {
  const at = (review: ReviewInput) => londonTime(review.notifiedOn ?? review.publishedOn ?? '2024-03-04', '15:00');
  return [
    { at: londonTime('2024-03-04', '12:00'), commands: publishedPracticeReviews.map((review) => ({ type: 'review.upsert', review })) },
    ...[...casesOfConcern, ...briefings].map((review) => ({ at: at(review), commands: [{ type: 'review.upsert' as const, review }] })),
  ];
}

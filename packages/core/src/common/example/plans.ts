import type { z } from 'zod';
import type { BusinessPlan } from '../plan/plan.js';
import { londonTime, type Step } from './timeline.js';

type PlanInput = z.input<typeof BusinessPlan>;

/** Plan ids of the example. */
export const PLAN = {
  year2024: 'business-plan-2024-25',
  years2025to2027: 'business-plan-2025-27',
} as const;

/** Priority ids of the 2024/25 plan: its five areas of focus. */
export const PRIORITY_2024 = {
  familyResilience: 'family-resilience',
  earlyIntervention: 'early-intervention',
  neglect: 'neglect',
  seriousYouthViolence: 'serious-youth-violence',
  systemLearning: 'system-learning',
} as const;

/** Priority ids of the 2025–27 plan: the report's "Priorities for 2025–26". */
export const PRIORITY_2025 = {
  sharedValues: 'shared-values',
  wholeFamily: 'whole-family-approach',
  croydonLearning: 'croydon-learning',
  equitablePractice: 'equitable-practice',
  onlineHarm: 'online-harm',
  londonNeglect: 'london-neglect-priority',
  neglectStrategy: 'swl-neglect-strategy',
  suicideSelfHarm: 'suicide-self-harm-policy',
  childSexualAbuse: 'child-sexual-abuse-resources',
  digitalTools: 'digital-tools',
  trainingImpact: 'training-impact',
  escalation: 'escalation-consistency',
} as const;

/** The report's "What We Said / What We Delivered" table, all nine rows. */
const commitments2024: ReadonlyArray<readonly [said: string, delivered: string]> = [
  [
    'Strengthen MASH Practice and coordination',
    'A refreshed Multi-Agency Safeguarding Hub (MASH) Standing Operating Protocol was developed and published by the MASH Operational Group, under the oversight of the CSCP Executive. Regular triage meetings have been introduced, improving oversight of partnership referral quality, decision-making, timeliness and appropriate threshold application. Improvements to the MASH referral portal have improved the quality of referrals and enhanced the practitioner experience. The CSCP designed and delivered multiagency threshold and referral training which supported discussion as well as improved referrals',
  ],
  [
    'Deliver a high-impact Annual Conference',
    'The CSCP Annual Conference took place on 19 November 2024 in collaboration with local VCSE organisation Reaching Higher. The event focused on Contextual Safeguarding, drawing strong multi-agency attendance and receiving highly positive feedback from delegates. The next conference is scheduled for the same date in 2025, with the theme set to explore The Voice of the Child.',
  ],
  [
    'Support Early Help and Family Hub transformation programmes',
    'The CSCP has worked closely with strategic leads to ensure safeguarding standards are embedded within Early Help and Family Hub developments. This included advocating for a combined Early Help and Families Hub Strategy which is now being developed and supporting the THRIVE ambition for Croydon by ensuring the wider partnership is engaged and contributing to its creation.',
  ],
  [
    'Introduce a sustainable, fee-based training model',
    'A new learning management system (PHEW) has been implemented and is actively providing training and analytics. A tiered, fee-based model was introduced in July 2025 to support sustainability while maintaining free access to core safeguarding courses.',
  ],
  [
    'Align with the Impower Review to reduce duplication and maximise system integration',
    'The CSCP Business Team contributed to the Impower Review through workshop participation and by facilitating cross-partnership engagement, helping to streamline multi-agency structures and reduce duplication.',
  ],
  [
    'Publish the new CSCP arrangements in accordance with Working Together 2023',
    'The updated CSCP arrangements were published ahead of the national deadline, positioning Croydon as one of the first partnerships to meet this statutory requirement. The CSCP has been proactive and bold in its approach to adopting the new guidance to engage with the VCS and Faiths. Reaching Higher and Legacy are both members of the Quality Assurance Group and are regularly providing data to support an understanding of the risks and challenges to safeguard children in the borough. The impact can be seen in the increased invites for the VCS to CP and CIN reviews and a take up in the training offer.',
  ],
  [
    'Promote youth participation and accountability through Young Scrutineers',
    "The recruitment of Young Scrutineers was successfully completed in July 2024, enhancing the partnership's ability to embed youth voice in its scrutiny and assurance processes. Both the QA Group and the Executive have noted the value of their presence and challenge in meetings.",
  ],
  [
    'Refresh and promote Pre-Birth multi-agency guidance',
    'The multi-agency Pre-Birth Guidance was reviewed and relaunched, supporting consistent, early safeguarding responses to unborn and newborn children.',
  ],
  [
    'Improve strategic oversight of exploitation',
    'A network-wide meeting identified key themes evident in all-age safeguarding, which is now included in the annual report for Cabinet and Scrutiny. The 11–25 Exploitation Board is now embedded as business as usual, ensuring joined-up multi-agency responses. CSAB is leading on the development of an all-age Exploitation Strategy for 2025–26. The CSCP conducted an audit on the multi-agency response to diverting young people from exploitation.',
  ],
];

/** The 2024/25 plan as approved: what it said it would do, with "what we delivered" still to write. */
export const plan2024: PlanInput = {
  id: PLAN.year2024,
  name: 'CSCP Business Plan 2024/25',
  start: '2024-04-01',
  end: '2025-03-31',
  status: 'active',
  priorities: [
    { id: PRIORITY_2024.familyResilience, title: 'Family resilience', description: 'Fathers and connected carers, parenting support, the Family Hub model and pre-birth safeguarding.' },
    { id: PRIORITY_2024.earlyIntervention, title: 'Early intervention', description: 'MASH practice, thresholds and referrals, Early Help and Family Hub transformation.' },
    { id: PRIORITY_2024.neglect, title: 'Neglect', description: 'Neglect and domestic abuse, professional attendance at child protection conferences, children under 7.' },
    { id: PRIORITY_2024.seriousYouthViolence, title: 'Serious youth violence', description: 'Learning from the Thematic Review: SYV and the JTAI audits; the 11–25 exploitation response.' },
    { id: PRIORITY_2024.systemLearning, title: 'System learning', description: 'Working Together 2023 arrangements, PHEW, training, the conference, scrutiny and youth voice.' },
  ],
  commitments: commitments2024.map(([said]) => ({ said, delivered: null })),
};

/** The 2024/25 plan at year end: closed, with "what we delivered" written in. */
export const plan2024Closed: PlanInput = {
  ...plan2024,
  status: 'closed',
  commitments: commitments2024.map(([said, delivered]) => ({ said, delivered })),
};

/** The 2025–27 plan, its priorities taken from the report's list for 2025–26. */
export const plan2025: PlanInput = {
  id: PLAN.years2025to2027,
  name: 'CSCP Business Plan 2025–27',
  start: '2025-04-01',
  end: '2027-03-31',
  status: 'active',
  priorities: [
    { id: PRIORITY_2025.sharedValues, title: 'Embedding CSCP Shared Values' },
    { id: PRIORITY_2025.wholeFamily, title: 'Embedding a Whole Family Approach' },
    { id: PRIORITY_2025.croydonLearning, title: 'More Specific Croydon Learning' },
    { id: PRIORITY_2025.equitablePractice, title: 'Embedding Equitable Practice' },
    { id: PRIORITY_2025.onlineHarm, title: 'Brent LSCP use of their work via Independent Scrutineer to tackle online harm' },
    { id: PRIORITY_2025.londonNeglect, title: 'Neglect Priority of the London Safeguarding Partnerships' },
    { id: PRIORITY_2025.neglectStrategy, title: 'Publication of a multi-agency SWL Neglect Strategy' },
    { id: PRIORITY_2025.suicideSelfHarm, title: 'Publication of a Suicide/Self Harm Cluster Policy' },
    { id: PRIORITY_2025.childSexualAbuse, title: 'Creation/delivery of resources for tackling Child Sexual Abuse' },
    { id: PRIORITY_2025.digitalTools, title: 'Broader use of digital tools in front line practice (Magic Notes) and (podcasts)' },
    { id: PRIORITY_2025.trainingImpact, title: 'Evaluation of training impact and review learning uptake' },
    { id: PRIORITY_2025.escalation, title: 'Improved cross-agency consistency in escalation processes' },
  ],
  commitments: [],
};

/** The 2024/25 plan is approved in April 2024 and closed, with the 2025–27 plan approved, in April 2025. */
export function planSteps(): Step[] {
  return [
    { at: londonTime('2024-04-12', '09:00'), commands: [{ type: 'plan.upsert', plan: plan2024 }] },
    { at: londonTime('2025-04-15', '09:00'), commands: [{ type: 'plan.upsert', plan: plan2024Closed }, { type: 'plan.upsert', plan: plan2025 }] },
  ];
}

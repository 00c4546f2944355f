import type { z } from 'zod';
import type { Audit, AuditProgrammeSettings } from '../audits/audit.js';
import { AGENCY } from './agencies.js';
import { londonTime, type Step } from './timeline.js';

type AuditInput = z.input<typeof Audit>;

const A = AGENCY;

/** Audit ids of the example, which its actions' sources name. */
export const AUDIT = {
  seriousYouthViolence: 'jtai-preparation-serious-youth-violence',
  complexCases: 'swl-audit-complex-cases',
  conferenceAttendance: 'professional-attendance-at-child-protection-conferences',
  diversion: 'jtai-preparation-diversion-from-exploitation',
  domesticAbuseUnder7: 'jtai-preparation-domestic-abuse-children-under-7',
  domesticAbuseFollowUp: 'follow-up-audit-domestic-abuse-children-under-7',
  escalation: 'multi-agency-audit-use-of-escalation',
} as const;

/** The neurodivergence question the Dataset Meeting made mandatory in every audit (action A-30 added it to the template). */
const NEURODIVERGENCE = 'neurodivergence';

const programmeBefore: AuditProgrammeSettings = {
  standingQuestions: [],
  // JTAI preparation audits are multi-agency audits, counted towards the same target.
  targets: [{ types: ['multi-agency', 'jtai-preparation'], perYear: 3 }],
};

const programmeWithQuestion: AuditProgrammeSettings = {
  ...programmeBefore,
  standingQuestions: [
    {
      id: NEURODIVERGENCE,
      question: "Is the child neurodivergent (diagnosed, or awaiting assessment), and did each agency's work take account of it?",
      askedFrom: '2024-09-27',
      retiredOn: null,
    },
  ],
};

/**
 * The five audits of 2024/25, planned in March 2024, with the key learning and action plans the
 * annual report prints under "Impact of Audits" (its words, sorted into strengths and areas for
 * development; two misprints corrected: "Ack of" and "MARRAC"). The report prints each audit's
 * month on a timeline; the complex-cases audit's "Feb 2024" is taken as February 2025, the last
 * month of that timeline in the year reported. The report does not print the agencies taking
 * part, the number of cases or the answers to the neurodivergence question: those here are the
 * example's. Each audit was moderated in its month and signed off at the next QAG.
 */
const audits2024: readonly AuditInput[] = [
  {
    id: AUDIT.seriousYouthViolence,
    title: 'JTAI preparation: serious youth violence',
    type: 'jtai-preparation',
    plannedMonth: '2024-04',
    agencyIds: [A.police, A.childrensSocialCare, A.youthJustice, A.education, A.croydonHealth],
    moderatedOn: '2024-04-25',
    signedOffOn: '2024-06-20',
    strengths: ['Evidence of engagement by key partners was strong where risk was high/complex, particularly Police/CSC.'],
    areasForDevelopment: [
      'Process for JTAI audits requires attention.',
      'Significant resources in YJS, which if available before they entered the system, may have prevented harm/criminalisation.',
      'Geographic moves increase risk of a loss of relationships and poor information sharing.',
      'The apparent correlation between children at risk of SYV who also present with SEND or neurodiversity needs attention',
    ],
    actionPlan: [
      { number: 1, text: 'CSCP Business team made changes to process (and invested in PHEW) to support better audits.', completedOn: '2024-07-26' },
      { number: 2, text: 'Multi-agency safety planning template was created to support better information sharing.' },
      { number: 3, text: 'Benchmarking Croydon v JTAI findings report in progress' },
    ],
  },
  {
    id: AUDIT.conferenceAttendance,
    title: 'Professional attendance at child protection conferences',
    type: 'multi-agency',
    plannedMonth: '2024-08',
    agencyIds: [A.childrensSocialCare, A.police, A.icb, A.croydonHealth, A.education],
    moderatedOn: '2024-08-29',
    signedOffOn: '2024-10-17',
    areasForDevelopment: ['Robust data held by all agencies to evidence their attendance/report quality needs attention.', 'Challenges securing GP attendance needs further attention.'],
    actionPlan: [
      { number: 1, text: 'Enhancements to data capture to enable appropriate challenge for future audits.' },
      { number: 2, text: 'Complexities for GPs to attend meetings were explored separately.' },
      { number: 3, text: 'Awareness raising at Education forums completed.' },
    ],
  },
  {
    id: AUDIT.diversion,
    title: 'JTAI preparation: diversion from exploitation',
    type: 'jtai-preparation',
    plannedMonth: '2024-11',
    agencyIds: [A.childrensSocialCare, A.police, A.youthJustice, A.education, A.voluntarySector],
    moderatedOn: '2024-11-28',
    signedOffOn: '2025-01-23',
    standingAnswers: [{ questionId: NEURODIVERGENCE, answer: 'Asked for every child audited; where a child was awaiting assessment, few plans said how the wait was taken into account.' }],
    strengths: [],
    areasForDevelopment: [
      'Information sharing: particularly when families/children are hard to reach.',
      'Collaboration challenges: ensuring the right professionals are working with the child/family, underutilisation of the VCS',
      "Workforce capacity to be consistent and the understanding other professional's roles/offer.",
      'Effective consideration of the Voice of the Child',
    ],
    actionPlan: [
      { number: 1, text: 'Training to be created to cover cultural awareness and adultification with appropriate advocacy for attendance.' },
      { number: 2, text: '11-25 Board to develop its KPIs to evidence impact of strategy.' },
      { number: 3, text: 'Strengthen links between Family Hubs/VCS' },
      { number: 4, text: 'Influence and advocate the commissioning of Early Help Services' },
    ],
  },
  {
    id: AUDIT.domesticAbuseUnder7,
    title: 'JTAI preparation: domestic abuse – children under 7 years old',
    type: 'jtai-preparation',
    plannedMonth: '2024-12',
    agencyIds: [A.childrensSocialCare, A.police, A.croydonHealth, A.education, A.housing],
    moderatedOn: '2024-12-12',
    signedOffOn: '2025-01-23',
    standingAnswers: [{ questionId: NEURODIVERGENCE, answer: 'Asked for every child audited; most were too young for an assessment, and no agency recorded developmental concerns consistently.' }],
    strengths: ['Some excellent resources/programs (eg: Restart and specific schools)'],
    areasForDevelopment: [
      'Training and Competency of professionals is variable.',
      'Housing services absent from panels and opportunities to collaborate on plans for children affected by domestic abuse.',
      'Information sharing quality is variable and impacted by the use of different systems.',
      'Challenge of evidencing voice of the child when under two/unborn.',
      'Lack of evidence of resources to support children at risk of domestic abuse who are under 7.',
    ],
    actionPlan: [
      { number: 1, text: 'Standardised DA training to be developed.' },
      { number: 2, text: 'Audit dip sampling to test quality of referrals.' },
      { number: 3, text: 'Advocate for a dedicated Housing lead to support MARAC/Child Protection panels.' },
      { number: 4, text: 'A follow up audit to test the quality of resources to support children at risk of domestic abuse' },
    ],
  },
  {
    id: AUDIT.complexCases,
    title: 'SWL audit: complex cases',
    type: 'multi-agency',
    plannedMonth: '2025-02',
    agencyIds: [A.icb, A.childrensSocialCare, A.slam],
    moderatedOn: '2025-02-20',
    signedOffOn: '2025-06-19',
    standingAnswers: [{ questionId: NEURODIVERGENCE, answer: 'Undiagnosed neurodiversity was one of the six key themes.' }],
    strengths: ['Despite these challenges, positive outcomes were identified in education, safety, relationships, and mental health'],
    areasForDevelopment: [
      'Six key themes emerged: ongoing sufficiency challenges leading to out-of-borough placements, undiagnosed mental health conditions and neurodiversity, and high levels of social isolation, with 72% of children reporting limited peer relationships as a result of their placement.',
    ],
    actionPlan: [{ number: 1, text: 'Creation of 3 workstreams to follow up and formalise pilot complex needs panels and framework across SWL.', handedTo: 'South West London ICB' }],
  },
];

/** The planned programme as it stood in March 2024: the five audits with their months and agencies, nothing yet done. */
const planned = (audit: AuditInput): AuditInput => ({
  id: audit.id,
  title: audit.title,
  type: audit.type,
  plannedMonth: audit.plannedMonth,
  agencyIds: audit.agencyIds ?? [],
});

/**
 * The audits after 2024/25 that the 2025–27 plan's actions name: the follow-up audit the domestic
 * abuse audit's action plan asked for (action B-20), and the audit of escalation (B-34).
 */
const laterAudits: readonly AuditInput[] = [
  {
    id: AUDIT.domesticAbuseFollowUp,
    title: 'Follow-up audit: resources for children under 7 at risk of domestic abuse',
    type: 'multi-agency',
    plannedMonth: '2026-01',
    agencyIds: [A.childrensSocialCare, A.police, A.croydonHealth, A.housing],
  },
  {
    id: AUDIT.escalation,
    title: 'Multi-agency audit: the use of escalation',
    type: 'multi-agency',
    plannedMonth: '2026-08',
    agencyIds: [A.childrensSocialCare, A.police, A.icb, A.education, A.housing],
  },
];

/** The moment each audit's moderation (with its learning and action plan) and its sign-off were recorded. */
function progressSteps(audit: AuditInput): Step[] {
  const moderated = { ...audit, signedOffOn: null };
  return [
    { at: londonTime(audit.moderatedOn!, '17:00'), commands: [{ type: 'audit.upsert', audit: moderated }] },
    { at: londonTime(audit.signedOffOn!, '16:30'), commands: [{ type: 'audit.upsert', audit }] },
  ];
}

/**
 * The Quality Assurance Group's programme: planned in March 2024 with the target of three
 * multi-agency audits a year; the neurodivergence question added when the template changed;
 * each audit moderated and signed off as it happened; the later audits planned with the 2025–27
 * business plan and recorded as they were done.
 */
export function auditSteps(): Step[] {
  const followUp = laterAudits[0]!;
  const escalation = laterAudits[1]!;
  return [
    {
      at: londonTime('2024-03-21', '10:00'),
      commands: [{ type: 'auditProgramme.set', programme: programmeBefore }, ...audits2024.map((audit) => ({ type: 'audit.upsert' as const, audit: planned(audit) }))],
    },
    { at: londonTime('2024-09-27', '12:00'), commands: [{ type: 'auditProgramme.set', programme: programmeWithQuestion }] },
    ...audits2024.flatMap(progressSteps),
    { at: londonTime('2025-03-27', '10:00'), commands: laterAudits.map((audit) => ({ type: 'audit.upsert' as const, audit })) },
    {
      at: londonTime('2026-01-22', '16:30'),
      commands: [
        {
          type: 'audit.upsert',
          audit: {
            ...followUp,
            cases: 12,
            moderatedOn: '2026-01-15',
            signedOffOn: '2026-01-22',
            standingAnswers: [{ questionId: NEURODIVERGENCE, answer: 'Two of the 12 children were awaiting a neurodevelopmental assessment; both plans said so.' }],
            strengths: ['A dedicated Housing lead now attends MARAC and child protection panels.', 'Standardised domestic abuse training is reaching early years practitioners.'],
            areasForDevelopment: ['Resources for children under 7 remain uneven across Family Hubs.'],
          },
        },
      ],
    },
    {
      at: londonTime('2026-10-15', '16:30'),
      commands: [
        {
          type: 'audit.upsert',
          audit: {
            ...escalation,
            cases: 20,
            moderatedOn: '2026-09-11',
            signedOffOn: '2026-10-15',
            standingAnswers: [{ questionId: NEURODIVERGENCE, answer: 'Recorded for 18 of the 20 children; escalations rarely mentioned it.' }],
            strengths: ['Escalations reached a resolution at stage 1 in most cases.'],
            areasForDevelopment: ['Few agencies record why an escalation was closed.'],
          },
        },
      ],
    },
  ];
}

import type { z } from 'zod';
import type { Inspection } from '../inspections/inspection.js';
import type { BusinessPlan } from '../plan/plan.js';
import type { CommandInput } from '../store/commands.js';
import { AGENCY } from './agencies.js';
import { PERSON } from './people.js';
import { londonTime, type Step } from './timeline.js';

const A = AGENCY;
const P = PERSON;

/** Ids of the example's inspections, which their actions' sources name. */
export const INSPECTION = {
  jtai2016: 'jtai-2016-child-sexual-exploitation-and-missing',
} as const;

/** The plan that tracked the 2016 written statement of action, closed once its actions were done. */
export const STATEMENT_PLAN_2016 = 'jtai-2016-written-statement-of-action';

/**
 * An earlier inspection: the 2016 joint targeted area inspection of the response to child sexual
 * exploitation and children missing from home, care or education. Its letter of 29 June 2016 asked
 * for a written statement of action within 70 working days: by 6 October 2016, when it was sent.
 * The findings and actions are the example's, named by role like everything in it.
 */
const jtai2016: z.input<typeof Inspection> = {
  id: INSPECTION.jtai2016,
  title: 'JTAI: child sexual exploitation and children missing from home, care or education',
  type: 'jtai',
  inspectorates: ['ofsted', 'cqc', 'hmicfrs', 'hmi-probation'],
  onSiteFrom: '2016-06-06',
  onSiteTo: '2016-06-10',
  letterOn: '2016-06-29',
  statementRequired: true,
  statementWorkingDays: 70,
  statementSubmittedOn: '2016-10-06',
  strengths: [
    { theme: 'Leadership and governance', text: 'Leaders share a clear commitment to tackling child sexual exploitation.' },
    { theme: 'The front door', text: 'The MASH shares information quickly when a child goes missing.' },
  ],
  areas: [
    { number: 1, theme: 'Children who go missing', text: 'Return home interviews are not offered consistently, and what children say is not used to plan for their safety.', leadAgencyIds: [A.childrensSocialCare] },
    { number: 2, theme: 'Information sharing', text: 'Health professionals are not consistently part of strategy discussions about children at risk of exploitation.', leadAgencyIds: [A.croydonHealth, A.icb] },
    { number: 3, theme: 'Children missing education', text: 'The board has no full picture of children missing education and their risk of exploitation.', leadAgencyIds: [A.education] },
    { number: 4, theme: 'Recording risk', text: 'Police records of missing children do not always say whether the child may be at risk of sexual exploitation.', leadAgencyIds: [A.police] },
  ],
};

const statementPlan: z.input<typeof BusinessPlan> = {
  id: STATEMENT_PLAN_2016,
  name: 'JTAI 2016: written statement of action',
  start: '2016-10-06',
  end: '2017-09-29',
  status: 'closed',
};

const DONE = 'Completed in 2017 under the written statement of action; recorded when the register was set up.';

function areaAction(ref: string, area: number, title: string, ownerId: string, leadAgencyId: string, due: string): CommandInput {
  return {
    type: 'action.create',
    action: {
      ref,
      planId: STATEMENT_PLAN_2016,
      title,
      ownerId,
      leadAgencyId,
      due,
      status: 'complete',
      progress: 100,
      source: { kind: 'inspection', reference: `JTAI 2016, area for improvement ${area}`, recordId: INSPECTION.jtai2016, item: area },
      note: DONE,
    },
  };
}

/**
 * The inspections register, set up with the other registers in March 2024: the 2016 JTAI, the
 * plan its written statement of action became, and the actions (each with its lead agency) that
 * answered each area for improvement.
 */
export function inspectionSteps(): Step[] {
  return [
    {
      at: londonTime('2024-03-04', '16:00'),
      commands: [
        { type: 'inspection.upsert', inspection: jtai2016 },
        { type: 'plan.upsert', plan: statementPlan },
        areaAction('W-1', 1, 'Offer every child a return home interview within 72 hours and use it in their safety plan', P.socialCareHead, A.childrensSocialCare, '2017-03-31'),
        areaAction('W-2', 2, 'Invite health to every strategy discussion about a child at risk of exploitation', P.croydonHealthNamedNurse, A.croydonHealth, '2017-01-31'),
        areaAction('W-3', 2, "Add exploitation and missing children to GP practices' safeguarding training", P.icbDesignatedNurse, A.icb, '2017-06-30'),
        areaAction('W-4', 3, 'Report children missing education, and their risk of exploitation, to the board each quarter', P.educationHead, A.education, '2017-03-31'),
        areaAction('W-5', 4, 'Record the risk of sexual exploitation on every missing-person report', P.policeInspector, A.police, '2016-12-31'),
      ],
    },
  ];
}

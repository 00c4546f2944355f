import type { z } from 'zod';
import type { Membership, Subgroup } from '../subgroups/subgroup.js';
import { AGENCY } from './agencies.js';
import { PERSON } from './people.js';
import { londonTime, type Step } from './timeline.js';

type MembershipInput = z.input<typeof Membership>;
type SubgroupInput = z.input<typeof Subgroup>;

/** Subgroup ids of the example. */
export const SUBGROUP = {
  executive: 'executive',
  review: 'review-group',
  qualityAssurance: 'quality-assurance-group',
  editorial: 'editorial-group',
} as const;

type GroupKey = 'Editorial' | 'Review' | 'QAG';

/**
 * Each agency's subgroups in the order of the report's "groups" column, which is the order in
 * which it joined them: the first listed is the one it joined first.
 */
const joiningOrder: ReadonlyArray<readonly [agencyId: string, groups: readonly GroupKey[]]> = [
  [AGENCY.chair, ['Editorial', 'Review', 'QAG']],
  [AGENCY.scrutineer, ['Review', 'QAG']],
  [AGENCY.qualityAssurance, ['Editorial', 'Review', 'QAG']],
  [AGENCY.childrensSocialCare, ['Editorial', 'Review', 'QAG']],
  [AGENCY.education, ['Editorial', 'Review', 'QAG']],
  [AGENCY.youthJustice, ['Review', 'QAG']],
  [AGENCY.housing, ['Editorial', 'Review', 'QAG']],
  [AGENCY.croydonHealth, ['Editorial', 'Review', 'QAG']],
  [AGENCY.icb, ['Editorial', 'Review', 'QAG']],
  [AGENCY.police, ['Editorial', 'Review', 'QAG']],
  [AGENCY.publicHealth, ['Review']],
  [AGENCY.slam, ['Editorial', 'Review', 'QAG']],
  [AGENCY.cultureCommunitySafety, ['QAG']],
  [AGENCY.colleges, ['QAG']],
  [AGENCY.commissioning, ['QAG']],
  [AGENCY.probation, ['QAG']],
  [AGENCY.voluntarySector, ['QAG', 'Editorial']],
];

/** When an agency joined its first, second and third subgroup (all before 2024/25). */
const joinDates: Readonly<Record<string, readonly string[]>> = {
  default: ['2019-09-29', '2021-04-01', '2022-09-01'],
  // Housing and the voluntary sector came to the table later, after Executive challenge.
  [AGENCY.housing]: ['2022-04-01', '2023-01-09', '2023-06-01'],
  [AGENCY.voluntarySector]: ['2023-09-01', '2023-11-06'],
  [AGENCY.cultureCommunitySafety]: ['2021-04-01'],
};

/** Agencies that send two representatives to a subgroup. */
const twoSeats: Readonly<Record<GroupKey, readonly string[]>> = {
  Review: [],
  QAG: [AGENCY.qualityAssurance, AGENCY.childrensSocialCare, AGENCY.education],
  Editorial: [AGENCY.education, AGENCY.croydonHealth, AGENCY.slam, AGENCY.voluntarySector],
};

function membersOf(group: GroupKey): MembershipInput[] {
  return joiningOrder
    .filter(([, groups]) => groups.includes(group))
    .map(([agencyId, groups]) => ({
      agencyId,
      joined: (joinDates[agencyId] ?? joinDates.default!)[groups.indexOf(group)]!,
      expectedRepresentatives: twoSeats[group].includes(agencyId) ? 2 : 1,
    }));
}

/** The Executive and the three subgroups whose engagement the annual report publishes. */
export const subgroups: readonly SubgroupInput[] = [
  {
    id: SUBGROUP.executive,
    name: 'CSCP Executive',
    shortName: 'Executive',
    kind: 'executive',
    chairId: PERSON.councilDirector,
    deputyChairId: PERSON.icbChiefNurse,
    cadence: 'quarterly',
    members: [AGENCY.council, AGENCY.icb, AGENCY.police].map((agencyId) => ({ agencyId, joined: '2019-09-29' })),
    quorum: { minAgencies: 3, statutoryPartnersRequired: true },
    maintains: ['inspections'],
  },
  {
    id: SUBGROUP.review,
    name: 'Review Group',
    shortName: 'Review',
    chairId: PERSON.chair,
    deputyChairId: PERSON.qualityAssuranceHead,
    cadence: 'quarterly',
    members: membersOf('Review'),
    quorum: { minAgencies: 5, statutoryPartnersRequired: true },
    maintains: ['reviews'],
  },
  {
    id: SUBGROUP.qualityAssurance,
    name: 'Quality Assurance Group',
    shortName: 'QAG',
    chairId: PERSON.chair,
    deputyChairId: PERSON.croydonHealthNamedNurse,
    cadence: 'termly',
    members: membersOf('QAG'),
    quorum: { minAgencies: 6, statutoryPartnersRequired: true },
    maintains: ['audits'],
  },
  {
    id: SUBGROUP.editorial,
    name: 'Editorial Group',
    shortName: 'Editorial',
    chairId: PERSON.chair,
    deputyChairId: PERSON.educationHead,
    cadence: 'twice-yearly',
    members: membersOf('Editorial'),
    quorum: { minAgencies: 4, statutoryPartnersRequired: false },
  },
];

/** The subgroups are set up with the register, before 2024/25. */
export function subgroupSteps(): Step[] {
  return [{ at: londonTime('2024-03-04', '11:00'), commands: subgroups.map((subgroup) => ({ type: 'subgroup.upsert', subgroup })) }];
}

import type { z } from 'zod';
import type { Contribution, Expenditure } from '../funding/funding.js';
import { AGENCY } from './agencies.js';
import { londonTime, type Step } from './timeline.js';

type ContributionInput = z.input<typeof Contribution>;
type ExpenditureInput = z.input<typeof Expenditure>;

const pounds = (amount: number): number => amount * 100;

interface IncomeLine {
  readonly key: string;
  readonly agencyId?: string;
  readonly source?: string;
  /** The line as the report prints it, when it is not the agency's name. */
  readonly label?: string;
  readonly pounds: number;
  readonly state?: 'pledged' | 'received';
}

function contributions(year: string, lines: readonly IncomeLine[]): ContributionInput[] {
  return lines.map((line) => ({
    id: `income-${year.replace('/', '-')}-${line.key}`,
    financialYear: year,
    agencyId: line.agencyId ?? null,
    source: line.source ?? null,
    label: line.label ?? null,
    amountPence: pounds(line.pounds),
    state: line.state ?? 'received',
  }));
}

function expenditure(year: string, lines: ReadonlyArray<readonly [category: string, amount: number]>): ExpenditureInput[] {
  return lines.map(([category, amount], index) => ({
    id: `spend-${year.replace('/', '-')}-${index + 1}`,
    financialYear: year,
    category,
    amountPence: pounds(amount),
  }));
}

/** 2024/25 income, line for line as the annual report publishes it (total £420,603). */
export const income2024: readonly ContributionInput[] = contributions('2024/25', [
  { key: 'council', agencyId: AGENCY.council, pounds: 311_609 },
  { key: 'icb', agencyId: AGENCY.icb, label: 'Croydon ICB', pounds: 33_850 },
  { key: 'croydon-health', agencyId: AGENCY.croydonHealth, pounds: 33_850 },
  { key: 'slam', agencyId: AGENCY.slam, label: 'South London and Maudsley', pounds: 13_540 },
  { key: 'phew', source: 'Income from PHEW platform', pounds: 12_054 },
  { key: 'police-mopac', agencyId: AGENCY.police, label: 'Met Police (MOPAC)', pounds: 5_000 },
  { key: 'police-south-bcu', agencyId: AGENCY.police, label: 'Met Police (South BCU)', pounds: 5_000 },
  { key: 'probation', agencyId: AGENCY.probation, pounds: 3_741 },
  { key: 'reaching-higher', agencyId: AGENCY.reachingHigher, label: 'Reaching Higher (contribution to conference costs)', pounds: 1_959 },
]);

/** 2024/25 expenditure, line for line as the annual report publishes it (total £420,603). */
export const expenditure2024: readonly ExpenditureInput[] = expenditure('2024/25', [
  ['Staff & related costs', 372_189],
  ['Independent Scrutineer costs', 24_740],
  ['CSCP training provided', 9_323],
  ['Other IT costs (Adobe licences / PHEW licence)', 6_650],
  ['CSCP conference costs (2024 & 2025)', 5_838],
  ['TASP membership', 825],
  ['Mailroom stationery supplies CSCP branding', 818],
  ['Safeguarding practice reviews', 220],
]);

/**
 * 2023/24, invented but plausible: no PHEW income yet, one police contribution, the one-off
 * Working Together 2023 grant that bought PHEW, and two practice reviews to pay for.
 */
export const income2023: readonly ContributionInput[] = contributions('2023/24', [
  { key: 'council', agencyId: AGENCY.council, pounds: 305_000 },
  { key: 'icb', agencyId: AGENCY.icb, label: 'Croydon ICB', pounds: 33_850 },
  { key: 'croydon-health', agencyId: AGENCY.croydonHealth, pounds: 33_850 },
  { key: 'slam', agencyId: AGENCY.slam, label: 'South London and Maudsley', pounds: 13_540 },
  { key: 'police-mopac', agencyId: AGENCY.police, label: 'Met Police (MOPAC)', pounds: 5_000 },
  { key: 'probation', agencyId: AGENCY.probation, pounds: 3_741 },
  { key: 'dfe-grant', source: 'DfE Working Together 2023 implementation grant', pounds: 15_000 },
]);

/** 2023/24 expenditure, invented but plausible. */
export const expenditure2023: readonly ExpenditureInput[] = expenditure('2023/24', [
  ['Staff & related costs', 330_000],
  ['Independent Scrutineer costs', 24_000],
  ['CSCP training provided', 12_500],
  ['Other IT costs (Adobe licences / PHEW licence)', 17_100],
  ['CSCP conference costs (2024 & 2025)', 4_900],
  ['TASP membership', 825],
  ['Mailroom stationery supplies CSCP branding', 640],
  ['Safeguarding practice reviews', 16_400],
]);

/** 2025/26 as first pledged in April 2025; most lines were received later in the year. */
export const pledges2025: readonly ContributionInput[] = contributions('2025/26', [
  { key: 'council', agencyId: AGENCY.council, pounds: 296_000, state: 'pledged' },
  { key: 'icb', agencyId: AGENCY.icb, label: 'Croydon ICB', pounds: 33_850, state: 'pledged' },
  { key: 'croydon-health', agencyId: AGENCY.croydonHealth, pounds: 33_850, state: 'pledged' },
  { key: 'slam', agencyId: AGENCY.slam, label: 'South London and Maudsley', pounds: 13_540, state: 'pledged' },
  { key: 'phew', source: 'Income from PHEW platform', pounds: 18_500, state: 'pledged' },
  { key: 'police-mopac', agencyId: AGENCY.police, label: 'Met Police (MOPAC)', pounds: 5_000, state: 'pledged' },
  { key: 'police-south-bcu', agencyId: AGENCY.police, label: 'Met Police (South BCU)', pounds: 5_000, state: 'pledged' },
  { key: 'probation', agencyId: AGENCY.probation, pounds: 3_741, state: 'pledged' },
]);

/** When each 2025/26 pledge arrived; the ICB's and South BCU's are still outstanding. */
const received2025: ReadonlyArray<readonly [key: string, date: string]> = [
  ['council', '2025-05-30'],
  ['croydon-health', '2025-07-11'],
  ['slam', '2025-09-19'],
  ['police-mopac', '2025-10-03'],
  ['probation', '2025-11-14'],
  ['phew', '2026-04-17'],
];

/** 2026/27 pledges, recorded in April 2026; the council's and Croydon Health's have arrived. */
export const pledges2026: readonly ContributionInput[] = contributions('2026/27', [
  { key: 'council', agencyId: AGENCY.council, pounds: 288_000, state: 'received' },
  { key: 'icb', agencyId: AGENCY.icb, label: 'Croydon ICB', pounds: 30_000, state: 'pledged' },
  { key: 'croydon-health', agencyId: AGENCY.croydonHealth, pounds: 33_850, state: 'received' },
  { key: 'slam', agencyId: AGENCY.slam, label: 'South London and Maudsley', pounds: 13_540, state: 'pledged' },
  { key: 'police-mopac', agencyId: AGENCY.police, label: 'Met Police (MOPAC)', pounds: 5_000, state: 'pledged' },
  { key: 'probation', agencyId: AGENCY.probation, pounds: 3_741, state: 'pledged' },
]);

/** The business team records each year's accounts after year end, and pledges as they come. */
export function fundingSteps(): Step[] {
  const record = (date: string, items: readonly ContributionInput[], spend: readonly ExpenditureInput[] = []): Step => ({
    at: londonTime(date, '15:00'),
    commands: [
      ...items.map((contribution) => ({ type: 'contribution.upsert' as const, contribution })),
      ...spend.map((expenditure) => ({ type: 'expenditure.upsert' as const, expenditure })),
    ],
  });
  const steps = [
    record('2024-04-26', income2023, expenditure2023),
    record('2025-04-30', income2024, expenditure2024),
    record('2025-04-30', pledges2025),
  ];
  for (const [key, date] of received2025) {
    const pledge = pledges2025.find((c) => c.id === `income-2025-26-${key}`)!;
    steps.push(record(date, [{ ...pledge, state: 'received' }]));
  }
  steps.push(record('2026-04-24', pledges2026));
  return steps;
}

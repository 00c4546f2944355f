import type { z } from 'zod';
import type { Meeting } from '../meetings/meeting.js';
import { SUBGROUP } from './subgroups.js';
import { londonTime, type Step } from './timeline.js';

type MeetingInput = z.input<typeof Meeting>;

/** A meeting in the calendar, in London wall-clock time. */
export interface MeetingPlan {
  readonly id: string;
  readonly subgroupId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  /** Called off before it took place: it has no register. */
  readonly cancelled?: { readonly on: string; readonly reason: string };
  /** Booked later than the rest of the year's calendar (a rearranged meeting). */
  readonly booked?: string;
  readonly title?: string;
}

const EXECUTIVE_VENUE = 'Bernard Weatherill House, 8 Mint Walk, Croydon CR0 1EA';

const slot = {
  [SUBGROUP.executive]: ['09:30', '11:30'],
  [SUBGROUP.review]: ['10:00', '12:00'],
  [SUBGROUP.qualityAssurance]: ['13:30', '16:00'],
  [SUBGROUP.editorial]: ['14:00', '15:30'],
} as const;

function meeting(subgroupId: keyof typeof slot, date: string, extra: Partial<MeetingPlan> = {}): MeetingPlan {
  const [start, end] = slot[subgroupId];
  return { id: `${subgroupId}-${date}`, subgroupId, date, start, end, ...extra };
}

/**
 * The calendar, by financial year. 2024/25 is what the annual report's percentages imply:
 * 4 Executive, 4 Review Group, 3 QAG and 2 Editorial Group meetings. 2026/27 runs to March 2027;
 * the example's history stops in November 2026, so the later meetings are still to come.
 */
export const calendar: Readonly<Record<'2024/25' | '2025/26' | '2026/27', readonly MeetingPlan[]>> = {
  '2024/25': [
    meeting(SUBGROUP.review, '2024-05-14'),
    meeting(SUBGROUP.executive, '2024-06-04'),
    meeting(SUBGROUP.qualityAssurance, '2024-06-20'),
    meeting(SUBGROUP.editorial, '2024-07-09'),
    meeting(SUBGROUP.review, '2024-09-10'),
    meeting(SUBGROUP.executive, '2024-09-24'),
    meeting(SUBGROUP.qualityAssurance, '2024-10-17'),
    meeting(SUBGROUP.review, '2024-11-26'),
    meeting(SUBGROUP.executive, '2024-12-10'),
    meeting(SUBGROUP.editorial, '2025-01-14'),
    meeting(SUBGROUP.qualityAssurance, '2025-01-23'),
    meeting(SUBGROUP.review, '2025-02-11'),
    meeting(SUBGROUP.executive, '2025-03-18'),
  ],
  '2025/26': [
    meeting(SUBGROUP.review, '2025-05-13'),
    meeting(SUBGROUP.executive, '2025-06-17'),
    meeting(SUBGROUP.qualityAssurance, '2025-06-19'),
    meeting(SUBGROUP.editorial, '2025-07-08'),
    meeting(SUBGROUP.review, '2025-09-09'),
    meeting(SUBGROUP.executive, '2025-09-23'),
    meeting(SUBGROUP.qualityAssurance, '2025-10-16'),
    meeting(SUBGROUP.review, '2025-11-25'),
    meeting(SUBGROUP.executive, '2025-12-16'),
    meeting(SUBGROUP.editorial, '2026-01-13'),
    meeting(SUBGROUP.qualityAssurance, '2026-01-22'),
    meeting(SUBGROUP.review, '2026-02-10'),
    meeting(SUBGROUP.executive, '2026-03-17'),
  ],
  '2026/27': [
    meeting(SUBGROUP.review, '2026-05-12'),
    meeting(SUBGROUP.executive, '2026-06-16'),
    meeting(SUBGROUP.qualityAssurance, '2026-06-18'),
    meeting(SUBGROUP.editorial, '2026-07-14'),
    meeting(SUBGROUP.review, '2026-09-08', { cancelled: { on: '2026-09-01', reason: 'chair unavailable' } }),
    meeting(SUBGROUP.executive, '2026-09-22'),
    meeting(SUBGROUP.review, '2026-09-29', { booked: '2026-09-01', title: 'Review Group (rearranged from 8 September)' }),
    meeting(SUBGROUP.qualityAssurance, '2026-10-15'),
    meeting(SUBGROUP.review, '2026-11-24'),
    meeting(SUBGROUP.executive, '2026-12-15'),
    meeting(SUBGROUP.editorial, '2027-01-12'),
    meeting(SUBGROUP.qualityAssurance, '2027-01-21'),
    meeting(SUBGROUP.review, '2027-02-09'),
    meeting(SUBGROUP.executive, '2027-03-16'),
  ],
};

/** Every meeting of the example, in date order. */
export const allMeetings: readonly MeetingPlan[] = Object.values(calendar).flat();

/** The meeting record as the store holds it: UTC instants, a venue or a Teams link. */
export function meetingRecord(plan: MeetingPlan): MeetingInput {
  const inPerson = plan.subgroupId === SUBGROUP.executive;
  return {
    id: plan.id,
    subgroupId: plan.subgroupId,
    title: plan.title ?? null,
    start: londonTime(plan.date, plan.start),
    end: londonTime(plan.date, plan.end),
    location: inPerson ? EXECUTIVE_VENUE : null,
    link: inPerson ? null : `https://teams.cscp.example/meet/${plan.id}`,
    status: 'scheduled',
  };
}

/** Each year's calendar is booked in March; a rearranged meeting when it is rearranged. */
export function meetingSteps(): Step[] {
  const booking: Record<keyof typeof calendar, string> = { '2024/25': '2024-03-11', '2025/26': '2025-03-10', '2026/27': '2026-03-09' };
  const steps: Step[] = [];
  for (const [year, plans] of Object.entries(calendar) as [keyof typeof calendar, readonly MeetingPlan[]][]) {
    const regular = plans.filter((p) => p.booked === undefined);
    steps.push({ at: londonTime(booking[year], '14:00'), commands: regular.map((p) => ({ type: 'meeting.upsert', meeting: meetingRecord(p) })) });
    for (const plan of plans) {
      if (plan.booked !== undefined) {
        steps.push({ at: londonTime(plan.booked, '09:15'), commands: [{ type: 'meeting.upsert', meeting: meetingRecord(plan) }] });
      }
      if (plan.cancelled !== undefined) {
        steps.push({ at: londonTime(plan.cancelled.on, '09:00'), commands: [{ type: 'meeting.setStatus', meetingId: plan.id, status: 'cancelled' }] });
      }
    }
  }
  return steps;
}

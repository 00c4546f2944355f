import type { z } from 'zod';
import type { BookingOutcome, ElearningResult, TrainingBaseline, TrainingBooking, TrainingCourse } from '../training/training.js';
import { AGENCY } from './agencies.js';
import { londonTime, type Step } from './timeline.js';

type CourseInput = z.input<typeof TrainingCourse>;
type BookingInput = z.input<typeof TrainingBooking>;
type ResultInput = z.input<typeof ElearningResult>;
type BaselineInput = z.input<typeof TrainingBaseline>;

/**
 * The eleven core courses of 2024/25 with their live-session outcomes (attended, no-shows,
 * cancelled by the attendee): 310, 96 and 88 over the year, Level 3 and Child Neglect the most
 * attended, as the annual report says.
 */
const COURSES: ReadonlyArray<readonly [id: string, title: string, attended: number, noShows: number, cancelled: number]> = [
  ['level-3-safeguarding', 'Level 3 Multi-Agency Safeguarding', 60, 14, 12],
  ['child-neglect', 'Child Neglect: Recognising and Responding', 52, 12, 11],
  ['thresholds-and-referrals', 'Thresholds and Referrals to the MASH', 30, 10, 9],
  ['contextual-safeguarding', 'Contextual Safeguarding and Exploitation', 28, 9, 8],
  ['domestic-abuse', 'Domestic Abuse and its Impact on Children', 27, 9, 8],
  ['adolescent-suicide', 'Adolescent Suicide and Self-Harm', 24, 8, 8],
  ['fathers-and-carers', 'Working with Fathers and Connected Carers', 18, 7, 6],
  ['harmful-sexual-behaviour', 'Harmful Sexual Behaviour', 20, 8, 7],
  ['safer-recruitment', 'Safer Recruitment', 16, 6, 6],
  ['professional-curiosity', 'Professional Curiosity: Learning from Reviews', 19, 7, 7],
  ['pre-birth', 'Pre-Birth Safeguarding', 16, 6, 6],
];

/** Sessions the trainers called off for too few sign-ups: course, day, bookings on it (32 in all). */
const CANCELLED_SESSIONS: ReadonlyArray<readonly [courseId: string, date: string, bookings: number]> = [
  ['fathers-and-carers', '2024-08-14', 8],
  ['harmful-sexual-behaviour', '2024-12-11', 8],
  ['safer-recruitment', '2025-01-22', 8],
  ['pre-birth', '2024-12-04', 8],
];

/** One session a quarter per course; Q3's sessions lose more to no-shows and cancellations, as the report notes. */
const QUARTERS = [
  { month: '2024-05', attended: 11, missed: 9 },
  { month: '2024-09', attended: 10, missed: 9 },
  { month: '2024-11', attended: 8, missed: 14 },
  { month: '2025-02', attended: 11, missed: 8 },
] as const;

/** Who booked: the learning system's organisation (an agency in the register where there is one), its sector, and each outcome's count. */
interface Bookers {
  readonly agencyId?: string;
  readonly organisation?: string;
  readonly sector?: string;
  readonly counts: Readonly<Record<BookingOutcome, number>>;
}
const counts = (attended: number, noShow: number, cancelled: number, trainer: number): Bookers['counts'] => ({
  attended,
  'no-show': noShow,
  'cancelled-by-attendee': cancelled,
  'cancelled-by-trainer': trainer,
});

/**
 * The 526 bookings by organisation: the council's staff attend over 70% of what they book, health
 * less; Housing, Probation and Sports & Recreation book fewest (the report's under-represented sectors).
 */
const BOOKERS: readonly Bookers[] = [
  { agencyId: AGENCY.childrensSocialCare, counts: counts(88, 14, 12, 6) },
  { agencyId: AGENCY.education, counts: counts(29, 5, 4, 2) },
  { agencyId: AGENCY.council, counts: counts(26, 4, 4, 2) },
  { agencyId: AGENCY.croydonHealth, counts: counts(28, 14, 15, 4) },
  { agencyId: AGENCY.slam, counts: counts(10, 6, 5, 1) },
  { agencyId: AGENCY.icb, counts: counts(8, 5, 4, 1) },
  { agencyId: AGENCY.police, counts: counts(6, 4, 3, 1) },
  { organisation: 'Croydon schools', sector: 'Education', counts: counts(38, 12, 12, 4) },
  { organisation: 'Private nurseries and childminders', sector: 'Early Years', counts: counts(27, 9, 9, 3) },
  { agencyId: AGENCY.reachingHigher, counts: counts(17, 6, 5, 2) },
  { organisation: 'Legacy Youth Zone', sector: 'Voluntary and community', counts: counts(11, 4, 4, 1) },
  { organisation: 'Faith organisations', sector: 'Faith', counts: counts(6, 3, 2, 1) },
  { organisation: "Children's care homes", sector: 'Residential care', counts: counts(10, 6, 6, 4) },
  { agencyId: AGENCY.housing, sector: 'Housing', counts: counts(3, 2, 1, 0) },
  { agencyId: AGENCY.probation, counts: counts(2, 1, 1, 0) },
  { organisation: 'Croydon sports clubs', sector: 'Sports & Recreation', counts: counts(1, 1, 1, 0) },
];

/** The attendees' reasons for cancelling, 88 in all: work-related conflicts the most common. */
const REASONS: ReadonlyArray<readonly [reason: string, count: number]> = [
  ['Work-related conflicts', 50],
  ['Sickness', 14],
  ['Personal or family reasons', 10],
  ['Booked in error', 8],
  ['No longer relevant to role', 6],
];

/** Splits `total` over weights by the largest remainder, so the parts add up exactly. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const short = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) parts[order[k]![1]]! += 1;
  return parts;
}

/** Takes items from weighted pools in turn, so that each session has a mix of organisations (or reasons). */
function dealer<T>(pools: ReadonlyArray<readonly [item: T, count: number]>): () => T {
  const left = pools.map(([, count]) => count);
  let next = 0;
  return () => {
    for (let tries = 0; tries < pools.length; tries++) {
      const index = (next + tries) % pools.length;
      if (left[index]! > 0) {
        left[index]!--;
        next = index + 1;
        return pools[index]![0];
      }
    }
    throw new Error('example/training.ts: more bookings than bookers');
  };
}

/** Every booking of 2024/25, in session order, with its organisation and (when cancelled) reason. */
export function trainingBookings2024(): BookingInput[] {
  const outcomes: BookingOutcome[] = ['attended', 'no-show', 'cancelled-by-attendee', 'cancelled-by-trainer'];
  const deal = Object.fromEntries(outcomes.map((o) => [o, dealer(BOOKERS.map((b) => [b, b.counts[o]] as const))])) as Record<BookingOutcome, () => Bookers>;
  const reason = dealer(REASONS);
  const sessions: Array<{ courseId: string; date: string; outcomes: BookingOutcome[] }> = [];
  for (const [index, [courseId, , attended, noShows, cancelled]] of COURSES.entries()) {
    const byQuarter = [split(attended, QUARTERS.map((q) => q.attended)), split(noShows, QUARTERS.map((q) => q.missed)), split(cancelled, QUARTERS.map((q) => q.missed))];
    QUARTERS.forEach((quarter, q) => {
      const day = String(5 + index * 2).padStart(2, '0');
      const repeat = (outcome: BookingOutcome, n: number) => Array.from({ length: n }, () => outcome);
      sessions.push({
        courseId,
        date: `${quarter.month}-${day}`,
        outcomes: [...repeat('attended', byQuarter[0]![q]!), ...repeat('no-show', byQuarter[1]![q]!), ...repeat('cancelled-by-attendee', byQuarter[2]![q]!)],
      });
    });
  }
  for (const [courseId, date, bookings] of CANCELLED_SESSIONS) sessions.push({ courseId, date, outcomes: Array.from({ length: bookings }, () => 'cancelled-by-trainer' as const) });
  sessions.sort((a, b) => a.date.localeCompare(b.date) || a.courseId.localeCompare(b.courseId));
  let number = 0;
  return sessions.flatMap((session) =>
    session.outcomes.map((outcome): BookingInput => {
      const who = deal[outcome]();
      number++;
      return {
        id: `bk-2024-${String(number).padStart(4, '0')}`,
        courseId: session.courseId,
        sessionId: `${session.courseId}-${session.date}`,
        sessionDate: session.date,
        agencyId: who.agencyId ?? null,
        organisation: who.organisation ?? null,
        sector: who.sector ?? null,
        outcome,
        reason: outcome === 'cancelled-by-attendee' ? reason() : outcome === 'cancelled-by-trainer' ? 'Too few sign-ups' : null,
      };
    }),
  );
}

/**
 * eLearning in 2024/25 by role: completions, passed, passed first time and attempts chosen so that
 * each role's pass rate, first-time pass rate and average attempts are the report's (Figure 1);
 * over 1,000 completions, Safeguarding Level 1 the most taken. Housing and probation staff take
 * eLearning rather than live sessions, as the report says.
 */
const ELEARNING: ReadonlyArray<readonly [role: string, course: string, place: Omit<Bookers, 'counts'>, completions: number, passed: number, firstTime: number, attempts: number]> = [
  ['Early Years Practitioners', 'safeguarding-level-1', { organisation: 'Private nurseries and childminders', sector: 'Early Years' }, 235, 233, 227, 239],
  ['SEND Transport Staff', 'safeguarding-level-1', { agencyId: AGENCY.commissioning }, 178, 150, 110, 498],
  ['Social Care Workers', 'safeguarding-level-1', { agencyId: AGENCY.childrensSocialCare }, 150, 145, 133, 210],
  ['Teachers', 'safeguarding-level-1', { organisation: 'Croydon schools', sector: 'Education' }, 118, 117, 116, 119],
  ['Teaching Assistants', 'safeguarding-level-1', { organisation: 'Croydon schools', sector: 'Education' }, 95, 92, 87, 114],
  ['DSLs', 'safeguarding-level-2', { organisation: 'Croydon schools', sector: 'Education' }, 28, 28, 28, 28],
  ['Youth Workers', 'safeguarding-level-1', { agencyId: AGENCY.reachingHigher }, 73, 69, 62, 95],
  ['CCTV Officers', 'safeguarding-level-1', { agencyId: AGENCY.cultureCommunitySafety }, 86, 76, 65, 146],
  ['Care Home Managers', 'safeguarding-level-2', { organisation: "Children's care homes", sector: 'Residential care' }, 182, 181, 176, 187],
  ['Seasonal Playworkers', 'safeguarding-level-1', { organisation: 'Croydon sports clubs', sector: 'Sports & Recreation' }, 78, 72, 63, 117],
  ['Housing Officers', 'safeguarding-level-1', { agencyId: AGENCY.housing, sector: 'Housing' }, 21, 20, 18, 24],
  ['Probation Officers', 'safeguarding-level-1', { agencyId: AGENCY.probation }, 12, 12, 11, 13],
];

const courses: CourseInput[] = [
  ...COURSES.map(([id, title]) => ({ id, title, delivery: 'in-person' as const })),
  { id: 'safeguarding-level-1', title: 'Safeguarding Level 1 (eLearning)', delivery: 'elearning' },
  { id: 'safeguarding-level-2', title: 'Safeguarding Level 2 (eLearning)', delivery: 'elearning' },
];

function elearningResults(): ResultInput[] {
  return ELEARNING.map(([role, courseId, place, completions, passed, passedFirstTime, attempts]) => ({
    id: `el-2024-25-${courseId}-${role.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    financialYear: '2024/25',
    courseId,
    agencyId: place.agencyId ?? null,
    organisation: place.organisation ?? null,
    sector: place.sector ?? null,
    role,
    completions,
    passed,
    passedFirstTime,
    attempts,
  }));
}

/** 2023/24's rates as the report gives them, from the learning system used before. */
const baseline2023: BaselineInput = { id: '2023-24', financialYear: '2023/24', attendanceRate: 72, noShowAndCancellationRate: 28 };

/** The business team imports the new learning system's year-end exports after the year closes. */
export function trainingSteps(): Step[] {
  return [
    {
      at: londonTime('2025-04-14', '10:00'),
      commands: [
        ...courses.map((course) => ({ type: 'trainingCourse.upsert' as const, course })),
        { type: 'trainingBaseline.upsert', baseline: baseline2023 },
        ...trainingBookings2024().map((booking) => ({ type: 'trainingBooking.upsert' as const, booking })),
        ...elearningResults().map((result) => ({ type: 'elearningResult.upsert' as const, result })),
      ],
    },
  ];
}

import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { unwrap } from '../base/result.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import { emptyDatabase, type Database } from '../store/database.js';
import { applyRecordChanges } from '../store/recordChanges.js';
import { trainingFigures, trainingYears } from './trainingFigures.js';

const cli: Actor = { kind: 'system', name: 'cli' };
const at = '2025-04-14T09:00:00.000Z';

function build(commands: CommandInput[]): Database {
  const base = emptyDatabase({ name: 'Test partnership', area: 'Somewhere' });
  return unwrap(applyCommands(base, commands, { actor: cli, at })).db;
}

const setup: CommandInput[] = [
  { type: 'agency.upsert', agency: { id: 'council', name: 'Council', sector: 'local-authority' } },
  { type: 'agency.upsert', agency: { id: 'probation', name: 'Probation', sector: 'probation' } },
  { type: 'trainingCourse.upsert', course: { id: 'neglect', title: 'Neglect' } },
  { type: 'trainingCourse.upsert', course: { id: 'l1', title: 'Level 1', delivery: 'elearning' } },
];

type Outcome = 'attended' | 'no-show' | 'cancelled-by-attendee' | 'cancelled-by-trainer';
let serial = 0;
function booking(date: string, outcome: Outcome, extra: Record<string, unknown> = {}): CommandInput {
  serial++;
  return {
    type: 'trainingBooking.upsert',
    booking: { id: `b-${serial}`, courseId: 'neglect', sessionId: `s-${date}`, sessionDate: date, agencyId: 'council', outcome, reason: outcome === 'cancelled-by-attendee' ? 'Work-related conflicts' : null, ...extra },
  };
}
const many = (n: number, make: () => CommandInput): CommandInput[] => Array.from({ length: n }, make);

describe('training figures as an annual report prints them', () => {
  it.each([
    // attended, no-shows, cancelled by attendee, by trainer → attendance %, no-shows and cancellations %
    [59, 20, 15, 6, 59, 35],
    [2, 1, 0, 0, 67, 33],
    [1, 0, 0, 7, 13, 0],
  ])('%i attended, %i no-shows, %i cancelled, %i called off by the trainer: attendance %i%%, no-shows and cancellations %i%%', (attended, noShows, cancelled, trainer, attendance, missed) => {
    const db = build([
      ...setup,
      ...many(attended, () => booking('2024-06-03', 'attended')),
      ...many(noShows, () => booking('2024-06-03', 'no-show')),
      ...many(cancelled, () => booking('2024-06-03', 'cancelled-by-attendee')),
      ...many(trainer, () => booking('2024-07-01', 'cancelled-by-trainer')),
    ]);
    const figures = trainingFigures(db, '2024/25');
    expect(figures.bookings).toBe(attended + noShows + cancelled + trainer);
    expect(figures.attendanceRate).toBe(attendance);
    expect(figures.noShowAndCancellationRate).toBe(missed);
  });

  it('gives the change from last year in percentage points between the printed rates, from last year\'s bookings', () => {
    const db = build([
      ...setup,
      // 2023/24: 3 of 4 attended (75%), 1 no-show (25%).
      ...many(3, () => booking('2023-10-02', 'attended')),
      booking('2023-10-02', 'no-show'),
      // 2024/25: 1 of 2 attended (50%), 1 cancelled (50%).
      booking('2024-10-07', 'attended'),
      booking('2024-10-07', 'cancelled-by-attendee'),
    ]);
    const figures = trainingFigures(db, '2024/25');
    expect(figures.previous).toEqual({ label: '2023/24', source: 'bookings', attendanceRate: 75, noShowAndCancellationRate: 25 });
    expect(figures.attendanceChangePoints).toBe(-25);
    expect(figures.noShowAndCancellationChangePoints).toBe(25);
    expect(trainingYears(db)).toEqual(['2023/24', '2024/25']);
  });

  it('compares with a year\'s published rates when its bookings were kept in an earlier system, and says so', () => {
    const db = build([...setup, booking('2024-10-07', 'attended'), { type: 'trainingBaseline.upsert', baseline: { id: '2023-24', financialYear: '2023/24', attendanceRate: 72, noShowAndCancellationRate: 28 } }]);
    const figures = trainingFigures(db, '2024/25');
    expect(figures.previous?.source).toBe('published');
    expect(figures.attendanceChangePoints).toBe(28);
    expect(trainingFigures(build([...setup, booking('2024-10-07', 'attended')]), '2024/25').attendanceChangePoints).toBeNull();
  });

  it('counts a booking in the financial year of its session, not of its import', () => {
    const db = build([...setup, booking('2025-03-31', 'attended'), booking('2025-04-01', 'no-show')]);
    expect(trainingFigures(db, '2024/25').bookings).toBe(1);
    expect(trainingFigures(db, '2025/26').bookings).toBe(1);
  });

  it('groups reasons as written whatever their case, most given first, and counts only the attendees\' own cancellations', () => {
    const db = build([
      ...setup,
      booking('2024-06-03', 'cancelled-by-attendee', { reason: 'Sickness' }),
      booking('2024-06-03', 'cancelled-by-attendee', { reason: 'work-related conflicts' }),
      booking('2024-06-03', 'cancelled-by-attendee'),
      booking('2024-06-03', 'cancelled-by-trainer', { reason: 'Too few sign-ups' }),
    ]);
    expect(trainingFigures(db, '2024/25').reasons).toEqual([
      { reason: 'work-related conflicts', count: 2 },
      { reason: 'Sickness', count: 1 },
    ]);
  });

  it('finds sectors under-represented in live sessions, those in the register with no bookings included, but not sectors that only train online when they book enough', () => {
    const db = build([
      ...setup,
      ...many(60, () => booking('2024-06-03', 'attended')),
      booking('2024-06-03', 'attended', { agencyId: null, organisation: 'Sports club', sector: 'Sports & Recreation' }),
      {
        type: 'elearningResult.upsert',
        result: { id: 'r1', financialYear: '2024/25', courseId: 'l1', agencyId: 'probation', role: 'Probation officer', completions: 10, passed: 9, passedFirstTime: 8, attempts: 12 },
      },
    ]);
    const figures = trainingFigures(db, '2024/25');
    expect(figures.underRepresentedSectors).toEqual(['Probation', 'Sports & Recreation']);
    expect(figures.bySector.map((row) => [row.label, row.bookings, row.elearningCompletions])).toEqual([
      ['Local authority', 60, 0],
      ['Sports & Recreation', 1, 0],
      ['Probation', 0, 10],
    ]);
  });

  it('gives eLearning pass rates to a tenth, first-time pass rates and average attempts by role', () => {
    const db = build([
      ...setup,
      {
        type: 'elearningResult.upsert',
        result: { id: 'r1', financialYear: '2024/25', courseId: 'l1', organisation: 'Nurseries', sector: 'Early Years', role: 'Early years practitioner', completions: 235, passed: 233, passedFirstTime: 227, attempts: 239 },
      },
    ]);
    expect(trainingFigures(db, '2024/25').elearning.byRole).toEqual([
      { label: 'Early years practitioner', completions: 235, shareOfCompletions: 100, passRate: 99.1, firstTimePassRate: 97, averageAttempts: 1.02 },
    ]);
  });
});

describe('training records are the business team\'s, checked against courses and the register', () => {
  const base = build(setup);
  const member: Actor = { kind: 'person', personId: 'nobody' };

  it.each([
    [{ type: 'trainingBooking.upsert', booking: { id: 'b', courseId: 'missing', sessionId: 's', sessionDate: '2024-06-03', outcome: 'attended' } }, 'training.unknown_course'],
    [{ type: 'trainingBooking.upsert', booking: { id: 'b', courseId: 'l1', sessionId: 's', sessionDate: '2024-06-03', outcome: 'attended' } }, 'training.not_bookable'],
    [{ type: 'trainingBooking.upsert', booking: { id: 'b', courseId: 'neglect', sessionId: 's', sessionDate: '2024-06-03', agencyId: 'nowhere', outcome: 'attended' } }, 'training.unknown_agency'],
    [{ type: 'trainingBooking.upsert', booking: { id: 'b', courseId: 'neglect', sessionId: 's', sessionDate: '2024-06-03', outcome: 'attended', reason: 'Sickness' } }, 'training.reason_without_cancellation'],
    [{ type: 'elearningResult.upsert', result: { id: 'r', financialYear: '2024/25', courseId: 'neglect', role: 'x', completions: 1, passed: 1, passedFirstTime: 1, attempts: 1 } }, 'training.not_elearning'],
    [{ type: 'elearningResult.upsert', result: { id: 'r', financialYear: '2024/25', courseId: 'l1', role: 'x', completions: 1, passed: 2, passedFirstTime: 1, attempts: 1 } }, 'command.invalid'],
    [{ type: 'trainingBooking.remove', id: 'none' }, 'training.booking_not_found'],
  ] as Array<[CommandInput, string]>)('refuses %j with %s, changing nothing', (command, code) => {
    const outcome = applyCommands(base, [command], { actor: cli, at });
    expect(outcome.success ? 'applied' : outcome.error.code).toBe(code);
  });

  it('refuses a partner who is not in the business team', () => {
    const outcome = applyCommands(base, [booking('2024-06-03', 'attended')], { actor: member, at });
    expect(outcome.success).toBe(false);
  });

  it('audits each booking once: importing the same export again changes nothing, and a removal keeps the booking whole in the audit', () => {
    const command = booking('2024-06-03', 'attended');
    const once = unwrap(applyCommands(base, [command], { actor: cli, at }));
    expect(once.audit.map((entry) => [entry.command, entry.entity])).toEqual([['trainingBooking.upsert', 'trainingBooking']]);
    expect(unwrap(applyCommands(once.db, [command], { actor: cli, at })).audit).toEqual([]);
    const id = (command as { booking: { id: string } }).booking.id;
    const removed = unwrap(applyCommands(once.db, [{ type: 'trainingBooking.remove', id }], { actor: cli, at }));
    expect(removed.db.trainingBookings).toEqual([]);
    expect(removed.audit[0]?.before).toMatchObject({ id, outcome: 'attended' });
    // A store replays the records a change left, and gets the same data.
    expect(unwrap(applyRecordChanges(once.db, removed.changes, { validate: true })).trainingBookings).toEqual([]);
  });
});

describe('the example partnership', () => {
  const db = examplePartnership();
  const figures = trainingFigures(db, '2024/25');

  it('carries the training figures of its 2024/25 annual report', () => {
    // "526 in-person bookings were recorded across eleven core courses, with an average attendance
    // rate of 59% … falling by 13% from 72% in 2023-24 to 59% in 2024-25, while no-shows and
    // cancellations rose by 7% from 28% to 35%."
    expect({
      bookings: figures.bookings,
      courses: figures.courses,
      attendance: figures.attendanceRate,
      missed: figures.noShowAndCancellationRate,
      previous: [figures.previous?.attendanceRate, figures.previous?.noShowAndCancellationRate],
      change: [figures.attendanceChangePoints, figures.noShowAndCancellationChangePoints],
    }).toEqual({ bookings: 526, courses: 11, attendance: 59, missed: 35, previous: [72, 28], change: [-13, 7] });
    // "The most common reason for cancellation was work-related conflicts."
    expect(figures.reasons[0]?.reason).toBe('Work-related conflicts');
    // "Level 3 Safeguarding and Child Neglect training were the most highly attended courses."
    expect(figures.byCourse.slice(0, 2).map((c) => c.label)).toEqual(['Level 3 Multi-Agency Safeguarding', 'Child Neglect: Recognising and Responding']);
    // "Sectors such as Housing, Probation, and Sports & Recreation were underrepresented in live sessions."
    expect(figures.underRepresentedSectors).toEqual(['Housing', 'Probation', 'Sports & Recreation']);
    // "Quarter 3 recorded a noticeable increase in both cancellations and non-attendance."
    const q3 = figures.byQuarter.find((q) => q.label === 'Q3')!;
    for (const other of figures.byQuarter.filter((q) => q !== q3)) expect(q3.noShowAndCancellationRate!).toBeGreaterThan(other.noShowAndCancellationRate!);
    // "over 1,000 eLearning modules were successfully completed"; Level 1 the most popular.
    expect(figures.elearning.passed).toBeGreaterThan(1000);
    expect(figures.elearning.byModule[0]?.label).toBe('Safeguarding Level 1 (eLearning)');
  });

  it('has Croydon Council\'s staff attending over 70% of what they booked, and health less', () => {
    const council = db.agencies.filter((a) => a.id === EXAMPLE_IDS.agencies.council || a.parentId === EXAMPLE_IDS.agencies.council).map((a) => a.id);
    const booked = db.trainingBookings.filter((b) => b.agencyId !== null && council.includes(b.agencyId) && b.sector === null);
    expect(booked.filter((b) => b.outcome === 'attended').length / booked.length).toBeGreaterThan(0.7);
    const health = figures.byAgency.find((row) => row.label === 'Croydon Health Service NHS')!;
    expect(health.attendanceRate!).toBeLessThan(59);
  });

  it('reproduces the pass rate, first-time pass rate and average attempts of every role in the report\'s eLearning table', () => {
    const published: Array<[string, number, number, number]> = [
      ['Early Years Practitioners', 99.1, 97, 1.02],
      ['SEND Transport Staff', 84.3, 62, 2.8],
      ['Social Care Workers', 96.7, 89, 1.4],
      ['Teachers', 99.2, 98, 1.01],
      ['Teaching Assistants', 96.8, 92, 1.2],
      ['DSLs', 100, 100, 1.0],
      ['Youth Workers', 94.5, 85, 1.3],
      ['CCTV Officers', 88.4, 76, 1.7],
      ['Care Home Managers', 99.5, 97, 1.03],
      ['Seasonal Playworkers', 92.3, 81, 1.5],
    ];
    for (const [role, passRate, firstTime, attempts] of published) {
      const row = figures.elearning.byRole.find((r) => r.label === role);
      expect([role, row?.passRate, row?.firstTimePassRate, row?.averageAttempts]).toEqual([role, passRate, firstTime, attempts]);
    }
  });
});

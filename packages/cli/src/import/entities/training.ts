import { baselineId, slugify, uniqueId, type BookingOutcome, type Database, type TrainingCourse, type TrainingDelivery } from '@partnership-tracker/core';
import { parseLocalDate, parseYearLabel } from '../../parse/index.js';
import { AgencyDirectory, nameKey } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import type { RowReader } from '../rowReader.js';

/**
 * Finds courses by title or id, adding a course the first time a file names it: a learning
 * system's export names its courses, so the business team need not list them first.
 */
class CourseCatalogue {
  private readonly byKey = new Map<string, TrainingCourse>();

  constructor(
    db: Database,
    private readonly commands: PlannedCommand[],
  ) {
    for (const course of db.trainingCourses) this.add(course);
  }

  private add(course: TrainingCourse): void {
    this.byKey.set(nameKey(course.title), course);
    this.byKey.set(nameKey(course.id), course);
  }

  /** The course called `title`, added (taught as `delivery`) when new; a problem if it is taught the other way. */
  resolve(reader: RowReader, column: string, title: string, delivery: TrainingDelivery): string | undefined {
    const found = this.byKey.get(nameKey(title));
    if (found) {
      if (found.delivery === delivery) return found.id;
      reader.problem(column, `"${found.title}" is ${found.delivery === 'elearning' ? 'an eLearning module; import its results with `ptrack import elearning`' : 'taught in person; import its bookings with `ptrack import training-bookings`'}`);
      return undefined;
    }
    const ids = new Set([...this.byKey.values()].map((c) => c.id));
    const course: TrainingCourse = { id: uniqueId(slugify(title), (id) => ids.has(id)), title: title.trim(), delivery };
    this.add(course);
    this.commands.push({ command: { type: 'trainingCourse.upsert', course }, line: reader.line });
    return course.id;
  }
}

/** Where a learner came from: an agency in the register when the name is one, else the organisation as written. */
function placeOf(directory: AgencyDirectory, name: string | null): { agencyId: string | null; organisation: string | null } {
  if (name === null) return { agencyId: null, organisation: null };
  const agency = directory.find(name);
  return agency ? { agencyId: agency.id, organisation: null } : { agencyId: null, organisation: name };
}

const organisationHelp =
  "The learner's organisation, by name or alias: an agency in the register counts as that agency; any other organisation (a school, a nursery) is kept as written. Blank: not recorded.";
const sectorHelp = 'The sector as the learning system records it (`Early Years`, `Sports & Recreation`). Blank: the agency\'s sector in the register.';

const statusSynonyms: Record<string, 'attended' | 'no-show' | 'cancelled'> = {
  attended: 'attended',
  completed: 'attended',
  'did not attend': 'no-show',
  dna: 'no-show',
  'no show': 'no-show',
  canceled: 'cancelled',
};

/** Imports a learning system's booking export: one booking on a live session per row, matched on its booking reference. */
export const trainingBookingsImporter: Importer = {
  entity: 'training-bookings',
  rowMeaning: 'one booking on a live training session',
  columns: [
    { name: 'booking_id', required: true, description: "The learning system's booking reference (`BK-10234`): a booking imported again is updated, not added twice." },
    { name: 'course', required: true, description: 'The course title. A course not seen before is added as an in-person course.' },
    { name: 'session_date', required: true, description: 'The day of the session; it decides the financial year and quarter the booking counts in.' },
    { name: 'session_id', required: false, description: "The learning system's session reference, when a course runs twice on one day (default: the course and day)." },
    { name: 'agency', required: false, description: organisationHelp },
    { name: 'sector', required: false, description: sectorHelp },
    { name: 'role', required: false, description: "The learner's role, e.g. `Social worker`." },
    { name: 'status', required: true, description: '`attended`, `no-show` (`did not attend`, `DNA`) or `cancelled`.' },
    { name: 'cancelled_by', required: false, description: 'For a cancelled booking: `attendee` (default) or `trainer` (the session was called off). The two are counted apart.' },
    { name: 'reason', required: false, description: 'Why it was cancelled, as given (`Work-related conflicts`); only for a cancelled booking.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const courses = new CourseCatalogue(db, commands);
    const directory = new AgencyDirectory(db.agencies);
    const problems = readRows(rows, (reader, keys, row) => {
      const reference = reader.required('booking_id');
      const title = reader.required('course');
      const date = reader.parsed('session_date', parseLocalDate, true);
      const sessionRef = reader.optional('session_id');
      const status = reader.required('status') === undefined ? undefined : reader.choice('status', ['attended', 'no-show', 'cancelled'] as const, statusSynonyms);
      const cancelledBy = reader.choice('cancelled_by', ['attendee', 'trainer'] as const, { learner: 'attendee', delegate: 'attendee', user: 'attendee', organiser: 'trainer', admin: 'trainer' });
      const reason = reader.optional('reason');
      if (cancelledBy && status && status !== 'cancelled') reader.problem('cancelled_by', `only a cancelled booking has one; this one is ${status}`);
      if (reason !== null && status && status !== 'cancelled') reader.problem('reason', `only a cancelled booking has a reason; this one is ${status}`);
      const courseId = title === undefined ? undefined : courses.resolve(reader, 'course', title, 'in-person');
      if (reference === undefined || !courseId || !date || !status || cancelledBy === undefined || !reader.valid) return;
      const id = slugify(reference);
      if (!keys.claim(reader, 'booking_id', id, 'booking reference')) return;
      const outcome: BookingOutcome = status === 'cancelled' ? (cancelledBy === 'trainer' ? 'cancelled-by-trainer' : 'cancelled-by-attendee') : status;
      const booking = {
        id,
        courseId,
        sessionId: sessionRef ?? `${courseId}-${date}`,
        sessionDate: date,
        ...placeOf(directory, reader.optional('agency')),
        sector: reader.optional('sector'),
        role: reader.optional('role'),
        outcome,
        reason,
      };
      commands.push({ command: { type: 'trainingBooking.upsert', booking }, line: row.line });
    });
    return { commands, problems };
  },
};

/** Imports eLearning results: completions, passes and attempts for one module, role and organisation in a year per row. */
export const elearningImporter: Importer = {
  entity: 'elearning',
  rowMeaning: 'one eLearning module, role and organisation in a year',
  columns: [
    { name: 'financial_year', required: true, description: 'The financial year, `2024/25` or `2024-25`.' },
    { name: 'module', required: true, description: 'The eLearning module. A module not seen before is added as an eLearning course.' },
    { name: 'agency', required: false, description: organisationHelp },
    { name: 'sector', required: false, description: sectorHelp },
    { name: 'role', required: true, description: 'The learners\' role, e.g. `Early Years Practitioners`.' },
    { name: 'completions', required: true, description: 'How many learners completed the module.' },
    { name: 'passed', required: true, description: 'How many of them passed.' },
    { name: 'passed_first_time', required: false, description: 'How many passed at the first attempt (default: as many as passed).' },
    { name: 'attempts', required: false, description: 'Attempts they took in all (default: one each).' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const courses = new CourseCatalogue(db, commands);
    const directory = new AgencyDirectory(db.agencies);
    const max = 10_000_000;
    const problems = readRows(rows, (reader, keys, row) => {
      const year = reader.parsed('financial_year', parseYearLabel, true);
      const title = reader.required('module');
      const role = reader.required('role');
      const completions = reader.required('completions') === undefined ? undefined : reader.integer('completions', 0, max);
      const passed = reader.required('passed') === undefined ? undefined : reader.integer('passed', 0, max);
      const firstTime = reader.integer('passed_first_time', 0, max);
      const attempts = reader.integer('attempts', 0, max);
      const courseId = title === undefined ? undefined : courses.resolve(reader, 'module', title, 'elearning');
      const place = placeOf(directory, reader.optional('agency'));
      const sector = reader.optional('sector');
      if (!year || !courseId || role === undefined || completions == null || passed == null || firstTime === undefined || attempts === undefined || !reader.valid) return;
      if (passed > completions) return reader.problem('passed', `${passed} passed of ${completions} completions`);
      if (firstTime !== null && firstTime > passed) return reader.problem('passed_first_time', `${firstTime} passed first time of ${passed} who passed`);
      if (attempts !== null && attempts < completions) return reader.problem('attempts', `${attempts} attempts for ${completions} completions; each completion is at least one`);
      const who = place.agencyId ?? place.organisation ?? '';
      const key = `${year}|${courseId}|${nameKey(who)}|${nameKey(sector ?? '')}|${nameKey(role)}`;
      if (!keys.claim(reader, 'role', key, `row for this module, organisation and role in ${year}`)) return;
      const existing = db.elearningResults.find((r) => `${r.financialYear}|${r.courseId}|${nameKey(r.agencyId ?? r.organisation ?? '')}|${nameKey(r.sector ?? '')}|${nameKey(r.role)}` === key);
      const result = {
        id: existing?.id ?? `el-${slugify(`${year} ${courseId} ${who} ${sector ?? ''} ${role}`)}`.slice(0, 120),
        financialYear: year,
        courseId,
        ...place,
        sector,
        role,
        completions,
        passed,
        passedFirstTime: firstTime ?? passed,
        attempts: attempts ?? completions,
      };
      commands.push({ command: { type: 'elearningResult.upsert', result }, line: row.line });
    });
    return { commands, problems };
  },
};

/** Imports the published training rates of years whose bookings were kept in an earlier system, to compare with. */
export const trainingBaselinesImporter: Importer = {
  entity: 'training-baselines',
  rowMeaning: "one year's published training figures",
  columns: [
    { name: 'financial_year', required: true, description: 'The year, `2023/24`.' },
    { name: 'attendance_rate', required: true, description: 'The attendance rate as published, a whole percentage (`72` or `72%`).' },
    { name: 'no_show_and_cancellation_rate', required: true, description: 'No-shows and cancellations as published, a whole percentage.' },
    { name: 'bookings', required: false, description: 'Bookings that year, if published.' },
    { name: 'courses', required: false, description: 'Courses that year, if published.' },
  ],
  plan(rows) {
    const commands: PlannedCommand[] = [];
    const problems = readRows(rows, (reader, keys, row) => {
      const year = reader.parsed('financial_year', parseYearLabel, true);
      const attendance = reader.required('attendance_rate') === undefined ? undefined : reader.integer('attendance_rate', 0, 100);
      const missed = reader.required('no_show_and_cancellation_rate') === undefined ? undefined : reader.integer('no_show_and_cancellation_rate', 0, 100);
      const bookings = reader.integer('bookings', 0, 10_000_000);
      const courses = reader.integer('courses', 0, 100_000);
      if (!year || attendance == null || missed == null || bookings === undefined || courses === undefined || !reader.valid) return;
      if (attendance + missed > 100) return reader.problem('no_show_and_cancellation_rate', `${attendance}% attended and ${missed}% missed come to more than 100%`);
      if (!keys.claim(reader, 'financial_year', year, 'year')) return;
      const baseline = { id: baselineId(year), financialYear: year, attendanceRate: attendance, noShowAndCancellationRate: missed, bookings, courses };
      commands.push({ command: { type: 'trainingBaseline.upsert', baseline }, line: row.line });
    });
    return { commands, problems };
  },
};

import { fail, ok, type Result } from '../base/result.js';
import type { Command } from '../store/commands.js';
import type { Database } from '../store/database.js';

/** The commands that change training records. */
export type TrainingCommand = Extract<
  Command,
  { type: 'trainingCourse.upsert' | 'trainingBooking.upsert' | 'elearningResult.upsert' | 'trainingBaseline.upsert' | 'trainingBooking.remove' }
>;

/** The collections training records live in. */
export type TrainingCollection = 'trainingCourses' | 'trainingBookings' | 'elearningResults' | 'trainingBaselines';

type Record = Database[TrainingCollection][number];

/** Where a training command writes, and the record it writes (none for a removal). */
export interface TrainingTarget {
  readonly collection: TrainingCollection;
  readonly entity: string;
  readonly record?: Record;
}

/**
 * Checks a training command against the data it refers to: a booking or result names a course
 * and (when it names one) an agency that exist, and an eLearning result names an eLearning course.
 */
export function checkTrainingCommand(db: Database, command: TrainingCommand): Result<TrainingTarget> {
  const knownAgency = (what: string, agencyId: string | null): Result<true> =>
    agencyId === null || db.agencies.some((a) => a.id === agencyId) ? ok(true) : fail('training.unknown_agency', `${what}: agency "${agencyId}" is not in the register.`);
  switch (command.type) {
    case 'trainingCourse.upsert':
      return ok({ collection: 'trainingCourses', entity: 'trainingCourse', record: command.course });
    case 'trainingBooking.upsert': {
      const { booking } = command;
      const course = db.trainingCourses.find((c) => c.id === booking.courseId);
      if (!course) return fail('training.unknown_course', `Booking ${booking.id}: course "${booking.courseId}" is not among the training courses.`);
      if (course.delivery !== 'in-person') return fail('training.not_bookable', `Booking ${booking.id}: ${course.title} is an eLearning module; its results are imported as eLearning.`);
      const cancelled = booking.outcome === 'cancelled-by-attendee' || booking.outcome === 'cancelled-by-trainer';
      if (booking.reason !== null && !cancelled) {
        return fail('training.reason_without_cancellation', `Booking ${booking.id}: a reason is recorded only for a cancelled booking, not one ${booking.outcome === 'attended' ? 'attended' : 'missed'}.`);
      }
      const agency = knownAgency(`Booking ${booking.id}`, booking.agencyId);
      if (!agency.success) return agency;
      return ok({ collection: 'trainingBookings', entity: 'trainingBooking', record: booking });
    }
    case 'elearningResult.upsert': {
      const { result } = command;
      const course = db.trainingCourses.find((c) => c.id === result.courseId);
      if (!course) return fail('training.unknown_course', `eLearning result ${result.id}: course "${result.courseId}" is not among the training courses.`);
      if (course.delivery !== 'elearning') return fail('training.not_elearning', `eLearning result ${result.id}: ${course.title} is taught in person; its bookings are imported as bookings.`);
      const agency = knownAgency(`eLearning result ${result.id}`, result.agencyId);
      if (!agency.success) return agency;
      return ok({ collection: 'elearningResults', entity: 'elearningResult', record: result });
    }
    case 'trainingBaseline.upsert':
      return ok({ collection: 'trainingBaselines', entity: 'trainingBaseline', record: command.baseline });
    case 'trainingBooking.remove':
      if (!db.trainingBookings.some((b) => b.id === command.id)) return fail('training.booking_not_found', `There is no training booking ${command.id}.`);
      return ok({ collection: 'trainingBookings', entity: 'trainingBooking' });
  }
}

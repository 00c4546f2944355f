export { TrainingCourse, TrainingDelivery, TrainingBooking, BookingOutcome, ElearningResult, TrainingBaseline, baselineId } from './training.js';
export {
  trainingFigures,
  trainingYears,
  countBookings,
  sectorLabel,
  UNDER_REPRESENTED_BELOW_PERCENT,
  type TrainingFigures,
  type BookingCounts,
  type UptakeRow,
  type ElearningRow,
  type PreviousYear,
} from './trainingFigures.js';

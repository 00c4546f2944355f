import { z } from 'zod';

/** A calendar date with no time of day, `YYYY-MM-DD` (due dates, membership dates). */
export const LocalDate = z.iso.date();
export type LocalDate = z.infer<typeof LocalDate>;

/** A moment in time, stored in UTC as ISO 8601 with `Z` (meeting starts, updates, audit). */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

/** Where the current time comes from: injected so that nothing in core reads the system clock. */
export interface Clock {
  now(): Date;
}

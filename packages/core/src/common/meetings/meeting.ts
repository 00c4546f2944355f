import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Instant } from '../base/time.js';

/** Whether a meeting is still to come, took place, or was called off. */
export const MeetingStatus = z.enum(['scheduled', 'held', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** A meeting of a subgroup; times are instants, shown in the partnership's time zone. */
export const Meeting = z
  .object({
    id: Id,
    subgroupId: Id,
    title: z.string().min(1).nullable().default(null),
    start: Instant,
    end: Instant,
    location: z.string().min(1).nullable().default(null),
    link: z.url().nullable().default(null),
    status: MeetingStatus.default('scheduled'),
  })
  .refine((m) => Date.parse(m.end) > Date.parse(m.start), { message: 'must end after it starts', path: ['end'] });
export type Meeting = z.infer<typeof Meeting>;

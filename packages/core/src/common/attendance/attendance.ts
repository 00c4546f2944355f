import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Instant } from '../base/time.js';

/** What happened to one invitee at one meeting. */
export const AttendanceStatus = z.enum(['present', 'apologies', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/**
 * One line of a meeting's register. A known person has `personId`; a guest nobody registered has
 * only `guestName`. A deputy counts for the agency of the person in `deputisingForId`.
 * `agencyId` is the agency the line counts for, stamped when it is recorded (as at the meeting),
 * so that a later move of the person never changes a table already published.
 */
export const Attendance = z
  .object({
    id: Id,
    meetingId: Id,
    personId: Id.nullable().default(null),
    guestName: z.string().min(1).nullable().default(null),
    status: AttendanceStatus,
    deputisingForId: Id.nullable().default(null),
    /** The agency this line counts for: the deputised person's as at the meeting, else the attendee's; null for a guest. */
    agencyId: Id.nullable(),
    recordedById: z.string().min(1),
    recordedAt: Instant,
  })
  .refine((a) => (a.personId === null) !== (a.guestName === null), {
    message: 'needs exactly one of personId and guestName',
    path: ['personId'],
  });
export type Attendance = z.infer<typeof Attendance>;

/** The natural key of a register line: one line per person (or guest name) per meeting. */
export function attendanceId(meetingId: string, attendee: { personId: string | null; guestName: string | null }): string {
  const who = attendee.personId ?? `guest:${attendee.guestName!.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return `${meetingId}/${who}`;
}

import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Instant } from '../base/time.js';

/** What happened to one invitee at one meeting. */
export const AttendanceStatus = z.enum(['present', 'apologies', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/**
 * One line of a meeting's register. A known person has `personId`; a guest nobody registered has
 * only `guestName`. A deputy counts for the agency of the person in `deputisingForId`.
 */
export const Attendance = z
  .object({
    id: Id,
    meetingId: Id,
    personId: Id.nullable().default(null),
    guestName: z.string().min(1).nullable().default(null),
    status: AttendanceStatus,
    deputisingForId: Id.nullable().default(null),
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

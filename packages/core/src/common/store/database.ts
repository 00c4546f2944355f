import { z } from 'zod';
import { Agency } from '../agencies/agency.js';
import { Audit } from '../audits/audit.js';
import { Attendance } from '../attendance/attendance.js';
import { AuditEntry } from '../audit/auditEntry.js';
import { Challenge } from '../challenges/challenge.js';
import { Contribution, Expenditure } from '../funding/funding.js';
import { Inspection } from '../inspections/inspection.js';
import { Meeting } from '../meetings/meeting.js';
import { ConversationReference, OutboxMessage } from '../messaging/messaging.js';
import { Partnership } from '../partnership/partnership.js';
import { Person } from '../people/person.js';
import { Action, BusinessPlan } from '../plan/plan.js';
import { Review } from '../reviews/review.js';
import { ReturnRequest, ReturnResponse } from '../returns/returnRequest.js';
import { Subgroup } from '../subgroups/subgroup.js';
import { ElearningResult, TrainingBaseline, TrainingBooking, TrainingCourse } from '../training/training.js';

/** The version of the persisted schema this code reads and writes. */
export const CURRENT_SCHEMA_VERSION = 11;

/** Everything one partnership's store holds: the shape of the data file. */
export const Database = z.object({
  version: z.literal(CURRENT_SCHEMA_VERSION),
  /** Increases by one with every committed change; lets a second process notice the first's. */
  revision: z.number().int().nonnegative().default(0),
  partnership: Partnership,
  agencies: z.array(Agency).default([]),
  people: z.array(Person).default([]),
  subgroups: z.array(Subgroup).default([]),
  meetings: z.array(Meeting).default([]),
  attendance: z.array(Attendance).default([]),
  contributions: z.array(Contribution).default([]),
  expenditure: z.array(Expenditure).default([]),
  plans: z.array(BusinessPlan).default([]),
  actions: z.array(Action).default([]),
  reviews: z.array(Review).default([]),
  audits: z.array(Audit).default([]),
  inspections: z.array(Inspection).default([]),
  challenges: z.array(Challenge).default([]),
  conversations: z.array(ConversationReference).default([]),
  outbox: z.array(OutboxMessage).default([]),
  trainingCourses: z.array(TrainingCourse).default([]),
  trainingBookings: z.array(TrainingBooking).default([]),
  elearningResults: z.array(ElearningResult).default([]),
  trainingBaselines: z.array(TrainingBaseline).default([]),
  returns: z.array(ReturnRequest).default([]),
  returnResponses: z.array(ReturnResponse).default([]),
  audit: z.array(AuditEntry).default([]),
});
export type Database = z.infer<typeof Database>;

/** An empty database for a new partnership. */
export function emptyDatabase(partnership: z.input<typeof Partnership>): Database {
  return Database.parse({ version: CURRENT_SCHEMA_VERSION, partnership });
}

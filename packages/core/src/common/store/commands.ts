import { z } from 'zod';
import { Agency } from '../agencies/agency.js';
import { Challenge } from '../challenges/challenge.js';
import { AttendanceStatus } from '../attendance/attendance.js';
import { ActionRef, Id } from '../base/ids.js';
import { Instant, LocalDate } from '../base/time.js';
import { Contribution, Expenditure } from '../funding/funding.js';
import { Meeting, MeetingStatus } from '../meetings/meeting.js';
import { ConversationReference } from '../messaging/messaging.js';
import { Audit, AuditProgrammeSettings } from '../audits/audit.js';
import { Inspection } from '../inspections/inspection.js';
import { PartnershipPatch } from '../partnership/partnership.js';
import { PersonFields } from '../people/person.js';
import { ActionSource, ActionStatus, BusinessPlan, LeadAgencyIds } from '../plan/plan.js';
import { Review } from '../reviews/review.js';
import { ReturnRequest, ReturnResponse } from '../returns/returnRequest.js';
import { ChannelAddress, Subgroup } from '../subgroups/subgroup.js';
import { ElearningResult, TrainingBaseline, TrainingBooking, TrainingCourse } from '../training/training.js';

/** One line of a register being recorded: a known person or a named guest. */
export const RegisterEntry = z
  .object({
    personId: Id.nullable().default(null),
    guestName: z.string().trim().min(1).nullable().default(null),
    status: AttendanceStatus,
    deputisingForId: Id.nullable().default(null),
  })
  .refine((e) => (e.personId === null) !== (e.guestName === null), {
    message: 'needs exactly one of personId and guestName',
    path: ['personId'],
  });
export type RegisterEntry = z.infer<typeof RegisterEntry>;

/**
 * A new action, before the store stamps its creation into the history. A command written before
 * actions had several lead agencies names one as `leadAgencyId` (the oldest change logs replay
 * such commands): it is read as the only lead agency.
 */
export const ActionDraft = z
  .object({
  ref: ActionRef,
  planId: Id,
  priorityId: Id.nullable().default(null),
  title: z.string().min(1),
  ownerId: Id.nullable().default(null),
  leadAgencyIds: LeadAgencyIds,
  leadAgencyId: Id.nullable().optional(),
  due: LocalDate,
  status: ActionStatus.default('not-started'),
  progress: z.number().int().min(0).max(100).default(0),
  source: ActionSource.default({ kind: 'business-plan', reference: null }),
  carriedOverFrom: z.object({ planId: Id, ref: ActionRef }).nullable().default(null),
  note: z.string().nullable().default(null),
})
  .transform(({ leadAgencyId, ...draft }) => ({
    ...draft,
    leadAgencyIds: draft.leadAgencyIds.length === 0 && leadAgencyId != null ? [leadAgencyId] : draft.leadAgencyIds,
  }));
export type ActionDraft = z.infer<typeof ActionDraft>;

/**
 * Every change the store can make, as data. Commands are what callers send, what the audit
 * log names, and what a database-backed store would translate to statements.
 */
export const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('partnership.update'), partnership: PartnershipPatch }),
  z.object({ type: z.literal('agency.upsert'), agency: Agency }),
  z.object({
    type: z.literal('person.upsert'),
    person: PersonFields,
    /** When a changed agency takes effect; by default the day of the change, so the past is untouched. */
    agencyFrom: LocalDate.nullable().default(null),
  }),
  /** A person's email changes. Emails identify people, so an upsert never changes one: only this does. */
  z.object({ type: z.literal('person.changeEmail'), personId: Id, email: z.email().transform((e) => e.toLowerCase()) }),
  /**
   * Links a Slack user to the person whose work email their Slack profile shows. Only this sets
   * a Slack id without the business team's whole record, so a link made while someone else edits
   * the person never undoes their edit; it refuses if the email no longer matches.
   */
  z.object({ type: z.literal('person.linkSlack'), personId: Id, slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/), email: z.email().transform((e) => e.toLowerCase()) }),
  /** From `from` on, the person is with `agencyId` (null: no agency); earlier register lines keep their agency. */
  z.object({ type: z.literal('person.move'), personId: Id, agencyId: Id.nullable(), from: LocalDate }),
  /** The person left the partnership: inactive from `on`, their history kept. */
  z.object({ type: z.literal('person.leave'), personId: Id, on: LocalDate }),
  /**
   * A GDPR erasure request: the person's name, email and chat ids become a pseudonym, their
   * counted attendance and place in histories stay; the audit entry holds none of the erased values.
   */
  z.object({ type: z.literal('person.erase'), personId: Id }),
  /** Adds or replaces a subgroup; its digest channel is kept as stored (only `subgroup.setChannel` changes it). */
  z.object({ type: z.literal('subgroup.upsert'), subgroup: Subgroup }),
  /** Binds the channel a subgroup's quarterly digests are posted to, or (null) stops posting them. */
  z.object({ type: z.literal('subgroup.setChannel'), subgroupId: Id, channel: ChannelAddress.nullable() }),
  z.object({ type: z.literal('meeting.upsert'), meeting: Meeting }),
  z.object({ type: z.literal('meeting.setStatus'), meetingId: Id, status: MeetingStatus }),
  /**
   * Removes a meeting entered by mistake (one that was planned and did not happen is cancelled
   * instead, and stays in the meetings planned). A meeting with a register is removed only with
   * `withRegister`, which removes its lines too.
   */
  z.object({ type: z.literal('meeting.remove'), meetingId: Id, withRegister: z.boolean().default(false) }),
  /** Ends an agency's current membership of a subgroup: `left` is its last day as a member. */
  z.object({ type: z.literal('membership.end'), subgroupId: Id, agencyId: Id, left: LocalDate }),
  /**
   * Corrects the dates of an agency's membership of a subgroup (a mistyped join date), or with
   * `remove` takes out a membership entered by mistake. `was` is the join date as recorded; null
   * picks the agency's only membership.
   */
  z.object({
    type: z.literal('membership.correct'),
    subgroupId: Id,
    agencyId: Id,
    was: LocalDate.nullable().default(null),
    joined: LocalDate.nullable().default(null),
    left: LocalDate.nullable().optional(),
    remove: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('attendance.record'),
    meetingId: Id,
    entries: z.array(RegisterEntry).min(1),
    /** Remove register lines not in `entries`: a chair's card submits the whole register. */
    replace: z.boolean().default(false),
  }),
  z.object({ type: z.literal('contribution.upsert'), contribution: Contribution }),
  z.object({ type: z.literal('expenditure.upsert'), expenditure: Expenditure }),
  /** Removes an income line entered by mistake (an amount set to zero would still show as a £0 line). */
  z.object({ type: z.literal('contribution.remove'), id: Id }),
  /** Removes a spending line entered by mistake. */
  z.object({ type: z.literal('expenditure.remove'), id: Id }),
  z.object({ type: z.literal('plan.upsert'), plan: BusinessPlan }),
  z.object({ type: z.literal('action.create'), action: ActionDraft }),
  z.object({
    type: z.literal('action.update'),
    ref: ActionRef,
    progress: z.number().int().min(0).max(100).nullable().default(null),
    status: ActionStatus.nullable().default(null),
    note: z.string().trim().min(1).nullable().default(null),
    /** Identifies the request (e.g. the Teams activity id): an update with a requestId already in the history is not applied again. */
    requestId: z.string().min(1).nullable().default(null),
  }),
  z.object({ type: z.literal('action.snooze'), ref: ActionRef, until: LocalDate.nullable() }),
  /** The owner proposes withdrawing the action: recorded in its history, and the business team is told. */
  z.object({
    type: z.literal('action.proposeWithdrawal'),
    ref: ActionRef,
    reason: z.string().trim().min(1),
    requestId: z.string().min(1).nullable().default(null),
  }),
  /**
   * Adds or replaces a case review in the Review Group's register. Its recommendations' work is
   * done by actions created with a source naming the review (`source.recordId`, `source.item`).
   */
  z.object({ type: z.literal('review.upsert'), review: Review }),
  /**
   * Adds or replaces an audit in the Quality Assurance Group's programme. Its action plan's work
   * is done by actions created with a source naming the audit (`source.recordId`, `source.item`).
   */
  z.object({ type: z.literal('audit.upsert'), audit: Audit }),
  /** Sets the programme's standing questions (asked in every audit) and yearly targets. */
  z.object({ type: z.literal('auditProgramme.set'), programme: AuditProgrammeSettings }),
  /**
   * Adds or replaces an inspection or visit in the inspections register. Each area for
   * improvement's work is done by actions whose source names the inspection and the area.
   */
  z.object({ type: z.literal('inspection.upsert'), inspection: Inspection }),
  /**
   * Adds or replaces an entry of the challenge and escalation log. Actions taken on it are created
   * with a source naming it (`source.recordId`).
   */
  z.object({ type: z.literal('challenge.upsert'), challenge: Challenge }),
  /** Training figures from the learning system's exports (business team only). */
  z.object({ type: z.literal('trainingCourse.upsert'), course: TrainingCourse }),
  z.object({ type: z.literal('trainingBooking.upsert'), booking: TrainingBooking }),
  z.object({ type: z.literal('elearningResult.upsert'), result: ElearningResult }),
  z.object({ type: z.literal('trainingBaseline.upsert'), baseline: TrainingBaseline }),
  /** Removes a booking imported by mistake (from another partnership's export, say). */
  z.object({ type: z.literal('trainingBooking.remove'), id: Id }),
  /** Adds or replaces a return the partnership asks its agencies for (business team only). */
  z.object({ type: z.literal('return.upsert'), request: ReturnRequest }),
  /** Records an agency's response to a return as the business team has it (business team only). */
  z.object({ type: z.literal('returnResponse.upsert'), response: ReturnResponse }),
  /**
   * The agency's contact for the return (or the business team) says it is sent, with the link to
   * the document or data: received on the day of the change, awaiting the business team's review.
   * Sending the same link again changes nothing, so a retried chat submission is recorded once.
   */
  z.object({
    type: z.literal('returnResponse.submit'),
    returnId: Id,
    agencyId: Id,
    link: z.url(),
  }),
  /** The contact is not chased for this return before `until` (null: chase again); the chair is still told when it is overdue. */
  z.object({ type: z.literal('returnResponse.snooze'), returnId: Id, agencyId: Id, until: LocalDate.nullable() }),
  /** The business team chases an agency's contact by hand: the bot sends the chase once, at its next tick. */
  z.object({ type: z.literal('returnResponse.chase'), returnId: Id, agencyId: Id }),
  /** The business team accepts what an agency sent, or sends it back with a note saying what it needs. */
  z.object({
    type: z.literal('returnResponse.review'),
    returnId: Id,
    agencyId: Id,
    decision: z.enum(['accepted', 'sent-back']),
    note: z.string().trim().min(1).nullable().default(null),
  }),
  z.object({ type: z.literal('conversation.save'), conversation: ConversationReference }),
  z.object({
    type: z.literal('outbox.claim'),
    key: z.string().min(1),
    /**
     * Take over a claim whose sender never settled it, but only if it is still the claim made
     * at this instant: two schedulers expiring the same claim cannot both win it.
     */
    takeOverClaimedAt: Instant.nullable().default(null),
  }),
  z.object({
    type: z.literal('outbox.settle'),
    key: z.string().min(1),
    state: z.enum(['sent', 'failed']),
    error: z.string().nullable().default(null),
  }),
  /** Forgets settled messages whose keys are no longer needed (answered chat events, see `forgettableEventKeys`). */
  z.object({
    type: z.literal('outbox.forget'),
    keys: z.array(z.string().min(1)).min(1).max(1000),
  }),
]);
export type Command = z.infer<typeof Command>;
/** A command as callers may write it, with defaults left out. */
export type CommandInput = z.input<typeof Command>;

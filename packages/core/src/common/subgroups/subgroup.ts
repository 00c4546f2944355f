import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Instant, LocalDate } from '../base/time.js';

/** A member agency of a subgroup, for the dates it was a member. */
export const Membership = z.object({
  agencyId: Id,
  joined: LocalDate,
  /** The last day of membership, inclusive; null while still a member. */
  left: LocalDate.nullable().default(null),
  expectedRepresentatives: z.number().int().min(0).max(20).default(1),
});
export type Membership = z.infer<typeof Membership>;

/** Whether a membership covers a day (joined and left are both inclusive). */
export function membershipCovers(membership: Membership, date: LocalDate): boolean {
  return membership.joined <= date && (membership.left === null || date <= membership.left);
}

/** Whether an agency was a member of a subgroup on a day. */
export function isMemberOn(subgroup: Pick<Subgroup, 'members'>, agencyId: string, date: LocalDate): boolean {
  return subgroup.members.some((m) => m.agencyId === agencyId && membershipCovers(m, date));
}

/** How often a subgroup meets, which sets how many meetings a year are planned. */
export const Cadence = z.enum(['monthly', 'six-weekly', 'bi-monthly', 'quarterly', 'termly', 'twice-yearly', 'ad-hoc']);
export type Cadence = z.infer<typeof Cadence>;

/** When a meeting is quorate. */
export const QuorumRule = z.object({
  /** At least this many member agencies represented. */
  minAgencies: z.number().int().min(0).default(0),
  /** Each of the three statutory partners represented. */
  statutoryPartnersRequired: z.boolean().default(false),
});
export type QuorumRule = z.infer<typeof QuorumRule>;

/** The chat services the bot can post in. */
export const ChatService = z.enum(['teams', 'slack']);
export type ChatService = z.infer<typeof ChatService>;

/** A chat channel, as a chat service names it: what a digest binding points at. */
export const ChannelAddress = z.object({
  kind: ChatService,
  /** The Teams channel id (`19:…@thread.tacv2`) or the Slack channel id (`C…`). */
  conversationId: z.string().min(1),
  /** The channel's name as the chat service showed it, when it did. */
  name: z.string().min(1).nullable().default(null),
});
export type ChannelAddress = z.infer<typeof ChannelAddress>;

/**
 * The channel a subgroup's quarterly digests are posted to, bound there by its chair, deputy
 * chair or the business team ("post digests here"), and who did so when. A subgroup has at
 * most one; one channel may serve several subgroups (it then gets each digest once).
 */
export const ChannelBinding = ChannelAddress.extend({
  /** Who bound it, as the audit names actors (a person id, or `system:<name>`). */
  boundBy: z.string().min(1),
  boundAt: Instant,
});
export type ChannelBinding = z.infer<typeof ChannelBinding>;

/** Whether two bindings point at the same channel of the same chat service. */
export function sameChannel(a: Pick<ChannelAddress, 'kind' | 'conversationId'>, b: Pick<ChannelAddress, 'kind' | 'conversationId'>): boolean {
  return a.kind === b.kind && a.conversationId === b.conversationId;
}

/** The registers a partnership keeps besides its plans: each is maintained by the subgroup that holds it. */
export const RegisterName = z.enum(['reviews', 'audits', 'inspections', 'challenge']);
export type RegisterName = z.infer<typeof RegisterName>;

/** Each register as people name it. */
export const REGISTER_LABELS: Readonly<Record<RegisterName, string>> = {
  reviews: 'Reviews',
  audits: 'Audits',
  inspections: 'Inspections',
  challenge: 'Challenge log',
};

/** A board or subgroup of the partnership (the Executive is one, with `kind: 'executive'`). */
export const Subgroup = z.object({
  id: Id,
  name: z.string().min(1),
  /** The name used in report columns and lists, e.g. "QAG". */
  shortName: z.string().min(1),
  kind: z.enum(['executive', 'subgroup']).default('subgroup'),
  chairId: Id.nullable().default(null),
  deputyChairId: Id.nullable().default(null),
  cadence: Cadence.default('quarterly'),
  members: z.array(Membership).default([]),
  quorum: QuorumRule.default({ minAgencies: 0, statutoryPartnersRequired: false }),
  /** Where its quarterly digests are posted; changed only by `subgroup.setChannel`. */
  channel: ChannelBinding.nullable().default(null),
  /** The registers this group holds (the Review Group the reviews): its chair and deputy maintain them. */
  maintains: z.array(RegisterName).default([]),
});
export type Subgroup = z.infer<typeof Subgroup>;

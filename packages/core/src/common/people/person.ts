import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Instant, LocalDate } from '../base/time.js';
import { ChatService } from '../subgroups/subgroup.js';

/** What a person may do across the whole partnership (beyond chairing or owning actions). */
export const PartnershipRole = z.enum(['business-team', 'executive', 'scrutineer']);
export type PartnershipRole = z.infer<typeof PartnershipRole>;

/** The fields of a person that the business team sets (`person.upsert`); core keeps the rest. */
export const PersonFields = z.object({
  id: Id,
  name: z.string().min(1),
  email: z.email().transform((e) => e.toLowerCase()),
  /** The agency they are with now, or from a move already recorded; null for a guest with no agency. */
  agencyId: Id.nullable(),
  roleTitles: z.array(z.string().min(1)).default([]),
  roles: z.array(PartnershipRole).default([]),
  /** Chat identities: the sender is matched on these, never on a display name. */
  teamsAadObjectId: z.string().min(1).nullable().default(null),
  slackUserId: z.string().min(1).nullable().default(null),
  /**
   * Where the partnership sends this person's reminders when the bot answers in both Teams and
   * Slack and they can be reached on both; null: where they last began talking to the bot.
   */
  preferredChat: ChatService.nullable().default(null),
  active: z.boolean().default(true),
});
export type PersonFields = z.infer<typeof PersonFields>;

/** From `from` on (null: since before the records began), the person is with `agencyId` (null: no agency). */
export const Affiliation = z.object({
  agencyId: Id.nullable(),
  from: LocalDate.nullable(),
});
export type Affiliation = z.infer<typeof Affiliation>;

/**
 * A person known to the partnership. `affiliations` is the history of their agency, oldest first,
 * empty until they first move (then `agencyId` was always theirs); its last entry is `agencyId`.
 * A register line is stamped with the agency it counts for when it is recorded, so a move never
 * rewrites the past.
 */
export const Person = PersonFields.extend({
  affiliations: z.array(Affiliation).default([]),
  /** The first day they were no longer with the partnership, when known (`active` is false from then). */
  inactiveFrom: LocalDate.nullable().default(null),
  /** When their personal details were erased on request; the record keeps their place in histories. */
  erasedAt: Instant.nullable().default(null),
}).superRefine((person, context) => {
  const { affiliations } = person;
  if (affiliations.length === 0) return;
  if (affiliations[0]!.from !== null) context.addIssue({ code: 'custom', message: 'the first affiliation starts with no date', path: ['affiliations', 0, 'from'] });
  for (let index = 1; index < affiliations.length; index++) {
    const from = affiliations[index]!.from;
    const previous = affiliations[index - 1]!.from;
    if (from === null || (previous !== null && from <= previous)) {
      context.addIssue({ code: 'custom', message: 'affiliations must start on later and later dates', path: ['affiliations', index, 'from'] });
    }
  }
  if (affiliations.at(-1)!.agencyId !== person.agencyId) {
    context.addIssue({ code: 'custom', message: 'must be the agency of the latest affiliation', path: ['agencyId'] });
  }
  if (person.inactiveFrom !== null && person.active) {
    context.addIssue({ code: 'custom', message: 'an active person has no date they left', path: ['inactiveFrom'] });
  }
});
export type Person = z.infer<typeof Person>;

/** The agency a person was with on a day: the latest affiliation begun by then. */
export function agencyOn(person: Pick<Person, 'agencyId' | 'affiliations'>, date: LocalDate): string | null {
  const { affiliations } = person;
  if (affiliations.length === 0) return person.agencyId;
  let agencyId = affiliations[0]!.agencyId;
  for (const affiliation of affiliations) {
    if (affiliation.from === null || affiliation.from <= date) agencyId = affiliation.agencyId;
  }
  return agencyId;
}

/**
 * The affiliations after recording that from `from` on the person is with `agencyId`: later
 * entries are replaced (a correction), earlier ones stand, so the past is never rewritten.
 */
export function affiliationsAfterMove(person: Pick<Person, 'agencyId' | 'affiliations'>, agencyId: string | null, from: LocalDate): Affiliation[] {
  const history = person.affiliations.length > 0 ? person.affiliations : [{ agencyId: person.agencyId, from: null }];
  const kept = history.filter((a) => a.from === null || a.from < from);
  return kept.at(-1)!.agencyId === agencyId ? kept : [...kept, { agencyId, from }];
}

/** Whether a person was with the partnership on a day: active, or inactive only from a later day. */
export function isActiveOn(person: Pick<Person, 'active' | 'inactiveFrom'>, date: LocalDate): boolean {
  return person.active || (person.inactiveFrom !== null && date < person.inactiveFrom);
}

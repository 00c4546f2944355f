import { z } from 'zod';
import { Id } from '../base/ids.js';

/** What a person may do across the whole partnership (beyond chairing or owning actions). */
export const PartnershipRole = z.enum(['business-team', 'executive', 'scrutineer']);
export type PartnershipRole = z.infer<typeof PartnershipRole>;

/** A person known to the partnership; `agencyId: null` is a guest with no agency. */
export const Person = z.object({
  id: Id,
  name: z.string().min(1),
  email: z.email().transform((e) => e.toLowerCase()),
  agencyId: Id.nullable(),
  roleTitles: z.array(z.string().min(1)).default([]),
  roles: z.array(PartnershipRole).default([]),
  /** Chat identities: the sender is matched on these, never on a display name. */
  teamsAadObjectId: z.string().min(1).nullable().default(null),
  slackUserId: z.string().min(1).nullable().default(null),
  active: z.boolean().default(true),
});
export type Person = z.infer<typeof Person>;

import { z } from 'zod';
import { Instant } from '../base/time.js';

/** Who made a change: a known person, or a trusted system process (the CLI, the scheduler). */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: z.string().min(1) }),
  z.object({ kind: z.literal('system'), name: z.string().min(1) }),
]);
export type Actor = z.infer<typeof Actor>;

/** Renders an actor as the short text stored in audit entries and histories. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'person' ? actor.personId : `system:${actor.name}`;
}

/** One change made through the store: who, when, what, before and after. */
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: Instant,
  by: z.string().min(1),
  command: z.string().min(1),
  entity: z.string().min(1),
  entityId: z.string().min(1),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /**
   * Set when a later GDPR erasure rewrote this entry (`redactAudit`): it no longer reads as it was
   * first written, which a store checking its history against a change log must allow for.
   */
  redacted: z.literal(true).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

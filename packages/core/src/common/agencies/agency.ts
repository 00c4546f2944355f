import { z } from 'zod';
import { Id } from '../base/ids.js';

/** The kind of organisation an agency is, for rollups and reports. */
export const Sector = z.enum([
  'local-authority',
  'health',
  'police',
  'education',
  'probation',
  'housing',
  'voluntary-community',
  'independent',
  'other',
]);
export type Sector = z.infer<typeof Sector>;

/** A sector as tables and the annual report name it. */
export const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  'local-authority': 'Local authority',
  health: 'Health',
  police: 'Police',
  education: 'Education',
  probation: 'Probation',
  housing: 'Housing',
  'voluntary-community': 'Voluntary and community',
  independent: 'Independent',
  other: 'Other',
};

/**
 * Which of the three statutory safeguarding partners (Working Together 2023: the local
 * authority, the ICB for health, the chief officer of police) an agency is, or is part of;
 * `none` for a relevant agency, such as an NHS provider trust, a school or probation.
 */
export const StatutoryRole = z.enum(['local-authority', 'health', 'police', 'none']);
export type StatutoryRole = z.infer<typeof StatutoryRole>;

/** A statutory partner an agency's people can stand for at a meeting whose quorum needs all three. */
export const QuorumRole = StatutoryRole.exclude(['none']);
export type QuorumRole = z.infer<typeof QuorumRole>;

/**
 * An agency in the partnership's register. `kind: 'role'` is a reporting row that is not an
 * organisation (an independent chair, the independent scrutineer), which annual reports show
 * beside the agencies.
 */
export const Agency = z.object({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(['organisation', 'role']).default('organisation'),
  sector: Sector,
  statutoryRole: StatutoryRole.default('none'),
  /**
   * The statutory partner its people stand for when a quorum needs all three, where the
   * partnership's terms of reference let a relevant agency do so (a provider trust's named nurse
   * for health); null: its statutory role, or its parent's.
   */
  quorumRole: QuorumRole.nullable().default(null),
  /** The organisation this one is part of, e.g. "Croydon Council: Housing" within the council. */
  parentId: Id.nullable().default(null),
  /** Other names people use for it, matched on import. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Agencies it took over (the CCG an ICB replaced): their income compares across years as its own. */
  predecessorIds: z.array(Id).default([]),
});
export type Agency = z.infer<typeof Agency>;

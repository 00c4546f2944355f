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

/** Which of the three statutory safeguarding partners an agency belongs to, if any. */
export const StatutoryRole = z.enum(['local-authority', 'health', 'police', 'none']);
export type StatutoryRole = z.infer<typeof StatutoryRole>;

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
  /** The organisation this one is part of, e.g. "Croydon Council: Housing" within the council. */
  parentId: Id.nullable().default(null),
  /** Other names people use for it, matched on import. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Agencies it took over (the CCG an ICB replaced): their income compares across years as its own. */
  predecessorIds: z.array(Id).default([]),
});
export type Agency = z.infer<typeof Agency>;

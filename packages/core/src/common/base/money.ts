import { z } from 'zod';

/** An amount of money in integer pence, so that sums are exact. */
export const Pence = z.number().int().safe();
export type Pence = z.infer<typeof Pence>;

import { z } from 'zod';
import { Id } from '../base/ids.js';
import { Pence } from '../base/money.js';

/** A financial year as people write it, e.g. `2024/25`. */
export const FinancialYearLabel = z.string().regex(/^\d{4}\/\d{2}$/, 'must look like 2024/25');
export type FinancialYearLabel = z.infer<typeof FinancialYearLabel>;

/** A contribution to the partnership's budget, from an agency or a named external source. */
export const Contribution = z
  .object({
    id: Id,
    financialYear: FinancialYearLabel,
    agencyId: Id.nullable().default(null),
    /** A named source that is not an agency, e.g. "Income from PHEW platform". */
    source: z.string().min(1).nullable().default(null),
    /** How the line reads in the income table, when not the agency's or source's name. */
    label: z.string().min(1).nullable().default(null),
    amountPence: Pence.nonnegative(),
    kind: z.enum(['cash', 'in-kind']).default('cash'),
    state: z.enum(['pledged', 'received']).default('received'),
  })
  .refine((c) => c.agencyId !== null || c.source !== null, {
    message: 'needs an agency or a named source',
    path: ['agencyId'],
  });
export type Contribution = z.infer<typeof Contribution>;

/** Money the partnership spent in a year, by category. */
export const Expenditure = z.object({
  id: Id,
  financialYear: FinancialYearLabel,
  category: z.string().min(1),
  amountPence: Pence.nonnegative(),
  description: z.string().min(1).nullable().default(null),
  /** Names the category had in earlier years ("Staffing & related costs"), so years compare line by line. */
  formerNames: z.array(z.string().min(1)).default([]),
});
export type Expenditure = z.infer<typeof Expenditure>;

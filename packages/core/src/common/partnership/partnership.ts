import { z } from 'zod';

/** The partnership itself: who it is and how its calendar works. */
export const Partnership = z.object({
  name: z.string().min(1),
  area: z.string().min(1),
  /** Month (1-12) and day on which the financial year starts: 1 April in England. */
  financialYearStart: z
    .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) })
    .default({ month: 4, day: 1 }),
  /** IANA time zone in which meetings are shown and days begin. */
  timeZone: z.string().min(1).default('Europe/London'),
  /** Engagement below this percentage is flagged in the digest. */
  engagementThreshold: z.number().int().min(0).max(1000).default(50),
});
export type Partnership = z.infer<typeof Partnership>;

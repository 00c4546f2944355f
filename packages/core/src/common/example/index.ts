import { AGENCY } from './agencies.js';
import { CHALLENGE } from './challenges.js';
import { PERSON } from './people.js';
import { PLAN } from './plans.js';
import { REVIEW } from './reviews.js';
import { SUBGROUP } from './subgroups.js';

export { examplePartnership, EXAMPLE_AS_OF, EXAMPLE_ACTOR } from './examplePartnership.js';
export {
  PLAYGROUND_CHAIR_AAD_OBJECT_ID,
  PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID,
  exampleSlackUserId,
  EXAMPLE_CHAIR_ID,
  EXAMPLE_BUSINESS_MANAGER_ID,
} from './people.js';

/** The ids of the example's agencies, people, subgroups, plans and register records, for tests and demos. */
export const EXAMPLE_IDS = { agencies: AGENCY, people: PERSON, subgroups: SUBGROUP, plans: PLAN, reviews: REVIEW, challenges: CHALLENGE } as const;

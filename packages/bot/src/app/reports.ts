import type { Clock, Database, Store } from '@partnership-tracker/core';
import type { Reply } from './reply.js';

/** The read-only reports: digest, engagement and funding tables. */
export class Reports {
  constructor(private readonly options: { store: Store; clock: Clock; publicUrl: string }) {}

  /** The quarterly digest as a card, linking the full HTML digest. */
  digest(_db: Database, _period: string | null): Reply {
    return { text: 'The quarterly digest is not available in this version yet.' };
  }

  /** The engagement table for a subgroup and period. */
  engagement(_db: Database, _rest: string): Reply {
    return { text: 'The engagement table is not available in this version yet.' };
  }

  /** The funding tables for a financial year. */
  funding(_db: Database, _year: string | null): Reply {
    return { text: 'The funding tables are not available in this version yet.' };
  }
}

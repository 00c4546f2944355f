import { describe, expect, it } from 'vitest';
import { examplePartnership } from '../example/index.js';
import { Database, emptyDatabase } from '../store/database.js';
import { formatPence, formatShare, fundingSummary, type ShareTable } from './fundingTables.js';

// Issue 11, item 3: "by statutory partner" is about the three statutory partners as organisations
// (Working Together 2023): the ICB, not every NHS body; the police whether it paid through MOPAC
// or a BCU. Provider trusts are relevant agencies.
const example = examplePartnership();
const printed = (table: ShareTable) => table.lines.map((l) => `${l.label} | ${formatPence(l.amountPence)} | ${formatShare(l.share)}`);

describe('income by statutory partner in the example 2024/25', () => {
  const summary = fundingSummary(example, '2024/25');

  it('gives the ICB its own 8.05%, the provider trusts counting as relevant agencies', () => {
    expect(printed(summary.byStatutoryPartner)).toEqual([
      'Croydon Council | £311,609 | 74.09%',
      'NHS Southwest London Integrated Care Board | £33,850 | 8.05%',
      'Metropolitan Police | £10,000 | 2.38%',
      'Relevant agencies | £53,090 | 12.62%',
      'Other sources | £12,054 | 2.86%',
    ]);
    expect(summary.byStatutoryPartner.shareTotal).toBe(10_000);
  });

  it('splits what the three statutory partners gave between them', () => {
    expect(printed(summary.statutoryPartnerSplit)).toEqual(['Local authority | £311,609 | 87.67%', 'Health (ICB) | £33,850 | 9.52%', 'Police | £10,000 | 2.81%']);
    expect(summary.statutoryPartnerSplit.shareTotal).toBe(10_000);
  });

  it('leaves the published income lines as they were', () => {
    expect(summary.income.lines.map((l) => `${l.label} ${formatShare(l.share)}`)).toEqual([
      'Croydon Council 74.09%',
      'Croydon ICB 8.05%',
      'Croydon Health Service NHS 8.05%',
      'South London and Maudsley 3.22%',
      'Income from PHEW platform 2.86%',
      'Met Police (MOPAC) 1.19%',
      'Met Police (South BCU) 1.19%',
      'National Probation Service 0.89%',
      'Reaching Higher (contribution to conference costs) 0.46%',
    ]);
  });
});

describe('income by statutory partner with two councils and no police', () => {
  it('lists a partner missing from the register by its role, and each of two councils of one partnership', () => {
    const db = Database.parse({
      ...emptyDatabase({ name: 'Bi-borough Partnership', area: 'Westshire and Eastshire' }),
      agencies: [
        { id: 'west', name: 'Westshire Council', sector: 'local-authority', statutoryRole: 'local-authority' },
        { id: 'east', name: 'Eastshire Council', sector: 'local-authority', statutoryRole: 'local-authority' },
        { id: 'icb', name: 'Shires ICB', sector: 'health', statutoryRole: 'health' },
      ],
      contributions: [
        { id: 'w', financialYear: '2024/25', agencyId: 'west', amountPence: 6_000_000 },
        { id: 'e', financialYear: '2024/25', agencyId: 'east', amountPence: 3_000_000 },
        { id: 'i', financialYear: '2024/25', agencyId: 'icb', amountPence: 1_000_000 },
      ],
    });
    const summary = fundingSummary(db, '2024/25');
    expect(printed(summary.byStatutoryPartner)).toEqual([
      'Westshire Council | £60,000 | 60.00%',
      'Eastshire Council | £30,000 | 30.00%',
      'Shires ICB | £10,000 | 10.00%',
      'Police | £0 | 0.00%',
      'Relevant agencies | £0 | 0.00%',
      'Other sources | £0 | 0.00%',
    ]);
    expect(printed(summary.statutoryPartnerSplit)).toEqual(['Local authority | £90,000 | 90.00%', 'Health (ICB) | £10,000 | 10.00%', 'Police | £0 | 0.00%']);
  });
});

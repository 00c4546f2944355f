import { describe, expect, it } from 'vitest';
import { applyCommands } from '../store/applyCommands.js';
import { Database, emptyDatabase } from '../store/database.js';
import { contributionKey, expenditureKey } from './fundingKeys.js';

const agencies = Database.parse({
  ...emptyDatabase({ name: 'Test Partnership', area: 'Testshire' }),
  agencies: [
    { id: 'icb', name: 'NHS South West London ICB', sector: 'health', statutoryRole: 'health', aliases: ['Croydon ICB'] },
    { id: 'police', name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police' },
  ],
}).agencies;

const line = (fields: { agencyId?: string; source?: string; label?: string; financialYear?: string }) => ({
  financialYear: fields.financialYear ?? '2024/25',
  agencyId: fields.agencyId ?? null,
  source: fields.source ?? null,
  label: fields.label ?? null,
});

describe('what an income line is', () => {
  it.each([
    ['a label that is the agency\'s alias', line({ agencyId: 'icb', label: 'Croydon ICB' }), line({ agencyId: 'icb' })],
    ['a label that is the agency\'s name in other case', line({ agencyId: 'icb', label: 'nhs south west london icb' }), line({ agencyId: 'icb' })],
    ['a source written with other spacing and case', line({ source: 'Income from  PHEW platform' }), line({ source: 'income from PHEW platform' })],
  ])('%s is the same line', (_name, a, b) => {
    expect(contributionKey(a, agencies)).toBe(contributionKey(b, agencies));
  });

  it.each([
    ['two labels of one agency', line({ agencyId: 'police', label: 'Met Police (MOPAC)' }), line({ agencyId: 'police', label: 'Met Police (South BCU)' })],
    ['an agency and a source of the same name', line({ agencyId: 'police' }), line({ source: 'Metropolitan Police' })],
    ['two years', line({ agencyId: 'icb' }), line({ agencyId: 'icb', financialYear: '2025/26' })],
    ['labels that differ only in brackets and dashes', line({ source: 'Grant', label: 'IT (Adobe)' }), line({ source: 'Grant', label: 'IT - Adobe' })],
    ['wholly non-Latin sources', line({ source: 'Фонд' }), line({ source: '基金' })],
  ])('%s are different lines', (_name, a, b) => {
    expect(contributionKey(a, agencies)).not.toBe(contributionKey(b, agencies));
  });
});

describe('what a spending line is', () => {
  it('is its year and category, as people mean the name', () => {
    expect(expenditureKey({ financialYear: '2024/25', category: 'Staff & related costs' })).toBe(expenditureKey({ financialYear: '2024/25', category: 'staff and  related costs' }));
    expect(expenditureKey({ financialYear: '2024/25', category: 'IT (Adobe)' })).not.toBe(expenditureKey({ financialYear: '2024/25', category: 'IT - Adobe' }));
  });
});

describe('core keeps one line per key', () => {
  const context = { actor: { kind: 'system' as const, name: 'test' }, at: '2025-05-01T10:00:00Z' };
  const db = Database.parse({
    ...emptyDatabase({ name: 'Test Partnership', area: 'Testshire' }),
    agencies,
    contributions: [{ id: 'icb-line', financialYear: '2024/25', agencyId: 'icb', label: 'Croydon ICB', amountPence: 3_000_000 }],
    expenditure: [{ id: 'staff', financialYear: '2024/25', category: 'Staff & related costs', amountPence: 100 }],
  });

  it('refuses a second income line for the same agency and label, whatever its id', () => {
    const result = applyCommands(db, [{ type: 'contribution.upsert', contribution: { id: 'icb-again', financialYear: '2024/25', agencyId: 'icb', amountPence: 3_000_000 } }], context);
    expect(result).toMatchObject({ success: false, error: { code: 'contribution.duplicate_line', message: 'Contribution icb-again: 2024/25 already has this line as icb-line; update that one, or give the lines different labels.' } });
  });

  it('refuses a second spending line in the same category', () => {
    const result = applyCommands(db, [{ type: 'expenditure.upsert', expenditure: { id: 'staff-2', financialYear: '2024/25', category: 'Staff and related costs', amountPence: 100 } }], context);
    expect(result).toMatchObject({ success: false, error: { code: 'expenditure.duplicate_category' } });
  });

  it('still updates lines that shared a key before lines were keyed', () => {
    const old = Database.parse({ ...db, contributions: [...db.contributions, { id: 'icb-by-name', financialYear: '2024/25', agencyId: 'icb', amountPence: 3_000_000 }] });
    const result = applyCommands(old, [{ type: 'contribution.upsert', contribution: { id: 'icb-by-name', financialYear: '2024/25', agencyId: 'icb', amountPence: 0 } }], context);
    expect(result.success).toBe(true);
  });
});

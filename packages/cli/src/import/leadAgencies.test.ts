import { actionsReport } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';

describe('several lead agencies per action (issue 14)', () => {
  it('reads several lead agencies separated by ";", the principal one first, and exports them all', () => {
    const { db } = importExamples();
    expect(db.actions.find((a) => a.ref === 'A-3')!.leadAgencyIds).toEqual(['metropolitan-police', 'croydon-council-children-s-social-care']);
    expect(db.actions.find((a) => a.ref === 'A-1')!.leadAgencyIds).toEqual(['croydon-council-quality-assurance']);
    const row = actionsReport(db, { today: '2025-11-01' }).tables[0]!.rows.find((r) => r.ref === 'A-3')!;
    expect(row.leadAgency).toBe("Metropolitan Police; Croydon Council: Children's Social Care");
  });

  it('keeps the lead agencies when a file leaves the column blank, and replaces them when it names others', () => {
    const { db } = importExamples();
    const blank = importText(db, 'actions', 'ref,plan,title,due,lead_agency\nA-3,Business plan 2025–27,Agree a joint protocol for children at risk of exploitation,31/10/2025,\n');
    expect(blank.error).toBe('');
    expect(blank.db.actions.find((a) => a.ref === 'A-3')!.leadAgencyIds).toEqual(['metropolitan-police', 'croydon-council-children-s-social-care']);
    const one = importText(db, 'actions', 'ref,plan,title,due,lead_agency\nA-3,Business plan 2025–27,Agree a joint protocol for children at risk of exploitation,31/10/2025,Met Police\n');
    expect(one.changes).toBe('changed 1 action');
    expect(one.db.actions.find((a) => a.ref === 'A-3')!.leadAgencyIds).toEqual(['metropolitan-police']);
  });

  it('refuses an unknown agency or one named twice, against its row, and imports nothing', () => {
    const { db } = importExamples();
    const text = [
      'ref,plan,title,due,lead_agency',
      'A-7,Business plan 2025–27,Do it,31/10/2025,Metropolitan Police; Nobody Agency',
      'A-8,Business plan 2025–27,Do it too,31/10/2025,Metropolitan Police; Met Police',
    ].join('\n');
    const result = importText(db, 'actions', text);
    expect(result.db).toBe(db);
    expect(result.error).toMatchInlineSnapshot(`
      "actions.csv:2: column "lead_agency": unknown agency "Nobody Agency"; add it to the agencies first, or import with --create-agencies
      actions.csv:3: column "lead_agency": names Metropolitan Police twice"
    `);
  });
});

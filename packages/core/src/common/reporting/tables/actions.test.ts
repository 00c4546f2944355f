import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../base/dates.js';
import { unwrap } from '../../base/result.js';
import { examplePartnership } from '../../example/examplePartnership.js';
import { actionsReport } from './actions.js';

const db = examplePartnership();

describe('actionsReport', () => {
  it('lists the actions due in a period with their RAG as at the given day and the last update', () => {
    const report = actionsReport(db, { today: '2025-11-01', period: unwrap(parsePeriod('2025/26 Q3')) });
    expect(report.title).toBe('Actions due 2025/26 Q3 (RAG as at 2025-11-01)');
    expect(report.tables[0]!.rows.map((r) => r.ref)).toEqual(['B-4', 'B-9', 'B-18', 'B-25', 'B-33']);
    expect(report.tables[0]!.rows[0]).toMatchObject({ owner: 'CSCP Quality Assurance Officer', due: '2025-12-31', status: 'complete', rag: 'green', lastUpdate: '2025-12-12' });
  });

  it('lists every action of every plan, oldest plan first and refs in number order, when no period is given', () => {
    const rows = actionsReport(db, { today: '2025-11-01' }).tables[0]!.rows;
    expect(rows).toHaveLength(db.actions.length);
    const refsOfFirstPlan = rows.filter((r) => r.plan === rows[0]!.plan).map((r) => Number(String(r.ref).split('-')[1]));
    expect(refsOfFirstPlan).toEqual([...refsOfFirstPlan].sort((a, b) => a - b));
  });
});

import type { Report } from '../table.js';

/** A one-table report with every awkward cell the writers must handle: money with and without pence, a marker in a numeric column, blanks, a pipe and quotes in text. */
export const sampleReport: Report = {
  title: 'Income 2024/25',
  tables: [
    {
      title: 'Income 2024/25',
      columns: [
        { key: 'source', header: 'Source', type: 'text' },
        { key: 'amount', header: 'Amount', type: 'pence' },
        { key: 'share', header: 'Share', type: 'share' },
        { key: 'attendance', header: 'Attendance', type: 'percent' },
        { key: 'due', header: 'Due', type: 'date' },
      ],
      rows: [
        { source: 'Croydon Council', amount: 31_160_900, share: 7408, attendance: 133, due: '2025-03-31' },
        { source: 'Voluntary, community | "quoted"', amount: 195_950, share: 46, attendance: '—', due: null },
      ],
      total: { source: 'Total', amount: 31_356_850, share: 7454, attendance: null, due: null },
    },
  ],
  notes: ['— = not a member.'],
};

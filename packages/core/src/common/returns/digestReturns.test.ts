import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { quarterlyDigest } from '../reporting/digest.js';
import { digestView } from '../reporting/digestView.js';
import { renderDigestMarkdown } from '../reporting/render/digestMarkdown.js';
import { applyCommands } from '../store/applyCommands.js';
import { actors, by, sampleDatabase } from '../store/__fixtures__/sampleDatabase.js';

const quarter = (text: string) => unwrap(parsePeriod(text));

/** The sample partnership asking the council and the police for the 2025/26 Q1 dataset by Friday 20 June 2025; the police's comes on 3 July. */
function withLateDataset() {
  const request = {
    id: 'dataset-q1',
    kind: 'quarterly-dataset' as const,
    title: 'Dataset 2025/26 Q1',
    period: '2025/26 Q1',
    dueOn: '2025-06-20',
    agencies: [{ agencyId: 'council' }, { agencyId: 'police' }],
  };
  const response = { id: 'dataset-q1:police', returnId: 'dataset-q1', agencyId: 'police', state: 'received' as const, receivedOn: '2025-07-03' };
  return unwrap(applyCommands(sampleDatabase(), [{ type: 'return.upsert', request }, { type: 'returnResponse.upsert', response }], by(actors.businessTeam, '2025-07-03T10:00:00.000Z'))).db;
}

describe('the quarterly digest\'s returns', () => {
  it('counts the returns that fell due in the quarter as at its end: one that came after is missing there', () => {
    const digest = unwrap(quarterlyDigest(withLateDataset(), { quarter: quarter('2025/26 Q1'), now: '2025-07-10T09:00:00Z' }));
    expect(digest.returns).toEqual({
      returns: [{ id: 'dataset-q1', title: 'Dataset 2025/26 Q1', dueOn: '2025-06-20' }],
      agencies: [
        { agencyId: 'council', name: 'Croydon Council', statuses: ['Missing'] },
        { agencyId: 'police', name: 'Metropolitan Police', statuses: ['Missing'] },
      ],
      totals: { asked: 2, onTime: 0, late: 0, partial: 0, missing: 2 },
    });
    expect(digestView(digest, 'Europe/London').headline.at(-1)).toBe('Returns due this quarter: 0 of 2 on time, 0 late, 0 partial, 2 missing at the quarter end.');
    expect(renderDigestMarkdown(digest, 'Europe/London')).toContain('## Returns due this quarter\n\n| Agency | Dataset 2025/26 Q1 |\n| --- | --- |\n| Croydon Council | Missing |\n| Metropolitan Police | Missing |');
  });

  it('leaves returns out of a quarter in which none fell due, and out of a partnership that keeps none', () => {
    expect(unwrap(quarterlyDigest(withLateDataset(), { quarter: quarter('2025/26 Q2'), now: '2025-10-10T09:00:00Z' }))).not.toHaveProperty('returns');
    const none = unwrap(quarterlyDigest(sampleDatabase(), { quarter: quarter('2025/26 Q1'), now: '2025-07-10T09:00:00Z' }));
    expect(none).not.toHaveProperty('returns');
    expect(renderDigestMarkdown(none, 'Europe/London')).not.toContain('Returns');
  });
});

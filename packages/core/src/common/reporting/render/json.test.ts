import { describe, expect, it } from 'vitest';
import { sampleReport as report } from '../__fixtures__/sampleReport.js';
import { writeJson } from './json.js';

describe('writeJson', () => {
  it('writes JSON with the raw typed values', () => {
    expect(JSON.parse(writeJson(report)).tables[0].rows[0]).toEqual({ source: 'Croydon Council', amount: 31_160_900, share: 7408, attendance: 133, due: '2025-03-31' });
  });
});

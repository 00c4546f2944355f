import { describe, expect, it } from 'vitest';
import { isMemberOn } from './subgroup.js';

const subgroup = {
  members: [
    { agencyId: 'police', joined: '2024-04-01', left: '2024-09-30', expectedRepresentatives: 1 },
    { agencyId: 'police', joined: '2025-01-01', left: null, expectedRepresentatives: 1 },
  ],
};

describe('membership on a day', () => {
  it.each([
    ['2024-03-31', false],
    ['2024-04-01', true],
    ['2024-09-30', true],
    ['2024-10-01', false],
    ['2025-01-01', true],
    ['2030-06-15', true],
  ])('police on %s: %s (joined and left days both count)', (date, expected) => {
    expect(isMemberOn(subgroup, 'police', date)).toBe(expected);
  });

  it('is false for an agency that never joined', () => {
    expect(isMemberOn(subgroup, 'housing', '2025-06-01')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../base/dates.js';
import { unwrap } from '../../base/result.js';
import { examplePartnership } from '../../example/examplePartnership.js';
import { attendanceRegister } from './attendanceRegister.js';

const db = examplePartnership();

describe('attendanceRegister', () => {
  const register = attendanceRegister(db, { period: unwrap(parsePeriod('2024/25 Q2')), subgroupId: 'review-group' });
  const rows = register.tables[0]!.rows;

  it('lists a deputy under the agency of the person they stood in for', () => {
    expect(rows.find((r) => r.deputisingFor !== null)).toMatchObject({
      agency: 'Public Health',
      person: 'Health Improvement Lead, Croydon Council',
      deputisingFor: 'Consultant in Public Health, Croydon Council',
    });
  });

  it('lists agencies in name order with guests last, at the meeting date and local time', () => {
    expect(register.title).toBe('Attendance register 2024/25 Q2');
    expect(rows.at(-1)).toMatchObject({ agency: 'Guest', person: 'DfE Safeguarding Reforms Adviser', email: null });
    const agencies = rows.slice(0, -1).map((r) => r.agency as string);
    expect(agencies).toEqual([...agencies].sort());
    expect(rows[0]).toMatchObject({ meeting: 'Review Group', subgroup: 'Review', date: '2024-09-10', time: '10:00' });
  });
});

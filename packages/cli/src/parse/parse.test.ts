import { describe, expect, it } from 'vitest';
import { parseAmount, parseEmailList, parseLocalDate, parseTimeOfDay, parseYearLabel } from './index.js';

describe('parseAmount', () => {
  it.each([
    ['311609', 31_160_900],
    ['311,609', 31_160_900],
    ['£311,609.00', 31_160_900],
    ['£ 1,234.5', 123_450],
    ['  825 ', 82_500],
    ['0.07', 7],
    ['1,000,000', 100_000_000],
  ])('reads %j as %i pence', (text, pence) => {
    expect(parseAmount(text)).toEqual({ success: true, data: pence });
  });

  it.each(['', '-5', '12,34', '1.234', '£', 'ten pounds', '1,2345', '$5'])('refuses %j', (text) => {
    const result = parseAmount(text);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('input.bad_amount');
  });

  it('says how to write an amount', () => {
    expect(parseAmount('12,34')).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "input.bad_amount",
          "message": ""12,34" is not an amount of money; write it like 311609, 311,609 or £311,609.00",
        },
        "success": false,
      }
    `);
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['2025-03-31', '2025-03-31'],
    ['31/03/2025', '2025-03-31'],
    ['1/4/2024', '2024-04-01'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %s', (text, date) => {
    expect(parseLocalDate(text)).toEqual({ success: true, data: date });
  });

  it.each([
    ['31/02/2025', 'input.date_out_of_range'],
    ['29/02/2025', 'input.date_out_of_range'],
    ['2025-13-01', 'input.date_out_of_range'],
    ['03/31/25', 'input.bad_date'],
    ['next Tuesday', 'input.bad_date'],
  ])('refuses %j with %s', (text, code) => {
    const result = parseLocalDate(text);
    expect(result.success ? 'ok' : result.error.code).toBe(code);
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['09:30', '09:30'],
    ['9:30', '09:30'],
    ['14.00', '14:00'],
  ])('reads %j as %s', (text, time) => {
    expect(parseTimeOfDay(text)).toEqual({ success: true, data: time });
  });

  it.each(['24:00', '9', '9:5', '10am'])('refuses %j', (text) => {
    expect(parseTimeOfDay(text).success).toBe(false);
  });
});

describe('parseYearLabel', () => {
  it.each([
    ['2024/25', '2024/25'],
    ['2024-25', '2024/25'],
    ['2024/2025', '2024/25'],
    ['1999/00', '1999/00'],
    ['2024–25', '2024/25'],
    ['FY 24/25', '2024/25'],
    ['24/25', '2024/25'],
  ])('reads %j as %s', (text, label) => {
    expect(parseYearLabel(text)).toEqual({ success: true, data: label });
  });

  it.each(['2024/26', '2024', '24/26', 'Q1 2025'])('refuses %j', (text) => {
    expect(parseYearLabel(text).success).toBe(false);
  });
});

describe('parseEmailList', () => {
  it('splits on commas and semicolons and lower-cases', () => {
    expect(parseEmailList('A@x.org, b@y.org;c@z.org')).toEqual({ success: true, data: ['a@x.org', 'b@y.org', 'c@z.org'] });
  });

  it('names the address that is wrong', () => {
    const result = parseEmailList('a@x.org, bob');
    expect(result.success ? '' : result.error.message).toBe('"bob" is not an email address');
  });
});

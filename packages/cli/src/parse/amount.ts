import { fail, ok, type Result } from '@partnership-tracker/core';

/**
 * Reads an amount of pounds as the business team types it (`311609`, `311,609`, `£311,609.00`)
 * and returns integer pence, so that no sum is ever off by a rounding error.
 */
export function parseAmount(text: string): Result<number> {
  const compact = text.trim().replace(/^£\s*/, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) {
    return fail('input.bad_amount', `"${text}" is not an amount of money; write it like 311609, 311,609 or £311,609.00`);
  }
  const pounds = Number(match[1]!.replace(/,/g, ''));
  const pence = Number((match[2] ?? '0').padEnd(2, '0'));
  const total = pounds * 100 + pence;
  if (!Number.isSafeInteger(total)) return fail('input.bad_amount', `"${text}" is too large an amount`);
  return ok(total);
}

import { describe, expect, it } from 'vitest';
import { unwrap } from '../base/result.js';
import { applyCommands } from './applyCommands.js';
import { emptyDatabase } from './database.js';

const system = { actor: { kind: 'system', name: 'test' }, at: '2025-01-01T09:00:00.000Z' } as const;

describe('partnership.update', () => {
  it('changes only the settings it names', () => {
    const db = emptyDatabase({ name: 'Old name', area: 'Croydon', timeZone: 'Europe/Dublin' });
    const next = unwrap(applyCommands(db, [{ type: 'partnership.update', partnership: { name: 'New name' } }], system)).db;
    expect(next.partnership).toEqual({ ...db.partnership, name: 'New name' });
  });

  it('refuses a time zone that does not exist, naming it', () => {
    const db = emptyDatabase({ name: 'P', area: 'A' });
    const result = applyCommands(db, [{ type: 'partnership.update', partnership: { timeZone: 'Europe/Croydon' } }], system);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toBe('partnership.timeZone: must be an IANA time zone such as Europe/London');
  });
});

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

describe('action.update', () => {
  it('records a retried submission (same requestId) once', async () => {
    const { sampleDatabase, actors, by } = await import('./__fixtures__/sampleDatabase.js');
    const db = sampleDatabase();
    const update = { type: 'action.update', ref: 'A-1', progress: 60, requestId: 'teams:activity-1' } as const;
    const first = unwrap(applyCommands(db, [update], by(actors.owner)));
    const retried = unwrap(applyCommands(first.db, [update], by(actors.owner, '2025-06-01T10:00:05.000Z')));
    expect(retried.audit).toEqual([]);
    expect(retried.db.actions.find((a) => a.ref === 'A-1')!.history).toHaveLength(db.actions.find((a) => a.ref === 'A-1')!.history.length + 1);
  });

  it('audits the fields that changed and the appended history entry, not the whole history again', async () => {
    const { sampleDatabase, actors, by } = await import('./__fixtures__/sampleDatabase.js');
    const db = sampleDatabase();
    const { audit } = unwrap(applyCommands(db, [{ type: 'action.update', ref: 'A-1', progress: 40, note: 'Met the ICB lead' }], by(actors.owner)));
    expect(audit).toHaveLength(1);
    const entry = audit[0]!;
    expect(entry.before).not.toHaveProperty('history');
    expect(entry.after).not.toHaveProperty('history');
    expect(entry.after).toMatchObject({ progress: 40, historyAppended: [{ progress: 40, note: 'Met the ICB lead', byId: 'olu-owner' }] });
  });
});

describe('the audit log', () => {
  it('records a created record whole and, for a change, only the fields that changed', async () => {
    const { sampleDatabase, actors, by } = await import('./__fixtures__/sampleDatabase.js');
    const db = sampleDatabase();
    const agency = { id: 'new-agency', name: 'New Agency', sector: 'housing' } as const;
    const created = unwrap(applyCommands(db, [{ type: 'agency.upsert', agency }], by(actors.cli)));
    expect(created.audit[0]).toMatchObject({ before: null, after: { id: 'new-agency', name: 'New Agency', sector: 'housing', statutoryRole: 'none' } });
    const renamed = unwrap(applyCommands(created.db, [{ type: 'agency.upsert', agency: { ...agency, name: 'Renamed Agency' } }], by(actors.cli)));
    expect(renamed.audit[0]).toMatchObject({ by: 'system:cli', entity: 'agency', entityId: 'new-agency', before: { name: 'New Agency' }, after: { name: 'Renamed Agency' } });
    expect(Object.keys(renamed.audit[0]!.after as object)).toEqual(['name']);
  });
});

describe('outbox.claim', () => {
  const scheduler = { kind: 'system', name: 'scheduler' } as const;
  it('takes over an expired claim only when it names that claim, so one of two racing schedulers wins', async () => {
    const { sampleDatabase } = await import('./__fixtures__/sampleDatabase.js');
    const first = unwrap(applyCommands(sampleDatabase(), [{ type: 'outbox.claim', key: 'reminder:A-1' }], { actor: scheduler, at: '2025-06-01T09:00:00.000Z' }));
    const later = { actor: scheduler, at: '2025-06-01T09:20:00.000Z' };
    const takeOver = { type: 'outbox.claim', key: 'reminder:A-1', takeOverClaimedAt: '2025-06-01T09:00:00.000Z' } as const;
    const winner = unwrap(applyCommands(first.db, [takeOver], later));
    expect(winner.db.outbox[0]).toMatchObject({ state: 'claimed', claimedAt: later.at, attempts: 2 });
    const loser = applyCommands(winner.db, [takeOver], later);
    expect(loser.success).toBe(false);
    if (!loser.success) expect(loser.error.code).toBe('outbox.already_claimed');
    const plain = applyCommands(first.db, [{ type: 'outbox.claim', key: 'reminder:A-1' }], later);
    expect(plain.success).toBe(false);
  });
});

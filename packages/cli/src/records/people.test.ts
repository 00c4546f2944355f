import { engagementTable, MemoryStore, parsePeriod, unwrap, type Database } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';
import { changeEmail, movePerson, personLeaves } from './index.js';

const at = '2026-11-23T12:00:00Z';

/** The engagement table of 2024/25 as agency: cells, for comparing before and after a change. */
function engagement2024(db: Database): string[] {
  const table = engagementTable(db, { period: unwrap(parsePeriod('2024/25')) });
  return table.rows.map((row) => `${row.label}: ${table.columns.map((c) => JSON.stringify(row.cells[c.subgroupId])).join(' ')}`);
}

describe('movePerson', () => {
  it('moves a person from a date, leaving every register already recorded where it counted', async () => {
    const store = new MemoryStore(importExamples().db);
    const before = engagement2024(await store.read());
    const result = await movePerson(store, { email: 'Named.Nurse@example.org', agency: 'Croydon ICB', from: '2026-12-01' }, at);
    expect(result).toEqual({
      success: true,
      data: 'Named Nurse is with NHS Southwest London Integrated Care Board from 2026-12-01. Registers already recorded still count for the agency of the time.',
    });
    const db = await store.read();
    expect(db.people.find((p) => p.email === 'named.nurse@example.org')?.affiliations).toEqual([
      { agencyId: 'croydon-health-service-nhs', from: null },
      { agencyId: 'nhs-southwest-london-integrated-care-board', from: '2026-12-01' },
    ]);
    expect(engagement2024(db)).toEqual(before);
  });

  it('moves from today when no date is given, and to no agency', async () => {
    const store = new MemoryStore(importExamples().db);
    unwrap(await movePerson(store, { email: 'named.nurse@example.org', agency: null }, at));
    expect((await store.read()).people.find((p) => p.email === 'named.nurse@example.org')?.affiliations.at(-1)).toEqual({ agencyId: null, from: '2026-11-23' });
  });

  it('names an unknown agency or person, and changes nothing', async () => {
    const store = new MemoryStore(importExamples().db);
    const before = await store.read();
    expect(await movePerson(store, { email: 'named.nurse@example.org', agency: 'Croydon CCG' }, at)).toMatchObject({ success: false, error: { message: '--agency: unknown agency "Croydon CCG"; add it with `ptrack import agencies` first.' } });
    expect(await movePerson(store, { email: 'nobody@example.org', agency: 'Croydon ICB' }, at)).toMatchObject({ success: false, error: { code: 'person.not_found' } });
    expect(await store.read()).toBe(before);
  });

  it('is for the business team', async () => {
    const store = new MemoryStore(importExamples().db);
    expect(await movePerson(store, { email: 'named.nurse@example.org', agency: 'Croydon ICB', asEmail: 'named.nurse@example.org' }, at)).toMatchObject({ success: false, error: { code: 'access.not_business_team' } });
  });
});

describe('importing people again with a different agency', () => {
  it('is a move from the day of the import (or the agency_from column), not a rewrite of the past', () => {
    const { db } = importExamples();
    const before = engagement2024(db);
    const moved = importText(db, 'people', 'name,email,agency\nNamed Nurse,named.nurse@example.org,Croydon ICB\n');
    expect(moved.error).toBe('');
    expect(engagement2024(moved.db)).toEqual(before);
    expect(moved.db.people.find((p) => p.email === 'named.nurse@example.org')?.affiliations.at(-1)).toEqual({ agencyId: 'nhs-southwest-london-integrated-care-board', from: '2026-11-23' });
    const dated = importText(db, 'people', 'name,email,agency,agency_from\nNamed Nurse,named.nurse@example.org,Croydon ICB,01/01/2027\n');
    expect(dated.db.people.find((p) => p.email === 'named.nurse@example.org')?.affiliations.at(-1)).toEqual({ agencyId: 'nhs-southwest-london-integrated-care-board', from: '2027-01-01' });
  });
});

describe('personLeaves', () => {
  it('makes a person inactive from a date and keeps their history', async () => {
    const store = new MemoryStore(importExamples().db);
    const before = engagement2024(await store.read());
    expect(await personLeaves(store, { email: 'named.nurse@example.org', on: '2026-10-31' }, at)).toEqual({ success: true, data: 'Named Nurse is inactive from 2026-10-31; their attendance and history are kept.' });
    const db = await store.read();
    expect(db.people.find((p) => p.email === 'named.nurse@example.org')).toMatchObject({ active: false, inactiveFrom: '2026-10-31', agencyId: 'croydon-health-service-nhs' });
    expect(engagement2024(db)).toEqual(before);
  });
});

describe('changeEmail', () => {
  it("changes a person's address, which no import can do", async () => {
    const store = new MemoryStore(importExamples().db);
    expect(await changeEmail(store, { email: 'named.nurse@example.org', newEmail: 'Named.Nurse@chs.example.org' }, at)).toEqual({
      success: true,
      data: "Named Nurse's email is now named.nurse@chs.example.org (was named.nurse@example.org).",
    });
    const db = await store.read();
    expect(db.people.filter((p) => p.email.startsWith('named.nurse@')).map((p) => p.email)).toEqual(['named.nurse@chs.example.org']);
    expect(db.audit.at(-1)).toMatchObject({ command: 'person.changeEmail', before: { email: 'named.nurse@example.org' }, after: { email: 'named.nurse@chs.example.org' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../audit/auditEntry.js';
import { parsePeriod } from '../base/dates.js';
import { unwrap } from '../base/result.js';
import { EXAMPLE_IDS, examplePartnership } from '../example/index.js';
import { agencyOn } from '../people/person.js';
import { applyCommands } from '../store/applyCommands.js';
import type { CommandInput } from '../store/commands.js';
import type { Database } from '../store/database.js';
import { engagementTable, formatEngagementCell, isQuorate } from './engagement.js';

// Issue 11, item 1: a person's agency changes over time, and a move never rewrites a table
// already published.
const { agencies: AGENCY, people: PERSON } = EXAMPLE_IDS;
const businessTeam: Actor = { kind: 'system', name: 'ptrack' };
const example = examplePartnership();
const year2024 = unwrap(parsePeriod('2024/25'));

/** The example after `commands`, made at `at` (after the example's history, 16 November 2026). */
function after(commands: CommandInput[], at = '2026-11-20T10:00:00.000Z', db: Database = example): Database {
  return unwrap(applyCommands(db, commands, { actor: businessTeam, at })).db;
}

/** A table as the report prints it: each row's label and its three cells. */
function printed(db: Database, period = year2024): string[] {
  const table = engagementTable(db, { period });
  return table.rows.map((row) => [row.label, ...table.columns.map((c) => formatEngagementCell(row.cells[c.subgroupId]!))].join(' | '));
}

/** A person.upsert as the people import sends it: the person's fields with a different agency. */
function movedBy(personId: string, agencyId: string | null, extra: Record<string, unknown> = {}): CommandInput {
  const { affiliations: _affiliations, inactiveFrom: _inactiveFrom, erasedAt: _erasedAt, ...fields } = example.people.find((p) => p.id === personId)!;
  return { type: 'person.upsert', person: { ...fields, agencyId }, ...extra };
}

const row = (lines: string[], label: string) => lines.find((line) => line.startsWith(`${label} |`));

describe('moving a person to another agency', () => {
  const published = printed(example);

  it('leaves every published 2024/25 figure as it was (the CHS named nurse moves to the ICB)', () => {
    const moved = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb)]);
    expect(printed(moved)).toEqual(published);
    expect(row(printed(moved), 'Croydon Health Service NHS')).toBe('Croydon Health Service NHS | 100% | 67% | 150%');
    expect(row(printed(moved), 'NHS Southwest London Integrated Care Board')).toBe('NHS Southwest London Integrated Care Board | 100% | 67% | 100%');
  });

  it('leaves every later year alone too: a move recorded today takes effect today', () => {
    const moved = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb)]);
    for (const label of ['2025/26', '2026/27', '2026/27 Q2']) {
      const period = unwrap(parsePeriod(label));
      expect(printed(moved, period)).toEqual(printed(example, period));
    }
  });

  it('counts meetings after the move for the new agency', () => {
    const moved = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb)]);
    const recorded = after(
      [{ type: 'attendance.record', meetingId: 'review-group-2026-11-24', entries: [{ personId: PERSON.croydonHealthNamedNurse, status: 'present' }] }],
      '2026-11-24T13:00:00.000Z',
      moved,
    );
    expect(recorded.attendance.find((l) => l.meetingId === 'review-group-2026-11-24')?.agencyId).toBe(AGENCY.icb);
  });

  it('counts a register recorded late for a meeting before an effective date for the agency of the time', () => {
    const moved = after([{ type: 'person.move', personId: PERSON.croydonHealthNamedNurse, agencyId: AGENCY.icb, from: '2026-12-01' }]);
    const recorded = after(
      [{ type: 'attendance.record', meetingId: 'review-group-2026-11-24', entries: [{ personId: PERSON.croydonHealthNamedNurse, status: 'present' }] }],
      '2026-12-02T13:00:00.000Z',
      moved,
    );
    expect(recorded.attendance.find((l) => l.meetingId === 'review-group-2026-11-24')?.agencyId).toBe(AGENCY.croydonHealth);
  });

  it('keeps the person’s agency history, so they are with each agency on the right days', () => {
    const moved = after([{ type: 'person.move', personId: PERSON.croydonHealthNamedNurse, agencyId: AGENCY.icb, from: '2026-12-01' }]);
    const nurse = moved.people.find((p) => p.id === PERSON.croydonHealthNamedNurse)!;
    expect(nurse.affiliations).toEqual([
      { agencyId: AGENCY.croydonHealth, from: null },
      { agencyId: AGENCY.icb, from: '2026-12-01' },
    ]);
    expect(nurse.agencyId).toBe(AGENCY.icb);
    expect([agencyOn(nurse, '2024-06-01'), agencyOn(nurse, '2026-11-30'), agencyOn(nurse, '2026-12-01')]).toEqual([AGENCY.croydonHealth, AGENCY.croydonHealth, AGENCY.icb]);
  });

  it('records a move through the people import from the day it is imported, or from a date it names', () => {
    const today = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb)]).people.find((p) => p.id === PERSON.croydonHealthNamedNurse)!;
    expect(today.affiliations.at(-1)).toEqual({ agencyId: AGENCY.icb, from: '2026-11-20' });
    const dated = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb, { agencyFrom: '2027-01-01' })]).people.find((p) => p.id === PERSON.croydonHealthNamedNurse)!;
    expect(dated.affiliations.at(-1)).toEqual({ agencyId: AGENCY.icb, from: '2027-01-01' });
  });

  it('leaves the deputised agency’s figures alone when the person deputised for moves', () => {
    // At the Review Group of 10 September 2024 the Health Improvement Lead deputised for the
    // Consultant in Public Health: Public Health's published 25%.
    const moved = after([movedBy(PERSON.publicHealthConsultant, AGENCY.icb), movedBy(PERSON.healthImprovementLead, AGENCY.housing)]);
    expect(printed(moved)).toEqual(published);
    expect(row(printed(moved), 'Public Health')).toBe('Public Health | 25% | — | —');
  });

  it('keeps a person set to "no agency" counting where they counted, rather than turning them into a guest', () => {
    const moved = after([movedBy(PERSON.slamNamedNurse, null), movedBy(PERSON.policeInspector, null)]);
    expect(printed(moved)).toEqual(published);
  });

  it('keeps past meetings quorate or not as they were', () => {
    const moved = after([movedBy(PERSON.policeInspector, null), movedBy(PERSON.icbDesignatedNurse, null)]);
    const quorate = (db: Database) => db.meetings.filter((m) => m.status === 'held').map((m) => `${m.id}: ${isQuorate(db, m)}`);
    expect(quorate(moved)).toEqual(quorate(example));
  });

  it('does not restamp a register that is recorded again unchanged after a move', () => {
    const moved = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb, { agencyFrom: '2024-04-01' })]);
    const lines = example.attendance.filter((l) => l.meetingId === 'review-group-2024-09-10');
    const again = applyCommands(
      moved,
      [{ type: 'attendance.record', meetingId: 'review-group-2024-09-10', entries: lines.map(({ personId, guestName, status, deputisingForId }) => ({ personId, guestName, status, deputisingForId })), replace: true }],
      { actor: businessTeam, at: '2026-11-21T10:00:00.000Z' },
    );
    expect(unwrap(again).audit).toEqual([]);
    expect(printed(unwrap(again).db)).toEqual(published);
  });
});

describe('a person leaving', () => {
  it('keeps their past counts and their agency, inactive from the day they left', () => {
    const left = after([{ type: 'person.leave', personId: PERSON.croydonHealthNamedNurse, on: '2026-10-31' }]);
    const nurse = left.people.find((p) => p.id === PERSON.croydonHealthNamedNurse)!;
    expect([nurse.active, nurse.inactiveFrom, nurse.agencyId]).toEqual([false, '2026-10-31', AGENCY.croydonHealth]);
    expect(printed(left)).toEqual(printed(example));
  });

  it('is inactive from the day of the change when the people import says active: no', () => {
    const { affiliations: _a, inactiveFrom: _i, erasedAt: _e, ...fields } = example.people.find((p) => p.id === PERSON.slamHead)!;
    const left = after([{ type: 'person.upsert', person: { ...fields, active: false } }]);
    expect(left.people.find((p) => p.id === PERSON.slamHead)?.inactiveFrom).toBe('2026-11-20');
    expect(printed(left)).toEqual(printed(example));
  });

  it('cannot be recorded for a day still to come', () => {
    const result = applyCommands(example, [{ type: 'person.leave', personId: PERSON.slamHead, on: '2026-12-31' }], { actor: businessTeam, at: '2026-11-20T10:00:00.000Z' });
    expect(result.success ? 'recorded' : result.error.code).toBe('person.leave_in_future');
  });

  it('is for the business team only', () => {
    const chair: Actor = { kind: 'person', personId: PERSON.chair };
    const result = applyCommands(example, [{ type: 'person.leave', personId: PERSON.slamHead, on: '2026-10-31' }], { actor: chair, at: '2026-11-20T10:00:00.000Z' });
    expect(result.success ? 'recorded' : result.error.code).toBe('access.not_business_team');
  });
});

describe('the stamp on a register line', () => {
  it('is the agency of the person deputised for, as at the meeting', () => {
    const line = example.attendance.find((l) => l.personId === PERSON.healthImprovementLead && l.meetingId === 'review-group-2024-09-10')!;
    expect(line.agencyId).toBe(AGENCY.publicHealth);
    expect(example.attendance.find((l) => l.guestName !== null)?.agencyId).toBeNull();
    expect(example.attendance.find((l) => l.personId === PERSON.youngScrutineer)?.agencyId).toBeNull();
  });

  it('shows the register under the agency it counted for, though the person has since moved', () => {
    const moved = after([movedBy(PERSON.croydonHealthNamedNurse, AGENCY.icb)]);
    const lines = moved.attendance.filter((l) => l.personId === PERSON.croydonHealthNamedNurse);
    expect(new Set(lines.map((l) => l.agencyId))).toEqual(new Set([AGENCY.croydonHealth]));
  });
});

import { Database, engagementTable, fundingSummary, parsePeriod, quarterlyDigest, unwrap } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { syntheticPartnership, SYNTHETIC_AS_OF } from './partnership.js';

describe('the synthetic partnership', () => {
  const { db, workload } = syntheticPartnership({ scale: 1 });

  it('is at 1× the size of a real partnership over ten years', () => {
    const updates = db.actions.reduce((sum, action) => sum + action.history.length - 1, 0);
    expect({
      agencies: db.agencies.length,
      subgroups: db.subgroups.length,
      meetings: Math.round(db.meetings.length / 100) * 100,
      attendance: Math.round(db.attendance.length / 1000) * 1000,
      actions: db.actions.length,
      updates: Math.round(updates / 1000) * 1000,
    }).toEqual({ agencies: 50, subgroups: 12, meetings: 1200, attendance: 20_000, actions: 600, updates: 6000 });
  });

  it('is a valid database whose audit log has one entry per change, numbered in time order', () => {
    expect(Database.safeParse(db).success).toBe(true);
    expect(db.audit.map((entry) => entry.seq)).toEqual(db.audit.map((_, index) => index + 1));
    expect(db.audit.every((entry, index) => index === 0 || db.audit[index - 1]!.at <= entry.at)).toBe(true);
    expect(db.audit.at(-1)!.at <= SYNTHETIC_AS_OF).toBe(true);
    const created = (entity: string) => db.audit.filter((entry) => entry.entity === entity && entry.before === null).length;
    expect([created('attendance'), created('action')]).toEqual([db.attendance.length, db.actions.length]);
  });

  it('is the same, byte for byte, for the same seed, and different for another', () => {
    const again = syntheticPartnership({ scale: 1 });
    expect(JSON.stringify(again.db)).toBe(JSON.stringify(db));
    expect(JSON.stringify(syntheticPartnership({ scale: 1, seed: 7 }).db)).not.toBe(JSON.stringify(db));
  });

  it('grows every collection with the scale', () => {
    const larger = syntheticPartnership({ scale: 3 }).db;
    for (const key of ['agencies', 'subgroups', 'meetings', 'attendance', 'actions', 'audit'] as const) {
      expect(larger[key].length / db[key].length, key).toBeGreaterThan(2.5);
    }
  });

  it('gives the reports something to report and the workload people allowed to make its changes', () => {
    const digest = unwrap(quarterlyDigest(db, { quarter: unwrap(parsePeriod(workload.digestQuarter)), now: SYNTHETIC_AS_OF }));
    expect(digest.delivery.counted).toBeGreaterThan(50);
    expect(engagementTable(db, { period: unwrap(parsePeriod(workload.engagementYear)) }).rows.length).toBeGreaterThan(40);
    expect(fundingSummary(db, workload.fundingYear).income.totalPence).toBeGreaterThan(0);

    expect(workload.owners).toHaveLength(20);
    for (const owner of workload.owners) {
      const person = db.people.find((p) => p.id === owner.personId)!;
      expect(person.teamsAadObjectId).toBe(owner.teamsAadObjectId);
      expect(owner.openActionRefs.length).toBeGreaterThan(0);
      for (const ref of owner.openActionRefs) expect(db.actions.find((a) => a.ref === ref)?.ownerId).toBe(owner.personId);
    }
    const subgroup = db.subgroups.find((s) => s.id === workload.chair.subgroupId)!;
    expect(subgroup.chairId).toBe(workload.chair.personId);
    expect(workload.chair.attendeeIds).toHaveLength(10);
    expect(workload.chair.meetingIds.every((id) => db.meetings.find((m) => m.id === id)?.status === 'held')).toBe(true);
  });
});

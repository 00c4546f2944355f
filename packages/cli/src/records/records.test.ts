import { MemoryStore } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { recordAttendance, snoozeAction, updateAction, withdrawAction } from './index.js';

const at = '2026-11-23T12:00:00Z';

function store() {
  return new MemoryStore(importExamples().db);
}

describe('recordAttendance', () => {
  it('records a register and says what it recorded', async () => {
    const s = store();
    const result = await recordAttendance(s, { meetingId: 'executive-2026-01-20', present: ['chair@example.org', 'dcs@example.org'], apologies: ['police.lead@example.org'], absent: [] }, at);
    expect(result).toEqual({ success: true, data: 'Recorded the register of Executive on 2026-01-20: 2 present, 1 apologies, 0 absent.' });
    expect((await s.read()).meetings.find((m) => m.id === 'executive-2026-01-20')?.status).toBe('held');
  });

  it("lets the subgroup's chair record it but not someone else (core's permission rules)", async () => {
    const s = store();
    const request = { meetingId: 'executive-2026-01-20', present: ['chair@example.org'], apologies: [], absent: [] };
    expect((await recordAttendance(s, { ...request, asEmail: 'chair@example.org' }, at)).success).toBe(true);
    const refused = await recordAttendance(s, { ...request, asEmail: 'housing.lead@example.org' }, at);
    expect(refused).toMatchObject({ success: false, error: { code: 'attendance.not_chair' } });
  });

  it('names every unknown email and records nothing', async () => {
    const s = store();
    const before = await s.read();
    const result = await recordAttendance(s, { meetingId: 'executive-2026-01-20', present: ['who@example.org', 'chair@example.org'], apologies: ['what@example.org'], absent: [] }, at);
    expect(result.success ? '' : result.error.message).toBe('No person has the email address "who@example.org", "what@example.org"; import them with `ptrack import people` first.');
    expect(await s.read()).toBe(before);
  });

  it('refuses an --as email that is nobody', async () => {
    const result = await recordAttendance(store(), { meetingId: 'executive-2026-01-20', present: ['chair@example.org'], apologies: [], absent: [], asEmail: 'x@example.org' }, at);
    expect(result.success ? '' : result.error.message).toBe('--as x@example.org: no person in Example Safeguarding Children Partnership has that email address; --as names a person in the register, whose permissions then apply.');
  });
});

describe('updateAction', () => {
  it("records the owner's update in the action's history", async () => {
    const s = store();
    const result = await updateAction(s, { ref: 'a-2', progress: 80, note: 'Audit fieldwork done', asEmail: 'education.lead@example.org' }, at);
    expect(result).toEqual({ success: true, data: 'A-2 is now 80% done (on-track).' });
    expect((await s.read()).actions.find((a) => a.ref === 'A-2')?.history.at(-1)).toMatchObject({ progress: 80, note: 'Audit fieldwork done', byId: 'education-lead-at-example-org' });
  });

  it('refuses an update from someone who neither owns the action nor is in the business team', async () => {
    const result = await updateAction(store(), { ref: 'A-2', progress: 80, asEmail: 'housing.lead@example.org' }, at);
    expect(result).toMatchObject({ success: false, error: { code: 'action.not_owner' } });
  });

  it('refuses an unknown action', async () => {
    const result = await updateAction(store(), { ref: 'A-99', progress: 10 }, at);
    expect(result).toMatchObject({ success: false, error: { code: 'action.not_found', message: 'There is no action A-99.' } });
  });
});

describe('snoozeAction', () => {
  it("lets the owner silence an action's reminders until a date, and turn them back on", async () => {
    const s = store();
    expect(await snoozeAction(s, { ref: 'a-2', until: '2026-12-15', asEmail: 'education.lead@example.org' }, at)).toEqual({ success: true, data: 'No reminders for A-2 until 2026-12-15.' });
    expect((await s.read()).actions.find((a) => a.ref === 'A-2')?.snoozedUntil).toBe('2026-12-15');
    expect(await snoozeAction(s, { ref: 'A-2', until: null }, at)).toEqual({ success: true, data: 'Reminders for A-2 are back on.' });
    expect((await s.read()).actions.find((a) => a.ref === 'A-2')?.snoozedUntil).toBeNull();
  });

  it('refuses someone who neither owns the action nor is in the business team, and changes nothing', async () => {
    const s = store();
    const before = await s.read();
    const refused = await snoozeAction(s, { ref: 'A-2', until: '2026-12-15', asEmail: 'housing.lead@example.org' }, at);
    expect(refused).toMatchObject({ success: false, error: { code: 'action.not_owner' } });
    expect(await s.read()).toBe(before);
  });
});

describe('withdrawAction (issue 11: the business team or the Executive decide)', () => {
  it('withdraws an action for the business team, with the reason in its history', async () => {
    const s = store();
    expect(await withdrawAction(s, { ref: 'a-2', reason: 'Covered by the new audit programme' }, at)).toEqual({
      success: true,
      data: "A-2 is withdrawn, and no longer counts towards its plan's delivery.",
    });
    expect((await s.read()).actions.find((a) => a.ref === 'A-2')?.history.at(-1)).toMatchObject({ status: 'withdrawn', note: 'Covered by the new audit programme' });
  });

  it('refuses the owner, pointing to --propose, and records the proposal when asked', async () => {
    const s = store();
    const refused = await withdrawAction(s, { ref: 'A-2', reason: 'Not needed', asEmail: 'education.lead@example.org' }, at);
    expect(refused.success ? '' : refused.error.message).toMatch(/^Only the business team or the Executive can withdraw A-2: .* Add --propose to propose it\.$/);
    expect(await withdrawAction(s, { ref: 'A-2', reason: 'Not needed', propose: true, asEmail: 'education.lead@example.org' }, at)).toEqual({
      success: true,
      data: 'Recorded the proposal to withdraw A-2 in its history; the business team will be told.',
    });
    expect((await s.read()).actions.find((a) => a.ref === 'A-2')).toMatchObject({ status: 'on-track' });
  });
});

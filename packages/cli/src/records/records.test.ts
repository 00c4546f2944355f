import { MemoryStore } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import { importExamples } from '../__fixtures__/examples.js';
import { recordAttendance, updateAction } from './index.js';

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
    expect(result.success ? '' : result.error.message).toBe('--as x@example.org: no person in Example Safeguarding Children Partnership has that email address.');
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

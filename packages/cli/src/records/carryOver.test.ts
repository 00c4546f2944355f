import { carriedOverActions, MemoryStore } from '@partnership-tracker/core';
import { afterEach, describe, expect, it } from 'vitest';
import { importExamples, importText } from '../__fixtures__/examples.js';
import { fakeIo, removeFakeIoFolders } from '../__fixtures__/fakeIo.js';
import { run } from '../main.js';
import { carryOver } from './index.js';

const at = '2026-11-23T12:00:00Z';

/** The docs/examples partnership with a next plan, 2027–29, that shares two of its priorities. */
function withNextPlan() {
  const { db } = importExamples();
  return importText(db, 'plans', 'name,start,end,priorities\nBusiness plan 2027–29,01/04/2027,31/03/2029,Neglect; Family resilience\n').db;
}

afterEach(removeFakeIoFolders);

describe('ptrack plan carry-over', () => {
  it("gives each unfinished action a linked action in the next plan, with the next free ref and the new plan's matching priority", async () => {
    const store = new MemoryStore(withNextPlan());
    const done = await carryOver(store, { from: '2025-27', to: '2027–29' }, at);
    expect(done).toEqual({
      success: true,
      data: [
        'Carried 5 unfinished actions over from Business plan 2025–27 to Business plan 2027–29:',
        '  A-2 → A-7: Audit early help referrals from schools (60% on-track; no matching priority in the new plan)',
        '  A-3 → A-8: Agree a joint protocol for children at risk of exploitation (40% at-risk; no matching priority in the new plan)',
        '  A-4 → A-9: Embed the learning from the Child A review in supervision (0% not-started; no matching priority in the new plan)',
        '  A-5 → A-10: Publish the family resilience strategy (25% on-track; priority: Family resilience)',
        '  A-6 → A-11: Carry the neglect audit over from the 2024/25 plan (10% off-track; priority: Neglect)',
      ].join('\n'),
    });
    const db = await store.read();
    const planId = db.plans.find((p) => p.name === 'Business plan 2025–27')!.id;
    expect(carriedOverActions(db, planId).map((c) => [c.original.ref, c.successor.ref])).toEqual([
      ['A-2', 'A-7'],
      ['A-3', 'A-8'],
      ['A-4', 'A-9'],
      ['A-5', 'A-10'],
      ['A-6', 'A-11'],
    ]);
    expect(db.actions.find((a) => a.ref === 'A-2')!.history.at(-1)!.note).toBe('Carried over to Business plan 2027–29 as A-7.');
    // Running it again carries nothing twice.
    expect(await carryOver(store, { from: '2025–27', to: '2027–29' }, at)).toEqual({
      success: true,
      data: 'Business plan 2025–27 has no unfinished action left to carry over (5 already carried over to Business plan 2027–29); nothing changed.',
    });
  });

  it('with --dry-run says what it would do and writes nothing', async () => {
    const store = new MemoryStore(withNextPlan());
    const before = await store.read();
    const done = await carryOver(store, { from: '2025–27', to: '2027–29', dryRun: true }, at);
    expect(done.success && done.data.split('\n').at(-1)).toBe('Nothing was written (--dry-run).');
    expect(await store.read()).toBe(before);
  });

  it('names the plans there are when one is not found, and refuses someone outside the business team', async () => {
    const store = new MemoryStore(withNextPlan());
    expect(await carryOver(store, { from: '2023/24', to: '2027–29' }, at)).toMatchObject({
      success: false,
      error: { code: 'input.unknown_plan', message: '--from 2023/24: there is no such plan (there are: Business plan 2025–27; Business plan 2027–29).' },
    });
    expect(await carryOver(store, { from: 'Business plan', to: '2027–29' }, at)).toMatchObject({ success: false, error: { code: 'input.ambiguous_plan' } });
    expect(await carryOver(store, { from: '2025–27', to: '2027–29', asEmail: 'housing.lead@example.org' }, at)).toMatchObject({ success: false, error: { code: 'access.not_business_team' } });
  });

  it('on the example partnership, finds its seven 2024/25 actions already carried over to 2025–27', async () => {
    const { io, text } = fakeIo();
    expect(await run(['init', '--example'], io)).toBe(0);
    expect(await run(['plan', 'carry-over', '--from', '2024/25', '--to', '2025–27'], io)).toBe(0);
    expect(text()).toContain('CSCP Business Plan 2024/25 has no unfinished action left to carry over (7 already carried over to CSCP Business Plan 2025–27); nothing changed.\n');
  });
});

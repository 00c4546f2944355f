import { unwrap, type MemoryStore, type Store } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { AAD, fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { Conversation } from './conversation.js';
import { HOME_DIGEST_MAX_AGE_MS } from './reports.js';

const owner = { channel: 'teams', aadObjectId: AAD.owner } as const;

/** A store that counts its reads, to see what a turn costs it. */
function countingReads(store: Store): Store & { reads: number } {
  const counted = {
    reads: 0,
    read: () => {
      counted.reads += 1;
      return store.read();
    },
    readWithHistory: store.readWithHistory.bind(store),
    commit: store.commit.bind(store),
    close: store.close.bind(store),
  };
  return counted;
}

let store: MemoryStore;

beforeEach(async () => {
  store = await fixtureStore();
});

const conversationOn = (target: Store) => new Conversation({ store: target, clock: { now: () => NOW }, linkToDigest: (slug) => `http://bot.example/digest/${slug}` });

describe('an update typed in chat', () => {
  it('says what the commit changed: progress and status', async () => {
    const reply = await conversationOn(store).handleText(owner, 'update A-1 at risk — waiting for the ICB');
    expect(reply.text).toMatchInlineSnapshot(`"Updated A-1 (Refresh the neglect strategy): status On track → At risk; note "waiting for the ICB". It is in the action's history."`);
  });

  it('says complete sets the progress to 100%', async () => {
    const reply = await conversationOn(store).handleText(owner, 'update A-1 complete');
    expect(reply.text).toMatchInlineSnapshot(`"Updated A-1 (Refresh the neglect strategy): progress 40% → 100%; status On track → Complete. It is in the action's history."`);
  });

  it('says what changed from the data as committed, even when the turn read it a moment before another change', async () => {
    const snapshot = await store.read();
    unwrap(await store.commit([{ type: 'action.update', ref: 'A-1', progress: 55 }], { actor: { kind: 'person', personId: 'owner' }, at: NOW.toISOString() }));
    const reply = await conversationOn(store).handleText(owner, 'update A-1 60%', 'teams:1', snapshot);
    expect(reply.text).toBe("Updated A-1 (Refresh the neglect strategy): progress 55% → 60%. It is in the action's history.");
  });

  it('does not read the store again when the channel gives the turn its snapshot', async () => {
    const counted = countingReads(store);
    const conversation = conversationOn(counted);
    await conversation.handleText(owner, 'update A-1 60%', 'teams:2', await store.read());
    await conversation.handleText(owner, 'my actions', 'teams:3', await store.read());
    expect(counted.reads).toBe(0);
    await conversation.handleText(owner, 'my actions');
    expect(counted.reads).toBe(1);
  });
});

describe('withdrawing an action from chat (issue 11: the business team or the Executive decide)', () => {
  const business = { channel: 'teams', aadObjectId: AAD.business } as const;

  it("records an owner's withdrawal as a proposal, with the reason, and leaves the action open", async () => {
    const reply = await conversationOn(store).handleText(owner, 'update A-1 withdrawn — the new MASH protocol covers it');
    expect(reply.text).toMatchInlineSnapshot(
      `"Withdrawing an action takes it out of the plan's delivery figure, so the business team or the Executive decide. I have recorded your proposal to withdraw A-1 in its history, with your reason, and told the business team. Until then it stays open."`,
    );
    const action = (await store.read()).actions.find((a) => a.ref === 'A-1')!;
    expect([action.status, action.history.at(-1)?.proposal, action.history.at(-1)?.note]).toEqual(['on-track', 'withdraw', 'the new MASH protocol covers it']);
  });

  it('asks the owner for a reason before proposing anything', async () => {
    const before = await store.read();
    const reply = await conversationOn(store).handleText(owner, 'update A-1 withdrawn');
    expect(reply.text).toMatch(/^Withdrawing A-1 is for the business team or the Executive, but you can propose it: say why/);
    expect(await store.read()).toBe(before);
  });

  it('lets the business team withdraw it, with a reason', async () => {
    expect((await conversationOn(store).handleText(business, 'update A-1 withdrawn')).text).toBe('Say why A-1 is withdrawn: the reason goes into its history. Nothing was changed.');
    const reply = await conversationOn(store).handleText(business, 'update A-1 withdrawn — superseded by A-3');
    expect(reply.text).toBe(`Updated A-1 (Refresh the neglect strategy): status On track → Withdrawn; note "superseded by A-3". It is in the action's history.`);
  });

  it("refuses the owner's reopening of a completed action", async () => {
    const reply = await conversationOn(store).handleText(owner, 'update A-4 80% — more to do');
    expect(reply.text).toBe("Only the business team or the Executive can reopen A-4: it changes the plan's delivery figure. Nothing was changed.");
  });
});

describe('periods as people write them', () => {
  it('reads a financial year written with an en dash or as FY 24/25', async () => {
    expect((await conversationOn(store).handleText(owner, 'funding 2024–25')).text).toBe('Funding 2024/25.');
    expect((await conversationOn(store).handleText(owner, 'funding FY 24/25')).text).toBe('Funding 2024/25.');
  });

  it('refuses a calendar quarter, saying which financial quarter its months are', async () => {
    expect((await conversationOn(store).handleText(owner, 'digest Q1 2025')).text).toBe(
      '"Q1 2025" reads like a calendar quarter, but quarters here are the financial year\'s (Q1 = April–June). January–March 2025 is 2024/25 Q4; write that.',
    );
  });
});

describe('the Home page\'s digest summary (issue 12: not recomputed on every change)', () => {
  const executive = { channel: 'teams', aadObjectId: 'aad-executive-0005' } as const;
  const received = (view: unknown) => (view as { kind: 'digest'; digest: { funding: { receivedPence: number } } }).digest.funding.receivedPence;

  it('shows the Executive the last quarter\'s digest, reused across changes for five minutes while "digest" says the data as it is', async () => {
    const system = (at: string) => ({ actor: { kind: 'system' as const, name: 'fixture' }, at });
    unwrap(await store.commit([{ type: 'person.upsert', person: { id: 'exec', name: 'Executive Member', email: 'exec@example.org', agencyId: 'council', teamsAadObjectId: executive.aadObjectId, roles: ['executive'] } }], system('2025-06-01T08:00:00Z')));
    let now = NOW;
    const conversation = new Conversation({ store, clock: { now: () => now }, linkToDigest: (slug) => `http://bot.example/digest/${slug}` });
    const first = await conversation.home(executive);
    expect(first?.digest?.digest.periodLabel).toBe('2024/25 Q4');
    expect(received(first?.digest)).toBe(8_000_000);

    // The police's pledge for 2024/25 arrives: a change to the quarter's own figures.
    unwrap(await store.commit([{ type: 'contribution.upsert', contribution: { id: 'c-police', financialYear: '2024/25', agencyId: 'police', amountPence: 2_000_000 } }], system('2025-06-10T09:00:00Z')));
    expect(received((await conversation.handleText(executive, 'digest')).view)).toBe(10_000_000);
    now = new Date(NOW.getTime() + HOME_DIGEST_MAX_AGE_MS - 1);
    expect(received((await conversation.home(executive))?.digest)).toBe(8_000_000);
    now = new Date(NOW.getTime() + HOME_DIGEST_MAX_AGE_MS);
    expect(received((await conversation.home(executive))?.digest)).toBe(10_000_000);
  });

  it('shows no digest to someone who is neither the Executive nor the business team', async () => {
    expect((await conversationOn(store).home(owner))?.digest).toBeNull();
  });
});

import { unwrap, type MemoryStore, type Store } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { AAD, fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { Conversation } from './conversation.js';

const owner = { channel: 'teams', aadObjectId: AAD.owner } as const;

/** A store that counts its reads, to see what a turn costs it. */
function countingReads(store: Store): Store & { reads: number } {
  const counted = {
    reads: 0,
    read: () => {
      counted.reads += 1;
      return store.read();
    },
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

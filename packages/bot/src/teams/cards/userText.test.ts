import { dueMessages, unwrap, type MemoryStore } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../../__fixtures__/cardText.js';
import { AAD, fixtureStore, NOW } from '../../__fixtures__/partnership.js';
import { Conversation } from '../../app/conversation.js';
import { schedulerDatabase } from '../../scheduler/__fixtures__/schedulerFixtures.js';
import { composeReply } from '../../scheduler/composeReply.js';
import { teamsMessageOf } from './teamsMessage.js';

// What someone might type into a note or a title, hoping it renders as a link, an image or markup.
const HOSTILE = '[click](https://evil.example) ![x](https://evil.example/t.gif) <img src=x> **loud**';
const ESCAPED = '\\[click\\](https://evil.example) !\\[x\\](https://evil.example/t.gif) \\<img src=x\\> \\*\\*loud\\*\\*';

let store: MemoryStore;
let conversation: Conversation;

beforeEach(async () => {
  store = await fixtureStore();
  conversation = new Conversation({ store, clock: { now: () => NOW }, linkToDigest: (slug) => slug });
  const a1 = (await store.read()).actions.find((a) => a.ref === 'A-1')!;
  unwrap(await store.commit([{ type: 'action.create', action: { ...a1, title: HOSTILE } }], { actor: { kind: 'system', name: 'test' }, at: NOW.toISOString() }));
});

describe('text from people, shown in Teams', () => {
  it('is escaped in the reply to an update, note and title alike', async () => {
    // (Tags in a chat message are Teams' own HTML and are dropped before the note is read.)
    const reply = await conversation.handleText({ channel: 'teams', aadObjectId: AAD.owner }, 'update A-1 50% — [click](https://evil.example) **loud**');
    expect(reply.text).toBe(`Updated A-1 (${ESCAPED}): progress 40% → 50%; note "\\[click\\](https://evil.example) \\*\\*loud\\*\\*". It is in the action's history.`);
  });

  it('is escaped on the card of my actions, beside the bold reference that is the card’s own', async () => {
    const message = teamsMessageOf(await conversation.handleText({ channel: 'teams', aadObjectId: AAD.owner }, 'my actions'));
    expect(cardText(message.card)).toContain(`**A-1** ${ESCAPED}`);
  });

  it('is escaped on the card of a scheduled reminder', () => {
    const db = schedulerDatabase();
    const titled = { ...db, actions: db.actions.map((a) => (a.ref === 'A-1' ? { ...a, title: HOSTILE } : a)) };
    const reminder = dueMessages(titled, '2026-06-16T08:00:00Z').find((m) => m.key === 'reminder:due-14:A-1:2026-06-16')!;
    const texts = cardText(teamsMessageOf(composeReply(titled, reminder, '2026-06-16T08:00:00.000Z')).card);
    expect(texts.join('\n')).toContain(`A-1 ${ESCAPED}`);
    expect(texts.join('\n')).not.toContain('[click](');
  });
});

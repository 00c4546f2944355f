import { unwrap, type MemoryStore } from '@partnership-tracker/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { AAD, fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { Conversation } from './conversation.js';
import type { ChatPlace } from './identity.js';

const QAG_CHANNEL: ChatPlace = { service: 'teams', scope: 'channel', conversationId: '19:qag@thread.tacv2', name: 'Quality Assurance' };
const OTHER_CHANNEL: ChatPlace = { service: 'teams', scope: 'channel', conversationId: '19:other@thread.tacv2' };
const PERSONAL: ChatPlace = { service: 'teams', scope: 'personal', conversationId: 'a:personal' };
const teams = (aadObjectId: string) => ({ channel: 'teams', aadObjectId }) as const;

let store: MemoryStore;
let conversation: Conversation;

beforeEach(async () => {
  store = await fixtureStore();
  conversation = new Conversation({ store, clock: { now: () => NOW }, linkToDigest: (slug) => `http://bot.example/digest/${slug}` });
});

const say = async (aadObjectId: string, text: string, place: ChatPlace | undefined) => (await conversation.handleText(teams(aadObjectId), text, undefined, undefined, place)).text;
const channelOf = async (subgroupId: string) => (await store.read()).subgroups.find((s) => s.id === subgroupId)!.channel;

describe('"post digests here" in a channel', () => {
  it("binds the chair's group to the channel, as the chair, and says when the next digest comes", async () => {
    expect(await say(AAD.chair, 'post digests here', QAG_CHANNEL)).toBe(
      "From now on I'll post the quarterly digest for Quality Assurance Group here, on the first working day after each quarter ends: the next is for 2025/26 Q1, on 1 Jul 2025. " +
        'Say "@Partnership Tracker stop" in this channel to stop.',
    );
    expect(await channelOf('qag')).toEqual({ kind: 'teams', conversationId: '19:qag@thread.tacv2', name: 'Quality Assurance', boundBy: 'chair', boundAt: NOW.toISOString() });
    expect((await store.read()).audit.at(-1)).toMatchObject({ command: 'subgroup.setChannel', by: 'chair', entityId: 'qag' });
  });

  it('says so when the channel is already bound, and changes nothing', async () => {
    await say(AAD.chair, 'post digests here', QAG_CHANNEL);
    const revision = (await store.read()).revision;
    expect(await say(AAD.chair, 'post digests here', QAG_CHANNEL)).toMatch(/^The Quality Assurance Group digests are already posted here \(since 10 Jun 2025, set up by QAG Chair\)/);
    expect((await store.read()).revision).toBe(revision);
  });

  it('moves the digests from the channel they went to before, and says so', async () => {
    await say(AAD.chair, 'post digests here', QAG_CHANNEL);
    expect(await say(AAD.chair, 'post digests here', OTHER_CHANNEL)).toContain('It was posted in "Quality Assurance" until now; not any more.');
    expect(await channelOf('qag')).toMatchObject({ conversationId: '19:other@thread.tacv2' });
  });

  it('lets the business team name the group', async () => {
    await say(AAD.business, 'post digests here for QAG', QAG_CHANNEL);
    expect(await channelOf('qag')).toMatchObject({ conversationId: '19:qag@thread.tacv2', boundBy: 'business' });
  });

  it('refuses someone who chairs nothing and is not the business team, changing nothing', async () => {
    expect(await say(AAD.owner, 'post digests here', QAG_CHANNEL)).toBe(
      'Only the chair or deputy chair of a group (or the business team) can choose where its digests are posted. Nothing was changed.',
    );
    expect(await say(AAD.owner, 'post digests here for QAG', QAG_CHANNEL)).toBe(
      'Only the chair or deputy chair of Quality Assurance Group (or the business team) can choose where its digests are posted. Nothing was changed.',
    );
    expect(await channelOf('qag')).toBeNull();
  });

  it('explains that it is said in the channel, when said in a personal chat', async () => {
    expect(await say(AAD.chair, 'post digests here', PERSONAL)).toMatch(/^Say this in the channel where the digests should go/);
    expect(await channelOf('qag')).toBeNull();
  });

  it('names the groups when the one asked for does not exist', async () => {
    expect(await say(AAD.business, 'post digests here for Nope', QAG_CHANNEL)).toBe('There is no group called "Nope". The groups are: QAG, Review.');
  });

  it('promises the digest of a quarter that ended in the last few days, which the scheduler then posts', async () => {
    const july = new Conversation({ store, clock: { now: () => new Date('2025-07-02T10:00:00Z') }, linkToDigest: (slug) => slug });
    const reply = (await july.handleText(teams(AAD.chair), 'post digests here', undefined, undefined, QAG_CHANNEL)).text;
    expect(reply).toContain('The 2025/26 Q1 digest follows here shortly.');
  });
});

describe('"stop" in a channel', () => {
  it('stops the digests posted there, as the chair', async () => {
    await say(AAD.chair, 'post digests here', QAG_CHANNEL);
    expect(await say(AAD.chair, 'stop', QAG_CHANNEL)).toBe('I\'ll stop posting the Quality Assurance Group digests here. Anyone can still ask me for "digest" in a chat.');
    expect(await channelOf('qag')).toBeNull();
    expect((await store.read()).audit.at(-1)).toMatchObject({ command: 'subgroup.setChannel', after: { channel: null } });
  });

  it('refuses someone who may not stop them', async () => {
    await say(AAD.chair, 'post digests here', QAG_CHANNEL);
    expect(await say(AAD.owner, 'stop posting digests here', QAG_CHANNEL)).toMatch(/^Only the chair or deputy chair of Quality Assurance Group .*Nothing was changed\.$/);
    expect(await channelOf('qag')).not.toBeNull();
  });

  it('says there is nothing to stop in a channel with no digests', async () => {
    expect(await say(AAD.chair, 'stop', OTHER_CHANNEL)).toBe('No digests are posted in this channel, so there is nothing to stop.');
  });

  it('stops only the groups the sender may stop, and says which still come', async () => {
    await say(AAD.chair, 'post digests here', QAG_CHANNEL);
    unwrap(await store.commit([{ type: 'subgroup.setChannel', subgroupId: 'review', channel: { kind: 'teams', conversationId: QAG_CHANNEL.conversationId } }], { actor: { kind: 'person', personId: 'business' }, at: NOW.toISOString() }));
    expect(await say(AAD.chair, 'stop', QAG_CHANNEL)).toBe(
      'I\'ll stop posting the Quality Assurance Group digests here. Anyone can still ask me for "digest" in a chat. The Review Group digests still come here: only their chair or the business team can stop them.',
    );
  });
});

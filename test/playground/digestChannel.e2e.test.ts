import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler, loadBotConfig, startBotServer, type BotServer, type Scheduler } from '@partnership-tracker/bot';
import { examplePartnership, type Store } from '@partnership-tracker/core';
import { createDataFile, openFileStore } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playground, type PlaygroundMessage } from './playgroundClient.js';

// The day after 2024/25 ended: its digest went out at 09:00 this morning, to any channel bound.
const NOW = new Date('2025-04-01T10:00:00Z');
const hasCard = (replies: PlaygroundMessage[]) => replies.some((reply) => reply.attachments.length > 0);

describe('digests posted to a channel, through the Agents Playground’s team channel', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ptrack-digest-channel-'));
  const dataFile = join(folder, 'partnership.json');
  let store: Store;
  let server: BotServer;
  let scheduler: Scheduler | undefined;
  let playground: Playground;

  beforeAll(async () => {
    const created = await createDataFile(dataFile, examplePartnership());
    if (!created.success) throw new Error(created.error.message);
    const opened = await openFileStore(dataFile);
    if (!opened.success) throw new Error(opened.error.message);
    store = opened.data;
    const config = loadBotConfig({ PTRACK_BOT_PORT: '0' }, { local: true });
    if (!config.success) throw new Error(config.error.message);
    const clock = { now: () => NOW };
    // The server starts the scheduler; its timers never fire, so the test says when it ticks.
    const timers = { setTimeout: () => 0, clearTimeout: () => {} };
    server = await startBotServer({
      config: config.data,
      store,
      clock,
      log: () => {},
      scheduler: (sender) => (scheduler = createScheduler({ store, clock, sender, timers, pacing: { perSecond: 1000 } })),
    });
    playground = await Playground.start({ botEndpoint: `${server.url}/api/messages`, replyTimeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    // The server first, while the Playground still answers the calls of turns in flight.
    await server?.close();
    await playground?.stop();
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  }, 30_000);

  it('binds the channel when the chair says "@bot post digests here", recorded and audited', async () => {
    const [reply] = await playground.postInChannel('General', 'post digests here for QAG');
    expect(reply!.text).toMatch(/^From now on I'll post the quarterly digest for Quality Assurance Group here, .*The 2024\/25 Q4 digest follows here shortly\./);
    const db = await store.read();
    const general = playground.channels.find((c) => c.name === 'General')!;
    expect(db.subgroups.find((s) => s.shortName === 'QAG')!.channel).toMatchObject({ kind: 'teams', conversationId: general.id, boundAt: NOW.toISOString() });
    expect(db.audit.at(-1)).toMatchObject({ command: 'subgroup.setChannel', entity: 'subgroup' });
  });

  it("posts the quarter's digest there as a new post, once", async () => {
    const mark = playground.messages.length;
    const report = await scheduler!.tick();
    const general = playground.channels.find((c) => c.name === 'General')!;
    expect(report.sent).toContain(`digest:2024-25-Q4:teams:${general.id}`);
    const [digest] = await playground.waitFor(mark, hasCard);
    // A post of its own in the channel, not a reply in the thread where it was asked for.
    expect(digest!.conversationId).toBe(general.id);
    expect(JSON.stringify(digest!.attachments[0]!.content)).toContain('2024/25 Q4');
    expect((await scheduler!.tick()).sent.filter((key) => key.startsWith('digest:'))).toEqual([]);
  });

  it('stops when the chair says "@bot stop" in the channel', async () => {
    const [reply] = await playground.postInChannel('General', 'stop');
    expect(reply!.text).toBe('I\'ll stop posting the Quality Assurance Group digests here. Anyone can still ask me for "digest" in a chat.');
    expect((await store.read()).subgroups.find((s) => s.shortName === 'QAG')!.channel).toBeNull();
  });
});

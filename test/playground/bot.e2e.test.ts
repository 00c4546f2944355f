import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { examplePartnership } from '@partnership-tracker/core';
import { createDataFile, openFileStore } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, Playground, stopChild, type PlaygroundMessage } from './playgroundClient.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasCard = (replies: PlaygroundMessage[]) => replies.some((reply) => reply.attachments.length > 0);
const cardOf = (replies: PlaygroundMessage[]) => replies.find((reply) => reply.attachments.length > 0)!;

/** Starts the real bot (`ptrack-bot --local`) and resolves once it says it is listening. */
async function startBot(dataFile: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'packages/bot/dist/bin.js'), '--local', '--no-scheduler', '--data', dataFile, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 20 s:\n${output.join('')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${output.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(`${line}\n`);
      if (line.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

describe('the real bot, through the Microsoft 365 Agents Playground', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ptrack-playground-'));
  const dataFile = join(folder, 'partnership.json');
  let bot: ChildProcess | undefined;
  let playground: Playground | undefined;

  beforeAll(async () => {
    const created = await createDataFile(dataFile, examplePartnership());
    if (!created.success) throw new Error(created.error.message);
    const port = await freePort();
    bot = await startBot(dataFile, port);
    playground = await Playground.start({ botEndpoint: `http://127.0.0.1:${port}/api/messages`, replyTimeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await playground?.stop();
    if (bot) await stopChild(bot);
    rmSync(folder, { recursive: true, force: true });
  });

  it('knows the Playground user as the example chair and lists their open actions on a card', async () => {
    const replies = await playground!.say('my actions', hasCard);
    const card = JSON.stringify(cardOf(replies).attachments[0]!.content);
    expect(card).toContain('Your open actions');
    expect(card).toMatch(/Update B-\d+/);
  });

  it('records an update typed in chat, confirms it, and keeps it in the action history on disk', async () => {
    const listed = JSON.stringify(cardOf(playground!.messages).attachments[0]!.content);
    const ref = /Update (B-\d+)/.exec(listed)![1]!;
    const [reply] = await playground!.say(`update ${ref} 80% on track — met the ICB lead`);
    expect(reply!.text).toMatch(new RegExp(`^Updated ${ref} .*80%`));
    const store = await openFileStore(dataFile);
    if (!store.success) throw new Error(store.error.message);
    const action = (await store.data.read()).actions.find((a) => a.ref === ref)!;
    await store.data.close();
    expect(action.progress).toBe(80);
    expect(action.history.at(-1)).toMatchObject({ progress: 80, status: 'on-track', note: 'met the ICB lead' });
  });

  it('saves an update from the card’s Save button (an adaptiveCard/action invoke)', async () => {
    const card = cardOf(playground!.messages);
    const ref = /Update (B-\d+)/.exec(JSON.stringify(card.attachments[0]!.content))![1]!;
    await playground!.execute(card, {
      verb: 'action.update',
      data: { ref, [`${ref}.progress`]: '90', [`${ref}.status`]: 'on-track', [`${ref}.note`]: 'Draft shared with partners' },
    });
    const store = await openFileStore(dataFile);
    if (!store.success) throw new Error(store.error.message);
    const action = (await store.data.read()).actions.find((a) => a.ref === ref)!;
    await store.data.close();
    expect(action.history.at(-1)).toMatchObject({ progress: 90, note: 'Draft shared with partners' });
  });

  it('gives the chair the attendance register card and anyone the quarterly digest card', async () => {
    const register = await playground!.say('attendance', hasCard);
    expect(JSON.stringify(cardOf(register).attachments[0]!.content)).toContain('Present');
    const digest = await playground!.say('digest 2024/25 Q4', hasCard);
    expect(JSON.stringify(cardOf(digest).attachments[0]!.content)).toContain('2024/25 Q4');
  });

  it('answers a message that makes no sense with help, not an error', async () => {
    const [reply] = await playground!.say('please make me a sandwich');
    expect(reply!.text ?? '').toMatch(/help/i);
  });
});

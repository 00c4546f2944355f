import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadBotConfig, startBotServer, type BotServer } from '@partnership-tracker/bot';
import { examplePartnership, type Store } from '@partnership-tracker/core';
import { createDataFile, openFileStore } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playground } from './playgroundClient.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** What `ptrack export …` writes to standard output, as bytes, run on the data file as the business team runs it. */
async function ptrackExport(dataFile: string, args: readonly string[]): Promise<Buffer> {
  const { stdout } = await run(process.execPath, [join(root, 'packages/cli/bin/ptrack.js'), 'export', ...args, '--data', dataFile], { encoding: 'buffer' });
  return stdout;
}

describe('the business team downloads a file in chat, through the Agents Playground (issue 17)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ptrack-chat-export-'));
  const dataFile = join(folder, 'partnership.json');
  let store: Store;
  let server: BotServer;
  let playground: Playground;

  beforeAll(async () => {
    // The Playground's user is the example's chair; here they are also in the business team.
    const example = examplePartnership();
    const chair = example.people.find((p) => p.teamsAadObjectId === '00000000-0000-0000-0000-0000000000020')!;
    const db = { ...example, people: example.people.map((p) => (p === chair ? { ...p, roles: [...p.roles, 'business-team' as const] } : p)) };
    const created = await createDataFile(dataFile, db);
    if (!created.success) throw new Error(created.error.message);
    const opened = await openFileStore(dataFile);
    if (!opened.success) throw new Error(opened.error.message);
    store = opened.data;
    const config = loadBotConfig({ PTRACK_BOT_PORT: '0' }, { local: true });
    if (!config.success) throw new Error(config.error.message);
    server = await startBotServer({ config: config.data, store, log: () => {} });
    playground = await Playground.start({ botEndpoint: `${server.url}/api/messages`, replyTimeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await playground?.stop();
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  }, 30_000);

  it.each([
    ['export engagement 2024/25', ['engagement', '--year', '2024/25']],
    ['export funding 2024/25 csv', ['funding', '--year', '2024/25']],
  ])('answers "%s" with a link that downloads exactly what ptrack export writes', async (message, args) => {
    const [reply] = await playground.say(message);
    const text = reply?.text ?? '';
    const url = /http\S+/.exec(text)?.[0];
    expect(url, text).toMatch(/\/export\/\w+-2024-25\.csv\?expires=\d+&key=[0-9a-f]{32}$/);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    const downloaded = Buffer.from(await response.arrayBuffer());
    const written = await ptrackExport(dataFile, args);
    expect(written.length).toBeGreaterThan(200);
    expect(downloaded.toString('utf8')).toBe(written.toString('utf8'));
    expect(downloaded.equals(written)).toBe(true);
  });
});

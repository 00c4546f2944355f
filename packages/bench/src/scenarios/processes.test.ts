import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settle, startServer, type StartedServer } from './processes.js';

describe('settle', () => {
  const started: StartedServer[] = [];
  const directories: string[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
    await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
  });

  // A server whose own child process (as ptrack-bot's compaction process is) goes on working
  // after the server has answered: the next block must not be measured alongside it.
  it.skipIf(!existsSync('/proc/self/stat'))('waits for the work a server\'s child process goes on with, then returns', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ptrack-settle-'));
    directories.push(directory);
    const done = join(directory, 'done');
    const grandchild = `const end = Date.now() + 1500; while (Date.now() < end); require('node:fs').writeFileSync(${JSON.stringify(done)}, '');`;
    const server = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'ignore' }); console.log('listening on http://127.0.0.1:1 '); setInterval(() => {}, 1000);`;
    started.push(await startServer(process.execPath, ['-e', server], /listening on (\S+) /));
    await settle(started, 0);
    expect(existsSync(done)).toBe(true);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, Playground } from './playgroundClient.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const echoBotCommand = `${process.execPath} ${root}test/playground/echoBot.mjs`;

/** `npm start` as a child process, with its output collected. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitForOutput: (pattern: RegExp, timeout?: number) => Promise<RegExpExecArray>;
}

const started: Started[] = [];

// createDataFile and examplePartnership are about to land in core; the test runs once they have.

function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const listener of [...listeners]) listener();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const waitForOutput = (pattern: RegExp, timeout = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match === null) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`npm start did not print ${pattern} within ${timeout} ms. It printed:\n${output}`));
      }, timeout);
      listeners.add(check);
      child.once('close', () =>
        setImmediate(() => {
          if (!listeners.delete(check)) return; // already matched
          clearTimeout(timer);
          reject(new Error(`npm start exited without printing ${pattern}:\n${output}`));
        }),
      );
      check();
    });
  const handle = { child, output: () => output, exited, waitForOutput };
  started.push(handle);
  return handle;
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (scripts/start.mjs), with the echo bot standing in for the real one', () => {
  let folder: string;
  let dataFile: string;
  let botPort: number;
  let playgroundPort: number;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'npm-start-'));
    dataFile = join(folder, 'partnership.json');
    botPort = await freePort();
    playgroundPort = await freePort();
  });
  afterEach(async () => {
    for (const { child, exited } of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts the bot and the Playground, prints where to go and what to type, and a chat reaches the bot', async () => {
    writeFileSync(dataFile, '{}\n');
    const npmStart = start(['--data', dataFile, '--port', String(botPort), '--playground-port', String(playgroundPort)], { PTRACK_BOT_COMMAND: echoBotCommand });
    await npmStart.waitForOutput(/Press Ctrl-C to stop/);
    const url = /Open (http:\/\/127\.0\.0\.1:\d+) in your browser/.exec(npmStart.output())?.[1];
    expect(npmStart.output()).toContain(`Bot endpoint: http://127.0.0.1:${botPort}/api/messages`);
    expect(npmStart.output()).toContain('Type "my actions" first');
    expect(url).toBe(`http://127.0.0.1:${playgroundPort}`);

    const playground = await Playground.connect(url!);
    try {
      const [reply] = await playground.say('my actions');
      expect(reply?.text).toBe('You said: my actions (from 00000000-0000-0000-0000-0000000000020)');
    } finally {
      await playground.stop();
    }
  });

  it('stops the Playground and lets the bot finish before exiting on SIGTERM', async () => {
    writeFileSync(dataFile, '{}\n');
    const marker = join(folder, 'bot-stopped');
    const npmStart = start(['--data', dataFile, '--port', String(botPort), '--playground-port', String(playgroundPort)], {
      PTRACK_BOT_COMMAND: echoBotCommand,
      ECHO_BOT_SHUTDOWN_MARKER: marker,
    });
    await npmStart.waitForOutput(/Press Ctrl-C to stop/);
    npmStart.child.kill('SIGTERM');
    expect(await npmStart.exited).toBe(0);
    expect(npmStart.output()).toContain('Stopping (SIGTERM)');
    expect(existsSync(marker)).toBe(true);
    expect(await isListening(`http://127.0.0.1:${botPort}/healthz`)).toBe(false);
    expect(await isListening(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).toBe(false);
  });

  it('starts only the bot with --no-playground, and stops it on SIGINT', async () => {
    writeFileSync(dataFile, '{}\n');
    const npmStart = start(['--no-playground', '--data', dataFile, '--port', String(botPort), '--playground-port', String(playgroundPort)], { PTRACK_BOT_COMMAND: echoBotCommand });
    await npmStart.waitForOutput(/Press Ctrl-C to stop/);
    expect(npmStart.output()).toContain('No Playground (--no-playground)');
    expect((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status).toBe(200);
    expect(await isListening(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).toBe(false);
    npmStart.child.kill('SIGINT');
    expect(await npmStart.exited).toBe(0);
    expect(await isListening(`http://127.0.0.1:${botPort}/healthz`)).toBe(false);
  });

  it('says so and exits 1 when the bot cannot start', async () => {
    writeFileSync(dataFile, '{}\n');
    const npmStart = start(['--data', dataFile, '--port', String(botPort)], { PTRACK_BOT_COMMAND: `${process.execPath} ${join(folder, 'missing-bot.mjs')}` });
    expect(await npmStart.exited).toBe(1);
    expect(npmStart.output()).toContain(`npm start: The bot did not start on port ${botPort}: it exited (code 1)`);
    expect(npmStart.output()).not.toContain('Press Ctrl-C');
  });

  it('rejects a bad port before starting anything', async () => {
    const npmStart = start(['--data', dataFile, '--port', 'http'], { PTRACK_BOT_COMMAND: echoBotCommand });
    expect(await npmStart.exited).toBe(1);
    expect(npmStart.output()).toMatchInlineSnapshot(`
      "npm start: --port must be a port number from 1 to 65535, not "http".
      "
    `);
    expect(existsSync(dataFile)).toBe(false);
  });

  it('creates the data file with the example partnership when it is missing', async () => {
    const npmStart = start(['--no-playground', '--data', dataFile, '--port', String(botPort)], { PTRACK_BOT_COMMAND: echoBotCommand });
    await npmStart.waitForOutput(/Press Ctrl-C to stop/);
    expect(npmStart.output()).toContain('with the example partnership');
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { partnership: { name: string } };
    expect(saved.partnership.name).toBe('Croydon Safeguarding Children Partnership');
  });

  it('says when it reuses an existing data file, naming its partnership, rather than the example', async () => {
    writeFileSync(dataFile, `${JSON.stringify({ partnership: { name: 'Sutton Safeguarding Children Partnership' } })}\n`);
    const npmStart = start(['--no-playground', '--data', dataFile, '--port', String(botPort)], { PTRACK_BOT_COMMAND: echoBotCommand });
    await npmStart.waitForOutput(/Press Ctrl-C to stop/);
    expect(npmStart.output()).toMatch(/Reusing the existing \S*partnership\.json \(Sutton Safeguarding Children Partnership\), with every change made in it since; it is not reset to the example\./);
    expect(npmStart.output()).not.toContain('with the example partnership.');
  });

  it('runs the real bot on the example partnership in a throwaway PostgreSQL with --postgres, and removes it on SIGINT', async () => {
    const npmStart = start(['--no-playground', '--postgres', '--port', String(botPort)], {});
    await npmStart.waitForOutput(/Press Ctrl-C to stop/, 90_000);
    const folder = /Started a throwaway PostgreSQL in (\S+) with the example partnership/.exec(npmStart.output())?.[1];
    expect(folder).toBeDefined();
    expect(npmStart.output()).toMatch(/data partnership "example" in postgresql:\/\/postgres@localhost\/postgres/);
    expect((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status).toBe(200);
    npmStart.child.kill('SIGINT');
    expect(await npmStart.exited).toBe(0);
    expect(existsSync(folder!)).toBe(false);
  }, 120_000);
});

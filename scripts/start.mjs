#!/usr/bin/env node
// `npm start`: the bot in local mode on the example partnership, plus the Microsoft 365 Agents
// Playground (an offline Teams-like client) pointed at it. Root `npm start` builds first.
//
//   node scripts/start.mjs [--port 3978] [--playground-port 56150] [--data ./partnership.json | --postgres] [--no-playground]
//
// --postgres runs the same walk-through on PostgreSQL: a throwaway private cluster in a temporary
// folder (the server programs of Debian's postgresql package), holding the example partnership,
// removed when you stop.
//
// PTRACK_BOT_COMMAND replaces `node packages/bot/dist/bin.js` (split on spaces; the flags
// `--local --data FILE --port N` are still appended), e.g. to run a stand-in bot in tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const usage = 'Usage: npm start -- [--port 3978] [--playground-port 56150] [--data ./partnership.json | --postgres] [--no-playground]';

/** Bad input or a failed start: printed as one clear line, then exit 1. */
class StartError extends Error {}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '3978' },
        'playground-port': { type: 'string', default: '56150' },
        data: { type: 'string', default: './partnership.json' },
        'no-playground': { type: 'boolean', default: false },
        postgres: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new StartError(`${error.message}\n${usage}`);
  }
  const port = (name) => {
    const text = values[name];
    const number = Number(text);
    if (!/^\d+$/.test(text) || number < 1 || number > 65535) throw new StartError(`--${name} must be a port number from 1 to 65535, not ${JSON.stringify(text)}.`);
    return number;
  };
  return {
    help: values.help,
    port: port('port'),
    playgroundPort: port('playground-port'),
    dataFile: resolve(values.data),
    postgres: values.postgres,
    playground: !values['no-playground'],
  };
}

/** ` (Name of partnership)` as a data file names it, or nothing when it cannot be read. */
function partnershipNameIn(dataFile) {
  try {
    const name = JSON.parse(readFileSync(dataFile, 'utf8'))?.partnership?.name;
    return typeof name === 'string' && name !== '' ? ` (${name})` : '';
  } catch {
    return '';
  }
}

/** Creates the data file with the example partnership unless it exists; says which happened. */
async function ensureDataFile(dataFile) {
  const shown = relative(process.cwd(), dataFile) || dataFile;
  if (existsSync(dataFile)) {
    // Someone who ran `npm start` before gets their own changes back, not the example: say so.
    console.log(`Reusing the existing ${shown}${partnershipNameIn(dataFile)}, with every change made in it since; it is not reset to the example. To start again from the example, move it away or pass --data ANOTHER.json.`);
    return;
  }
  let createDataFile;
  let examplePartnership;
  try {
    ({ createDataFile } = await import('@partnership-tracker/core/node'));
    ({ examplePartnership } = await import('@partnership-tracker/core'));
  } catch (error) {
    throw new StartError(`Cannot load @partnership-tracker/core (${error.message}). Run \`npm run build\` first; \`npm start\` does.`);
  }
  if (typeof createDataFile !== 'function' || typeof examplePartnership !== 'function') {
    throw new StartError('This build of @partnership-tracker/core has no createDataFile or examplePartnership, so the example partnership cannot be created.');
  }
  const result = await createDataFile(dataFile, examplePartnership());
  if (result !== null && typeof result === 'object' && result.success === false) {
    throw new StartError(`Could not create ${shown}: ${result.error?.message ?? JSON.stringify(result.error)}`);
  }
  console.log(`Created ${shown} with the example partnership.`);
}

/**
 * Starts a throwaway PostgreSQL cluster holding the example partnership; gives the database's URL
 * and how to stop it.
 */
async function startExampleDatabase() {
  let core;
  let node;
  try {
    node = await import('@partnership-tracker/core/node');
    core = await import('@partnership-tracker/core');
  } catch (error) {
    throw new StartError(`Cannot load @partnership-tracker/core (${error.message}). Run \`npm run build\` first; \`npm start\` does.`);
  }
  let cluster;
  try {
    cluster = await node.startThrowawayCluster();
  } catch (error) {
    throw new StartError(error.message);
  }
  try {
    const connected = await node.PgPartnerships.connect(cluster.url);
    if (!connected.success) throw new StartError(connected.error.message);
    const created = await connected.data.create('example', core.examplePartnership());
    await connected.data.close();
    if (!created.success) throw new StartError(created.error.message);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  console.log(`Started a throwaway PostgreSQL in ${cluster.directory} with the example partnership ("example"); it is removed when you stop.`);
  return cluster;
}

/** The command that runs the bot server. */
function botCommand({ port, dataFile }) {
  const override = process.env.PTRACK_BOT_COMMAND?.trim();
  const base = override ? override.split(/\s+/) : [process.execPath, resolve(root, 'packages/bot/dist/bin.js')];
  if (!override && !existsSync(base[1])) {
    throw new StartError('packages/bot/dist/bin.js is missing: run `npm run build` first (`npm start` does).');
  }
  const [command, ...args] = base;
  return { command, args: [...args, '--local', '--data', dataFile, '--port', String(port)] };
}

/** Starts a child in its own process group (so Ctrl-C reaches only us, and we stop it in order), prefixing its output. */
function startChild(label, command, args, { env = {}, cwd = process.cwd() } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      console.log(`[${label}] ${line}`);
    });
  }
  child.once('error', (error) => console.error(`[${label}] could not start ${command}: ${error.message}`));
  return { label, child, lines, exited: new Promise((done) => child.once('close', (code, signal) => done({ code, signal }))) };
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within `grace` ms. */
async function stopChild({ child, exited }, grace = 5_000) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), grace);
    await exited;
    clearTimeout(timer);
  }
}

/** Resolves once `check()` is true, polling every 100 ms; rejects if `failed` settles first or after `timeout` ms. */
async function pollUntil(check, failed, timeout, what) {
  const deadline = Date.now() + timeout;
  let stopped;
  failed.then((reason) => (stopped = reason));
  while (Date.now() < deadline) {
    if (stopped !== undefined) throw new StartError(`${what}: ${stopped}`);
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new StartError(`${what}: not ready within ${timeout / 1000} s.`);
}

async function botIsReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return response.ok || response.status === 404; // a server without /healthz is still listening
  } catch {
    return false;
  }
}

const exitDescription = ({ code, signal }) => `it exited (${signal ?? `code ${code}`})`;

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  let database;
  if (options.postgres) {
    database = await startExampleDatabase();
    options.dataFile = database.url;
  } else {
    await ensureDataFile(options.dataFile);
  }

  const running = [];
  let playgroundFolder; // the Playground's working folder, removed when it stops
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    // Playground first, so nothing new reaches the bot while it finishes its writes.
    for (const child of [...running].reverse()) await stopChild(child);
    if (playgroundFolder !== undefined) rmSync(playgroundFolder, { recursive: true, force: true });
    await database?.stop();
  };
  // A last resort if we are leaving for any other reason: never leave a child behind.
  process.once('exit', () => {
    for (const { child } of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const stopped = new Promise((done) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        if (stopping) return;
        console.log(`\nStopping (${signal})…`);
        stopAll().then(() => done(0));
      });
    }
  });

  const { command, args } = botCommand(options);
  const bot = startChild('bot', command, args);
  running.push(bot);
  const endpoint = `http://127.0.0.1:${options.port}/api/messages`;
  const botFailed = bot.exited.then(exitDescription);
  try {
    await pollUntil(() => botIsReady(options.port), botFailed, 30_000, `The bot did not start on port ${options.port}`);
  } catch (error) {
    if (stopping) return stopped; // Ctrl-C while starting
    await stopAll();
    throw error;
  }

  let playgroundUrl;
  let playground;
  if (options.playground) {
    playgroundFolder = mkdtempSync(join(tmpdir(), 'agents-playground-'));
    const cli = createRequire(resolve(root, 'packages/bot/package.json')).resolve('@microsoft/m365agentsplayground/cli.js');
    playground = startChild('playground', process.execPath, ['--require', resolve(root, 'scripts/loopbackOnly.cjs'), cli, '--dt', '-e', endpoint, '-c', 'msteams', '-p', String(options.playgroundPort)], {
      env: { TEAMSAPPTESTER_BROWSER: 'none' },
      // It writes devTools/m365agentsplayground.log into its working folder: keep that out of the repository.
      cwd: playgroundFolder,
    });
    running.push(playground);
    const playgroundFailed = Promise.race([playground.exited.then(exitDescription), botFailed.then((reason) => `the bot stopped: ${reason}`)]);
    try {
      // The Playground takes another port if the one asked for is busy, so read the one it took.
      let port;
      await pollUntil(
        async () => {
          port = playground.lines.map((line) => /Listening on (\d+)/.exec(line)?.[1]).find(Boolean);
          return port !== undefined;
        },
        playgroundFailed,
        30_000,
        'The Agents Playground did not start',
      );
      playgroundUrl = `http://127.0.0.1:${port}`;
    } catch (error) {
      if (stopping) return stopped;
      await stopAll();
      throw error;
    }
  }

  console.log('');
  console.log('Partnership Tracker is running (local mode: no credentials, loopback only).');
  console.log(`  Bot endpoint: ${endpoint}`);
  console.log(`  Data:         ${database ? 'the example partnership in a throwaway PostgreSQL' : relative(process.cwd(), options.dataFile) || options.dataFile}`);
  if (playgroundUrl) {
    console.log(`  Open ${playgroundUrl} in your browser: the Agents Playground, a Teams-like chat with the bot.`);
    console.log('  Type "my actions" first: you are the Playground\'s default user, Alex Wilber, who is in the example partnership. "help" lists the rest.');
  } else {
    console.log(`  No Playground (--no-playground): point a Bot Framework client at ${endpoint}, channel msteams.`);
  }
  console.log('Press Ctrl-C to stop.');

  const crashed = Promise.race(
    running.map(({ label, exited }) => exited.then((how) => ({ label, how }))),
  ).then(async ({ label, how }) => {
    if (stopping) return stopped; // we are stopping them: wait until both have finished
    console.error(`The ${label === 'bot' ? 'bot' : 'Agents Playground'} stopped unexpectedly: ${exitDescription(how)}. Stopping.`);
    await stopAll();
    return 1;
  });
  return Promise.race([stopped, crashed]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof StartError) {
      console.error(`npm start: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);

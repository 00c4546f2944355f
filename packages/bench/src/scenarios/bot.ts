import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { percentile, ratio } from '../measure/statistics.js';
import type { BotResult, BotTurnResult, Skipped } from '../report.js';
import type { Owner, Workload } from '../synthetic/partnership.js';
import { builtBin } from './packages.js';
import { settle, startServer, type StartedServer } from './processes.js';

const TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
const CONCURRENCIES = [1, 20] as const;
const echoBotPath = fileURLToPath(new URL('../echoBot.js', import.meta.url));

/** A stand-in for the Bot Connector: answers every call at once and keeps the text of each reply (a card as `[card]`). */
async function startConnector(): Promise<{ url: string; replies: string[]; close(): Promise<void> }> {
  const replies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        const activity = JSON.parse(body) as { text?: string; attachments?: unknown[] };
        replies.push(activity.text ?? (activity.attachments?.length ? '[card]' : ''));
      } catch {
        replies.push('');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a person types for each measured command; `n` varies an update so every one is a real change. */
const commands: ReadonlyArray<{
  name: string;
  text: (owner: Owner, n: number, workload: Workload) => string;
  /** What every one of the bot's replies must look like, so that a failing turn is never timed as a turn. */
  reply: RegExp;
}> = [
  { name: 'my actions', text: () => 'my actions', reply: /A-\d+/ },
  { name: 'update', text: (owner, n) => `update ${owner.openActionRefs[n % owner.openActionRefs.length]} ${10 + (n % 80)}% on track — benchmark turn ${n}`, reply: /^Updated A-\d+/ },
  { name: 'digest', text: (_owner, _n, workload) => `digest ${workload.digestQuarter}`, reply: /^The quarterly digest for \d{4}\/\d{2} Q\d/ },
];

/** How many alternating blocks the bot's and the echo bot's samples are taken in, so both see the same drift in the machine's load. */
const BLOCKS = 5;

let sequence = 0;

/** Sends one Teams-shaped message to a bot and resolves with the round trip in milliseconds (the turn, replies included). */
async function turn(botUrl: string, connectorUrl: string, owner: Owner, conversationId: string, text: string): Promise<number> {
  sequence += 1;
  const activity = {
    type: 'message',
    id: `bench-${sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: `29:${owner.teamsAadObjectId}`, name: 'Benchmark', aadObjectId: owner.teamsAadObjectId },
    recipient: { id: '28:bot-id', name: 'Partnership Tracker' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    text,
  };
  const start = performance.now();
  const response = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.arrayBuffer();
  const elapsed = performance.now() - start;
  if (response.status >= 300) throw new Error(`${botUrl}: "${text}" answered ${response.status}`);
  return elapsed;
}

/** `requests` turns of one command from `concurrency` conversations at once, each sending its next turn when the last is answered. */
async function load(
  botUrl: string,
  connectorUrl: string,
  workload: Workload,
  command: (typeof commands)[number],
  concurrency: number,
  requests: number,
  label: string,
): Promise<number[]> {
  const perConversation = Math.max(1, Math.ceil(requests / concurrency));
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, index) => {
      const owner = workload.owners[index % workload.owners.length]!;
      const conversationId = `a:bench-${label}-${concurrency}-${index}`;
      for (let n = 0; n < perConversation; n++) {
        samples.push(await turn(botUrl, connectorUrl, owner, conversationId, command.text(owner, sequence, workload)));
      }
    }),
  );
  return samples;
}

/**
 * Bot turn latency over real HTTP on 127.0.0.1: `my actions`, `update` and `digest` (or the
 * `commands` named) at 1 and 20 concurrent conversations against ptrack-bot in local mode on the
 * data `dataArgs` name (a file, or a database and partnership), each followed by the same load on
 * a bare botbuilder echo bot, both replying to a local fake connector.
 */
export async function measureBot(options: { requests: number; dataArgs: readonly string[]; scale: number; workload: Workload; commands?: readonly string[] }): Promise<BotResult | Skipped> {
  const bin = builtBin('bot');
  if (bin === undefined) return { skipped: 'packages/bot/dist/bin.js does not exist (the bot is not built, or not on this branch yet).' };
  const connector = await startConnector();
  const started: StartedServer[] = [];
  try {
    // No scheduler: the synthetic data's saved conversations point at the real Teams service.
    const bot = await startServer(process.execPath, [bin, '--local', ...options.dataArgs, '--port', '0', '--no-scheduler'], /listening on (http:\/\/\S+?) /);
    started.push(bot);
    const echo = await startServer(process.execPath, [echoBotPath, '--port', '0'], /echo bot listening on (http:\/\/\S+)/);
    started.push(echo);
    const turns: BotTurnResult[] = [];
    for (const command of commands.filter((c) => options.commands?.includes(c.name) ?? true)) {
      for (const concurrency of CONCURRENCIES) {
        const label = command.name.replace(/\s+/g, '-');
        // Warm-up: the first turn of a conversation also saves its reference, and JIT warms.
        await load(bot.url, connector.url, options.workload, command, concurrency, concurrency, label);
        await load(echo.url, connector.url, options.workload, command, concurrency, concurrency, label);
        const measured: number[] = [];
        const baseline: number[] = [];
        const perBlock = Math.max(concurrency, Math.round(options.requests / BLOCKS));
        for (let block = 0; block < BLOCKS; block++) {
          // Each block starts once what the last left running (the bot's compaction) has
          // finished, and after a round of unmeasured turns (see the Slack section's blocks).
          await settle(started);
          await load(bot.url, connector.url, options.workload, command, concurrency, concurrency, label);
          const firstReply = connector.replies.length;
          measured.push(...(await load(bot.url, connector.url, options.workload, command, concurrency, perBlock, label)));
          const wrong = connector.replies.slice(firstReply).find((reply) => !command.reply.test(reply));
          if (wrong !== undefined) throw new Error(`ptrack-bot answered "${command.name}" with "${wrong.slice(0, 200)}": the bench times only turns that work`);
          await settle(started);
          await load(echo.url, connector.url, options.workload, command, concurrency, concurrency, label);
          baseline.push(...(await load(echo.url, connector.url, options.workload, command, concurrency, perBlock, label)));
        }
        const p99 = percentile(measured, 99);
        const echoP99 = percentile(baseline, 99);
        turns.push({
          command: command.name,
          concurrency,
          requests: measured.length,
          p50: percentile(measured, 50),
          p99,
          echoP50: percentile(baseline, 50),
          echoP99,
          p99Ratio: ratio(p99, echoP99),
          sampleReply: connector.replies.findLast((reply) => !reply.startsWith('You said:'))?.slice(0, 160) ?? '',
        });
      }
    }
    return { scale: options.scale, turns };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    await connector.close();
  }
}

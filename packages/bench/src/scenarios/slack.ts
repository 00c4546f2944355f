import { createHmac } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile, ratio } from '../measure/statistics.js';
import type { Skipped, SlackFanOutResult, SlackResult, SlackTurnResult } from '../report.js';
import type { Workload } from '../synthetic/partnership.js';
import { runWorker } from './child.js';
import { startFakeSlack, type FakeSlack, type RateLimit } from './fakeSlack.js';
import { builtBin } from './packages.js';
import { settle, startServer, type StartedServer } from './processes.js';

const TEAM = 'T0BENCH';
const SIGNING_SECRET = 'bench-signing-secret';
const CONCURRENCIES = [1, 20] as const;
/** Alternating blocks of ptrack-bot's and the bare Bolt app's samples, as in the Teams section. */
const BLOCKS = 5;
const boltAppPath = fileURLToPath(new URL('../slackBoltApp.js', import.meta.url));
const LISTENING = /listening on (http:\/\/\S+?)(?:\s|$)/;

/** The Slack user id the bench gives the n-th owner of the workload. */
export const ownerSlackId = (index: number): string => `U0OWNER${String(index).padStart(4, '0')}`;

let sequence = 0;

/** Slack's v0 signature headers over a body, as Slack signs each request. */
function signed(body: string, contentType: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

async function post(url: string, body: string, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/slack/events`, { method: 'POST', headers: signed(body, contentType), body });
  return { status: response.status, text: await response.text() };
}

/** An interactivity payload (a button, a modal submission), form-encoded and signed as Slack sends it. */
const interaction = (payload: Record<string, unknown>): string =>
  new URLSearchParams({ payload: JSON.stringify({ team: { id: TEAM }, api_app_id: 'A0PTRACK', token: 'deprecated', ...payload }) }).toString();

/**
 * `/ptrack <text>` from a user: the milliseconds from sending the signed command until its reply
 * reaches the response_url (the command is acknowledged first and answered after), and the reply.
 */
async function slashCommand(url: string, fake: FakeSlack, userId: string, text: string): Promise<{ elapsed: number; reply: string }> {
  sequence += 1;
  const id = `cmd-${sequence}`;
  const body = new URLSearchParams({
    token: 'deprecated',
    team_id: TEAM,
    team_domain: 'bench',
    channel_id: `D${userId.slice(1)}`,
    channel_name: 'directmessage',
    user_id: userId,
    user_name: 'bench',
    command: '/ptrack',
    text,
    api_app_id: 'A0PTRACK',
    response_url: fake.responseUrl(id),
    trigger_id: `trigger-${sequence}`,
  }).toString();
  const replied = fake.waitForReply(id);
  const start = performance.now();
  const answer = await post(url, body, 'application/x-www-form-urlencoded');
  if (answer.status !== 200) throw new Error(`${url}: /ptrack ${text} answered ${answer.status}`);
  const reply = await replied;
  return { elapsed: reply.at - start, reply: reply.text };
}

/** Presses Update on an action in ptrack-bot's Home tab and returns the modal it opened (views.open). */
async function openUpdateModal(url: string, fake: FakeSlack, userId: string, ref: string): Promise<Record<string, unknown>> {
  sequence += 1;
  const triggerId = `trigger-${sequence}`;
  const opened = fake.waitForOpenedView(triggerId);
  const answer = await post(
    url,
    interaction({
      type: 'block_actions',
      user: { id: userId, team_id: TEAM },
      trigger_id: triggerId,
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
      actions: [{ type: 'button', action_id: 'ptrack.action.update', block_id: `action:${ref}`, value: ref, action_ts: '1.1' }],
    }),
    'application/x-www-form-urlencoded',
  );
  if (answer.status !== 200) throw new Error(`${url}: the Update button answered ${answer.status}`);
  return opened;
}

type Element = { type?: string; action_id?: string; options?: Array<{ value?: string }> };

/**
 * The view_submission of a modal the bot opened, filled in as a person would: its number input
 * (progress) with `progress`, its select (status) with on track, its text input (note) with
 * `note`. Each has its own view id, as each opening of a modal has.
 */
export function updateSubmission(view: Record<string, unknown>, userId: string, progress: number, note: string): string {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of (view.blocks ?? []) as Array<{ type?: string; block_id?: string; element?: Element }>) {
    const element = block.element;
    if (block.type !== 'input' || block.block_id === undefined || element?.action_id === undefined) continue;
    const value =
      element.type === 'number_input'
        ? { type: element.type, value: String(progress) }
        : element.type === 'static_select'
          ? { type: element.type, selected_option: element.options?.find((o) => o.value === 'on-track') ?? element.options?.[0] }
          : { type: element.type, value: note };
    values[block.block_id] = { [element.action_id]: value };
  }
  sequence += 1;
  return interaction({
    type: 'view_submission',
    user: { id: userId, team_id: TEAM },
    trigger_id: `trigger-${sequence}`,
    view: { id: `V0BENCH${sequence}`, team_id: TEAM, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, hash: `h${sequence}`, state: { values } },
  });
}

/** A modal submission: the milliseconds until its HTTP answer (what closes the modal, or shows its errors), and that answer. */
async function submit(url: string, body: string): Promise<{ elapsed: number; reply: string }> {
  const start = performance.now();
  const answer = await post(url, body, 'application/x-www-form-urlencoded');
  const elapsed = performance.now() - start;
  if (answer.status !== 200) throw new Error(`${url}: a modal submission answered ${answer.status}`);
  return { elapsed, reply: answer.text };
}

/** One conversation's next request: its latency in milliseconds and the reply to check. */
type Turn = (url: string, conversation: number) => Promise<{ elapsed: number; reply: string }>;

/** `requests` turns from `concurrency` users at once, each sending its next when the last is answered; every reply must pass `check`. */
async function load(url: string, turn: Turn, concurrency: number, requests: number, check: (reply: string) => boolean, label: string): Promise<{ samples: number[]; last: string }> {
  const perUser = Math.max(1, Math.ceil(requests / concurrency));
  const samples: number[] = [];
  let last = '';
  await Promise.all(
    Array.from({ length: concurrency }, async (_, index) => {
      for (let n = 0; n < perUser; n++) {
        const { elapsed, reply } = await turn(url, index);
        if (!check(reply)) throw new Error(`${label} was answered "${reply.slice(0, 200)}": the bench times only requests that work`);
        samples.push(elapsed);
        last = reply;
      }
    }),
  );
  return { samples, last };
}

/** The environment ptrack-bot runs for Slack alone in: this run's secret, token, workspace and fake Web API, and nothing of the caller's. */
function botEnvironment(apiUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PTRACK_')));
  return {
    ...inherited,
    PTRACK_SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PTRACK_SLACK_BOT_TOKEN: 'xoxb-bench',
    PTRACK_SLACK_ALLOWED_TEAMS: TEAM,
    PTRACK_SLACK_API_URL: apiUrl,
    ...extra,
  };
}

/**
 * Slack request latency over real HTTP on 127.0.0.1: `/ptrack my actions` (until its reply
 * reaches the response_url) and an Update modal submission (until its HTTP answer), at 1 and 20
 * concurrent users, against ptrack-bot for Slack alone on `dataPath` (whose workload owners have
 * Slack ids `ownerSlackId(i)`), in alternating blocks with the same load on a bare Bolt app, both
 * calling the same fake Web API. Modal submissions also go to a second bare app that makes each
 * durable before answering (an fsynced append, group-committed, on the data file's disk), since
 * ptrack may not close a modal on a change it could still lose: the goal's baseline for them.
 */
export async function measureSlackRequests(options: { requests: number; dataPath: string; workload: Workload }): Promise<SlackTurnResult[] | Skipped> {
  const bin = builtBin('bot');
  if (bin === undefined) return { skipped: 'packages/bot/dist/bin.js does not exist (the bot is not built, or not on this branch yet).' };
  const fake = await startFakeSlack({ teamId: TEAM });
  const started: StartedServer[] = [];
  try {
    const bot = await startServer(process.execPath, [bin, '--data', options.dataPath, '--host', '127.0.0.1', '--port', '0', '--no-scheduler'], LISTENING, 120_000, botEnvironment(fake.apiUrl));
    started.push(bot);
    const bolt = await startServer(process.execPath, [boltAppPath, '--port', '0', '--api-url', fake.apiUrl, '--signing-secret', SIGNING_SECRET], LISTENING);
    started.push(bolt);
    const durableFile = join(dirname(options.dataPath), 'bare-bolt-submissions.log');
    await rm(durableFile, { force: true });
    const durableBolt = await startServer(process.execPath, [boltAppPath, '--port', '0', '--api-url', fake.apiUrl, '--signing-secret', SIGNING_SECRET, '--durable-file', durableFile], LISTENING);
    started.push(durableBolt);
    let durablySubmitted = 0;
    const owners = options.workload.owners;
    const userOf = (conversation: number) => ownerSlackId(conversation % owners.length);

    // One Update modal per owner, opened by ptrack-bot for their first open action; both apps get the same submissions.
    const modals: Array<Record<string, unknown>> = [];
    for (const [index, owner] of owners.entries()) modals.push(await openUpdateModal(bot.url, fake, ownerSlackId(index), owner.openActionRefs[0]!));
    let submitted = 0;
    const kinds: ReadonlyArray<{ name: string; turn: Turn; bot: RegExp; bolt: RegExp; countsSubmissions: boolean }> = [
      { name: '/ptrack my actions', turn: (url, c) => slashCommand(url, fake, userOf(c), 'my actions'), bot: /A-\d+/, bolt: /^You said: my actions$/, countsSubmissions: false },
      {
        name: 'Update modal submission',
        turn: (url, c) => {
          const n = (sequence += 1);
          return submit(url, updateSubmission(modals[c % modals.length]!, userOf(c), 10 + (n % 80), `Benchmark submission ${n}`));
        },
        // An empty answer closes the modal; `response_action: errors` would mean nothing was written.
        bot: /^$/,
        bolt: /^$/,
        countsSubmissions: true,
      },
    ];
    const results: SlackTurnResult[] = [];
    for (const kind of kinds) {
      for (const concurrency of CONCURRENCIES) {
        const onBot = async (requests: number) => {
          const measured = await load(bot.url, kind.turn, concurrency, requests, (reply) => kind.bot.test(reply), `ptrack-bot's ${kind.name}`);
          if (kind.countsSubmissions) submitted += measured.samples.length;
          return measured;
        };
        const onBolt = (requests: number) => load(bolt.url, kind.turn, concurrency, requests, (reply) => kind.bolt.test(reply), `the bare Bolt app's ${kind.name}`);
        const onDurableBolt = async (requests: number) => {
          const measured = await load(durableBolt.url, kind.turn, concurrency, requests, (reply) => kind.bolt.test(reply), `the durable bare Bolt app's ${kind.name}`);
          durablySubmitted += measured.samples.length;
          return measured;
        };
        // Warm-up: JIT, connections, and each user's first words saving their Slack chat.
        await onBot(concurrency);
        await onBolt(concurrency);
        if (kind.countsSubmissions) await onDurableBolt(concurrency);
        const measured: number[] = [];
        const baseline: number[] = [];
        const durableBaseline: number[] = [];
        let sample = '';
        const perBlock = Math.max(concurrency, Math.round(options.requests / BLOCKS));
        // Each block starts once what the last one left running (the bot's compaction and
        // follow-up calls) has finished, so that no server's work is counted in another's block,
        // and after a round of unmeasured requests: a server idle for seconds has let its
        // keep-alive connections go, and its first requests would pay for new ones.
        const settled = async (on: (requests: number) => Promise<unknown>) => {
          await settle(started);
          await on(concurrency);
        };
        for (let block = 0; block < BLOCKS; block++) {
          await settled(onBot);
          const ours = await onBot(perBlock);
          measured.push(...ours.samples);
          sample = ours.last;
          await settled(onBolt);
          baseline.push(...(await onBolt(perBlock)).samples);
          if (kind.countsSubmissions) {
            await settled(onDurableBolt);
            durableBaseline.push(...(await onDurableBolt(perBlock)).samples);
          }
        }
        const p99 = percentile(measured, 99);
        const boltP99 = percentile(baseline, 99);
        const durable =
          durableBaseline.length === 0
            ? {}
            : { durableBoltP50: percentile(durableBaseline, 50), durableBoltP99: percentile(durableBaseline, 99), durableP99Ratio: ratio(p99, percentile(durableBaseline, 99)) };
        results.push({
          request: kind.name,
          concurrency,
          requests: measured.length,
          p50: percentile(measured, 50),
          p99,
          boltP50: percentile(baseline, 50),
          boltP99,
          p99Ratio: ratio(p99, boltP99),
          ...durable,
          sampleReply: sample.slice(0, 160),
        });
      }
    }
    // Every submission was a real change: ptrack-bot confirms each in the person's DM after closing
    // the modal (a person's confirmations of a moment are one message, one paragraph each).
    const confirmed = () => fake.posts.reduce((sum, p) => sum + (p.text.match(/^Updated A-\d+/gm)?.length ?? 0), 0);
    const deadline = Date.now() + 30_000;
    while (confirmed() < submitted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (confirmed() !== submitted) throw new Error(`ptrack-bot confirmed ${confirmed()} of ${submitted} modal submissions`);
    // The durable baseline is only a baseline if it wrote what it answered.
    const durableLines = (await readFile(durableFile, 'utf8')).split('\n').filter((line) => line !== '').length;
    if (durableLines !== durablySubmitted) throw new Error(`the durable bare Bolt app answered ${durablySubmitted} modal submissions but wrote ${durableLines}`);
    const lastConfirmation = fake.posts.findLast((p) => /^Updated A-\d+/m.test(p.text))?.text.split('\n\n').at(-1) ?? '';
    return results.map((r) => (r.request === 'Update modal submission' ? { ...r, sampleReply: `(modal closed; then in the DM) ${lastConfirmation}`.slice(0, 160) } : r));
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    await fake.close();
  }
}

/**
 * The fan-out: a partnership with `reminders` reminders due now to as many Slack users; ptrack-bot
 * (for Slack alone, scheduler on, PTRACK_REMINDER_RATE = `limit.perSecond`) sends them through a
 * fake Web API that enforces that rate on chat.postMessage. Timed from the moment the bot listens
 * (its scheduler starts) until the last reminder is accepted; every user must get exactly one.
 */
export async function measureFanOut(options: { directory: string; reminders: number; limit: RateLimit }): Promise<SlackFanOutResult | Skipped> {
  const bin = builtBin('bot');
  if (bin === undefined) return { skipped: 'packages/bot/dist/bin.js does not exist (the bot is not built, or not on this branch yet).' };
  const path = join(options.directory, `fan-out-${options.reminders}.json`);
  const { slackUserIds, due } = await runWorker<{ slackUserIds: string[]; due: string }>('due-reminders', { path, people: options.reminders });
  const fake = await startFakeSlack({ teamId: TEAM, postMessageLimit: options.limit });
  let bot: StartedServer | undefined;
  try {
    const minimumMs = (options.reminders / options.limit.perSecond) * 1000;
    bot = await startServer(process.execPath, [bin, '--data', path, '--host', '127.0.0.1', '--port', '0'], LISTENING, 120_000, botEnvironment(fake.apiUrl, { PTRACK_REMINDER_RATE: String(options.limit.perSecond) }));
    const start = performance.now();
    // The tick logs what it did once it has handled every due message.
    const tickLine = /scheduler at \S+: (\d+) sent, (\d+) failed, (\d+) left for later/;
    const deadline = start + minimumMs * 3 + 120_000;
    while (!tickLine.test(bot.output()) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const tick = tickLine.exec(bot.output());
    if (!tick) throw new Error(`the fan-out did not finish within ${Math.round((deadline - start) / 1000)} s: ${fake.posts.length} of ${options.reminders} sent`);
    const perUser = new Map<string, number>();
    for (const message of fake.posts) perUser.set(message.channel, (perUser.get(message.channel) ?? 0) + 1);
    const last = fake.posts.at(-1)?.at ?? start;
    const totalMs = last - start;
    return {
      reminders: options.reminders,
      due,
      perSecond: options.limit.perSecond,
      burst: options.limit.burst,
      accepted: fake.posts.length,
      duplicates: [...perUser.values()].filter((count) => count > 1).length,
      missed: slackUserIds.filter((id) => !perUser.has(id)).length,
      throttled: fake.throttled(),
      schedulerReport: tick[0],
      totalMs,
      minimumMs,
      ratio: ratio(totalMs, minimumMs),
    };
  } finally {
    await bot?.stop();
    await fake.close();
  }
}

/** The Slack section: request latency on the smallest scale's data (with Slack ids given to its owners), then the fan-out. */
export async function measureSlack(options: {
  requests: number;
  dataPath: string;
  scale: number;
  workload: Workload;
  directory: string;
  reminders: number;
  limit: RateLimit;
  log: (line: string) => void;
}): Promise<SlackResult> {
  const slackPath = join(options.directory, `slack-${options.scale}x.json`);
  options.log('Slack: giving the owners Slack ids');
  await runWorker('slack-copy', { from: options.dataPath, to: slackPath, slackUserIds: Object.fromEntries(options.workload.owners.map((owner, index) => [owner.personId, ownerSlackId(index)])) });
  options.log('Slack: /ptrack my actions and Update modal submissions');
  const requests = await measureSlackRequests({ requests: options.requests, dataPath: slackPath, workload: options.workload });
  options.log(`Slack: fan-out of ${options.reminders} reminders at ${options.limit.perSecond}/s`);
  const fanOut = await measureFanOut({ directory: options.directory, reminders: options.reminders, limit: options.limit });
  return { scale: options.scale, requests, fanOut };
}

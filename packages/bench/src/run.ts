import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './measure/machine.js';
import { median, ratio } from './measure/statistics.js';
import { createScratchDatabase, startThrowawayCluster } from '@partnership-tracker/core/node';
import type { AgainstFloor, PostgresResult, PostgresRow, Report, ScaleResult, Skipped, SlackResult } from './report.js';
import { measureBot } from './scenarios/bot.js';
import { runWorker } from './scenarios/child.js';
import { measureCli } from './scenarios/cli.js';
import type { PgSamples } from './scenarios/postgres.js';
import { measureSlack } from './scenarios/slack.js';
import type { Workload } from './synthetic/partnership.js';
import type { CommitSamples, GenerateResult, LogSamples, MemorySample, ReportSamples } from './worker.js';

/** How much to measure. */
export interface BenchOptions {
  /** Scale factors of the synthetic partnership, e.g. [1, 3, 10]. */
  readonly scales: readonly number[];
  /** Samples of the reports (and their floor) at each scale. */
  readonly readIterations: number;
  /** Samples of each kind of change (and its floor) at each scale. */
  readonly commitIterations: number;
  /** Runs of each CLI command. */
  readonly cliRuns: number;
  /** Requests per bot command and concurrency. */
  readonly botRequests: number;
  /** How many partnerships the database holds for each of the PostgreSQL section's rows at the smallest scale, each at least 2. */
  readonly pgPartnerships: readonly number[];
  /** Up to how many of them are whole copies of the measured partnership; the rest hold a tenth of its rows. */
  readonly pgFullPartnerships: number;
  /** Reminders in the Slack fan-out, each to its own Slack user. */
  readonly slackReminders: number;
  /** The fake Slack Web API's chat.postMessage rate in the fan-out, and the bot's PTRACK_REMINDER_RATE. */
  readonly slackRate: number;
  /** Progress lines go here. */
  readonly log?: (line: string) => void;
}

/**
 * The fake's token bucket in the fan-out: a quarter of a second's calls, so that a send that
 * reaches it a moment early (the scheduler is paced at the same rate) is not a 429, and a burst
 * above the rate is.
 */
const slackLimit = (options: BenchOptions) => ({ perSecond: options.slackRate, burst: Math.max(2, Math.ceil(options.slackRate / 4)) });

function againstFloor(floor: readonly number[], value: readonly number[]): AgainstFloor {
  const floorMedian = median(floor);
  const valueMedian = median(value);
  return { floor: floorMedian, value: valueMedian, ratio: ratio(valueMedian, floorMedian), samples: value.length };
}

/** Runs every section at every scale, each measurement in a fresh process, and returns the report. */
export async function runBench(options: BenchOptions): Promise<Report> {
  const log = options.log ?? (() => undefined);
  const machine = describeMachine(new Date());
  const directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-'));
  try {
    const scales: ScaleResult[] = [];
    let smallest: { path: string; generated: GenerateResult; scale: number } | undefined;
    let largest: { path: string; generated: GenerateResult; scale: number } | undefined;
    for (const scale of options.scales) {
      const path = join(directory, `partnership-${scale}x.json`);
      log(`${scale}×: generating`);
      const generated = await runWorker<GenerateResult>('generate', { scale, path });
      const { workload } = generated;
      log(`${scale}×: ${(generated.bytes / 1e6).toFixed(1)} MB; measuring reports`);
      const reportSamples = await runWorker<ReportSamples>('reports', { path, workload, iterations: options.readIterations });
      log(`${scale}×: measuring changes`);
      const commit = async (kind: 'actionUpdate' | 'register', offset: number) => {
        const samples = await runWorker<CommitSamples>('commits', { path, logPath: join(directory, `floor-${scale}x.jsonl`), workload, kind, iterations: options.commitIterations, offset });
        if (samples.auditEntries.some((count) => count === 0)) throw new Error(`${kind} at ${scale}×: a sample changed nothing, so it measured no write`);
        return againstFloor(samples.floor, samples.commit);
      };
      const actionUpdate = await commit('actionUpdate', 0);
      const register = await commit('register', 0);
      log(`${scale}×: measuring peak memory`);
      const storeMemory = await runWorker<MemorySample>('memory', { path, workload });
      const floorMemory = await runWorker<MemorySample>('memory-floor', { path });
      log(`${scale}×: measuring the change log`);
      const logSamples = await runWorker<LogSamples>('log', { path, logPath: join(directory, `floor-${scale}x.jsonl`), workload, iterations: options.readIterations });
      const pastLimit = againstFloor(logSamples.appendFloor, logSamples.pastLimit);
      const reports = againstFloor(reportSamples.floor, reportSamples.store);
      scales.push({
        scale,
        bytes: generated.bytes,
        counts: generated.counts,
        reports: { ...reports, open: median(reportSamples.open), compute: median(reportSamples.compute) },
        commits: { actionUpdate, register },
        memory: { floor: floorMemory.maxRssMiB, value: storeMemory.maxRssMiB, ratio: ratio(storeMemory.maxRssMiB, floorMemory.maxRssMiB), samples: 1 },
        log: {
          entries: logSamples.entries,
          open: againstFloor(logSamples.floor, logSamples.open),
          pastLimit,
          background: median(logSamples.background),
          amortisedPerChange: median(logSamples.background) / logSamples.entries,
        },
      });
      if (smallest === undefined || scale < smallest.scale) smallest = { path, generated, scale };
      if (largest === undefined || scale > largest.scale) largest = { path, generated, scale };
    }
    log('CLI cold start');
    const cli = await measureCli({ runs: options.cliRuns, dataFile: smallest?.path, year: smallest?.generated.workload.engagementYear ?? '2025/26' });
    log('bot turns');
    const bot = smallest === undefined ? { skipped: 'no data file was generated' } : await measureBot({ requests: options.botRequests, dataArgs: ['--data', smallest.path], scale: smallest.scale, workload: smallest.generated.workload });
    log('PostgreSQL');
    const postgres = smallest === undefined || largest === undefined ? { skipped: 'no data file was generated' } : await measurePostgres(smallest, largest, options);
    log('Slack');
    const slack = smallest === undefined ? { skipped: 'no data file was generated' } : await slackSection(smallest, directory, options);
    return { machine, scales, cli, bot, postgres, slack };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

type Generated = { path: string; generated: GenerateResult; scale: number };

function slackSection(data: Generated, directory: string, options: BenchOptions): Promise<SlackResult> {
  return measureSlack({
    requests: options.botRequests,
    dataPath: data.path,
    scale: data.scale,
    workload: data.generated.workload,
    directory,
    reminders: options.slackReminders,
    limit: slackLimit(options),
    log: options.log ?? (() => undefined),
  });
}

/**
 * The Slack section alone (`--only slack`), at the smallest of the scales: request latency
 * against a bare Bolt app, then the fan-out (at 2,000 reminders and 40 a second, about a minute).
 */
export async function runSlackBench(options: BenchOptions): Promise<Pick<Report, 'machine' | 'slack'>> {
  const log = options.log ?? (() => undefined);
  const machine = describeMachine(new Date());
  const directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-'));
  try {
    const scale = Math.min(...options.scales);
    const path = join(directory, `partnership-${scale}x.json`);
    log(`${scale}×: generating`);
    const generated = await runWorker<GenerateResult>('generate', { scale, path });
    return { machine, slack: await slackSection({ path, scale, generated }, directory, options) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The PostgreSQL section alone (`--only postgres`), at the smallest and largest of the scales:
 * for measuring a change to the PostgreSQL store without the hour of every other section.
 */
export async function runPostgresBench(options: BenchOptions): Promise<Pick<Report, 'machine' | 'postgres'>> {
  const log = options.log ?? (() => undefined);
  const machine = describeMachine(new Date());
  const directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-'));
  try {
    const generate = async (scale: number): Promise<Generated> => {
      const path = join(directory, `partnership-${scale}x.json`);
      log(`${scale}×: generating`);
      return { path, scale, generated: await runWorker<GenerateResult>('generate', { scale, path }) };
    };
    const smallest = await generate(Math.min(...options.scales));
    const largest = Math.max(...options.scales) === smallest.scale ? smallest : await generate(Math.max(...options.scales));
    return { machine, postgres: await measurePostgres(smallest, largest, options) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The PostgreSQL store on a durable throwaway cluster: a change and a cold open at the smallest
 * scale in one database grown to each of `pgPartnerships` in turn, the bot's update turns on it
 * while it holds two, and the same at the largest scale (the most history) with two. The floor
 * writes to a copy of the measured partnership, which counts among the partnerships.
 */
async function measurePostgres(smallest: Generated, largest: Generated, options: BenchOptions): Promise<PostgresResult | Skipped> {
  const log = options.log ?? (() => undefined);
  let cluster;
  try {
    cluster = await startThrowawayCluster({ durable: true });
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  try {
    const rows: PostgresRow[] = [];
    let server = 'PostgreSQL';
    let bot: PostgresResult['bot'] = { skipped: 'no row with two partnerships' };
    const measure = async (data: Generated, url: string, partnerships: number): Promise<void> => {
      log(`PostgreSQL: ${data.scale}×, ${partnerships} partnerships: measuring`);
      const workload: Workload = data.generated.workload;
      const commit = await runWorker<PgSamples>('pg-commits', { url, id: 'bench', floorId: 'bench-copy-1', workload, iterations: options.commitIterations });
      const open = await runWorker<PgSamples>('pg-open', { url, id: 'bench', iterations: options.readIterations });
      const fillers = Math.max(0, partnerships - Math.max(2, options.pgFullPartnerships));
      rows.push({ scale: data.scale, partnerships, fillers, commit: againstFloor(commit.floor, commit.store), open: againstFloor(open.floor, open.store) });
    };

    const url = await createScratchDatabase(cluster.url, 'bench');
    log(`PostgreSQL: ${smallest.scale}×: loading`);
    ({ server } = await runWorker<{ partnerships: number; server: string }>('pg-load', { path: smallest.path, url, id: 'bench' }));
    let held = 2;
    for (const partnerships of [...new Set(options.pgPartnerships)].sort((a, b) => a - b)) {
      if (partnerships > held) {
        log(`PostgreSQL: ${smallest.scale}×: adding partnerships up to ${partnerships}`);
        const grown = await runWorker<{ partnerships: number }>('pg-grow', { url, id: 'bench', from: held, to: partnerships, full: options.pgFullPartnerships });
        if (grown.partnerships !== partnerships) throw new Error(`the database should hold ${partnerships} partnerships, not ${grown.partnerships}`);
        held = partnerships;
      }
      await measure(smallest, url, held);
      if (held === 2) {
        log(`PostgreSQL: ${smallest.scale}×: bot update turns`);
        bot = await measureBot({
          requests: options.botRequests,
          dataArgs: ['--data', url, '--partnership', 'bench'],
          scale: smallest.scale,
          workload: smallest.generated.workload,
          commands: ['update'],
        });
      }
    }
    if (largest.scale !== smallest.scale) {
      const deepUrl = await createScratchDatabase(cluster.url, 'bench');
      log(`PostgreSQL: ${largest.scale}×: loading`);
      await runWorker('pg-load', { path: largest.path, url: deepUrl, id: 'bench' });
      await measure(largest, deepUrl, 2);
    }
    return { server, rows, bot };
  } finally {
    await cluster.stop();
  }
}

// One measurement in a fresh process, so that each starts with an empty heap and its peak
// memory is its own: `node --expose-gc worker.js <task> '<json arguments>'`. Prints its result
// as one JSON line after RESULT_PREFIX.
import { open, readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { unwrap } from '@partnership-tracker/core';
import { createDataFile, DEFAULT_COMPACTION, openFileStore } from '@partnership-tracker/core/node';
import { RESULT_PREFIX } from './scenarios/child.js';
import { pgCommits, pgGrow, pgLoad, pgOpen } from './scenarios/postgres.js';
import { changeOf, computeReports } from './scenarios/workload.js';
import { dueRemindersPartnership } from './synthetic/dueReminders.js';
import { syntheticPartnership, type Workload } from './synthetic/partnership.js';

/** Data files and what was generated into them. */
export interface GenerateResult {
  readonly bytes: number;
  readonly workload: Workload;
  readonly counts: Readonly<Record<string, number>>;
}

/** Interleaved samples of the reports and their floor, in milliseconds. */
export interface ReportSamples {
  readonly floor: number[];
  readonly store: number[];
  readonly open: number[];
  readonly compute: number[];
}

/** Interleaved samples of one kind of change and its floor, in milliseconds. */
export interface CommitSamples {
  readonly floor: number[];
  readonly commit: number[];
  /** Audit entries each commit wrote: proves every sample really changed the file. */
  readonly auditEntries: number[];
}

/** Samples of opening with a full change log, of the commit past the limit, and of the compaction it starts. */
export interface LogSamples {
  readonly entries: number;
  readonly floor: number[];
  readonly open: number[];
  readonly appendFloor: number[];
  /** The commit past the limit, as its caller waits for it. */
  readonly pastLimit: number[];
  /** From that commit's start until the compaction it started is installed (in a background process, waited for by close()). */
  readonly background: number[];
}

/** Peak resident memory of a process that did one thing, in MiB. */
export interface MemorySample {
  readonly maxRssMiB: number;
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

async function generate(args: { scale: number; path: string }): Promise<GenerateResult> {
  const { db, workload } = syntheticPartnership({ scale: args.scale });
  unwrap(await createDataFile(args.path, db, { force: true }));
  const text = await readFile(args.path);
  return {
    bytes: text.length,
    workload,
    counts: {
      agencies: db.agencies.length,
      people: db.people.length,
      subgroups: db.subgroups.length,
      meetings: db.meetings.length,
      attendance: db.attendance.length,
      actions: db.actions.length,
      updates: db.actions.reduce((sum, action) => sum + action.history.length - 1, 0),
      audit: db.audit.length,
    },
  };
}

/** The floor of opening a data file: reading it and JSON.parse, after a full collection (ms). */
async function parseFloor(path: string): Promise<number> {
  collect();
  const start = performance.now();
  JSON.parse(await readFile(path, 'utf8'));
  return performance.now() - start;
}

async function reports(args: { path: string; workload: Workload; iterations: number }): Promise<ReportSamples> {
  const samples: ReportSamples = { floor: [], store: [], open: [], compute: [] };
  for (let n = 0; n < args.iterations; n++) {
    samples.floor.push(await parseFloor(args.path));
    collect();
    const start = performance.now();
    const store = unwrap(await openFileStore(args.path));
    const db = await store.read();
    const opened = performance.now();
    computeReports(db, args.workload);
    const end = performance.now();
    await store.close();
    samples.store.push(end - start);
    samples.open.push(opened - start);
    samples.compute.push(end - opened);
  }
  return samples;
}

async function commits(args: { path: string; logPath: string; workload: Workload; kind: 'actionUpdate' | 'register'; iterations: number; offset: number }): Promise<CommitSamples> {
  const samples: CommitSamples = { floor: [], commit: [], auditEntries: [] };
  const store = unwrap(await openFileStore(args.path));
  try {
    for (let n = args.offset; n < args.offset + args.iterations; n++) {
      const { commands, actor } = changeOf(args.kind, args.workload, n);
      const at = new Date().toISOString();
      collect();
      samples.floor.push(await appendFloor(args.logPath, `${JSON.stringify({ at, actor, commands })}\n`));
      collect();
      const start = performance.now();
      const result = unwrap(await store.commit(commands, { actor, at }));
      samples.commit.push(performance.now() - start);
      samples.auditEntries.push(result.audit.length);
    }
  } finally {
    await store.close();
  }
  return samples;
}

/** Appends one change as a JSON line with fsync: the physical floor of recording a change. */
async function appendFloor(logPath: string, line: string): Promise<number> {
  const start = performance.now();
  const handle = await open(logPath, 'a');
  try {
    await handle.write(line);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return performance.now() - start;
}

/**
 * Fills the change log to its limit, times opening the store with it against the floor, then
 * times the commit past the limit and the compaction it starts in the background.
 */
async function log(args: { path: string; logPath: string; workload: Workload; iterations: number }): Promise<LogSamples> {
  const writer = unwrap(await openFileStore(args.path));
  const at = () => new Date().toISOString();
  // Fill the log to whichever of its limits comes first (the count of changes, or its size
  // against the snapshot's, at a small scale), stopping short of the commit that would cross it.
  // Whatever the commits section left in the log counts towards it.
  const limitBytes = (await stat(args.path)).size * DEFAULT_COMPACTION.maxLogFraction;
  let entries = await logEntries(args.path);
  let lineBytes = 0;
  while (entries < DEFAULT_COMPACTION.maxLogEntries) {
    const before = await logBytes(`${args.path}.log`);
    if (before + lineBytes > limitBytes) break;
    const { commands, actor } = changeOf('actionUpdate', args.workload, 2_000_000 + entries);
    unwrap(await writer.commit(commands, { actor, at: at() }));
    lineBytes = (await logBytes(`${args.path}.log`)) - before;
    entries++;
  }
  await writer.close();
  if ((await logEntries(args.path)) !== entries) throw new Error(`the log should hold ${entries} changes before the compaction`);
  const samples: LogSamples = { entries, floor: [], open: [], appendFloor: [], pastLimit: [], background: [] };
  for (let n = 0; n < args.iterations; n++) {
    samples.floor.push(await parseFloor(args.path));
    collect();
    const start = performance.now();
    const store = unwrap(await openFileStore(args.path));
    await store.read();
    samples.open.push(performance.now() - start);
    await store.close();
  }
  const store = unwrap(await openFileStore(args.path));
  // The commit past the limit (the next one, but for a line shorter than the last).
  let start = 0;
  for (let n = 0; ; n++) {
    const { commands, actor } = changeOf('actionUpdate', args.workload, 3_000_000 + n);
    collect();
    samples.appendFloor.splice(0, 1, await appendFloor(args.logPath, `${JSON.stringify({ commands, actor })}\n`));
    collect();
    start = performance.now();
    unwrap(await store.commit(commands, { actor, at: at() }));
    samples.pastLimit.splice(0, 1, performance.now() - start);
    if ((await logEntries(args.path)) > DEFAULT_COMPACTION.maxLogEntries || (await logBytes(`${args.path}.log`)) > limitBytes) break;
  }
  await store.close();
  samples.background.push(performance.now() - start);
  if ((await logEntries(args.path)) !== 0) throw new Error('the commit after a full log should have started a compaction, finished by close()');
  return samples;
}

/** The change log's size in bytes (0 when there is none). */
async function logBytes(logPath: string): Promise<number> {
  return stat(logPath).then((stats) => stats.size, () => 0);
}

/** How many changes the data file's log holds (0 when there is none). */
async function logEntries(path: string): Promise<number> {
  try {
    const bytes = await readFile(`${path}.log`);
    let count = 0;
    for (let index = bytes.indexOf(10); index >= 0; index = bytes.indexOf(10, index + 1)) count++;
    return count;
  } catch {
    return 0;
  }
}

/** What a short-lived process (a CLI run, the bot starting) does with the file: open, report, change once. */
async function memory(args: { path: string; workload: Workload }): Promise<MemorySample> {
  const store = unwrap(await openFileStore(args.path));
  computeReports(await store.read(), args.workload);
  const { commands, actor } = changeOf('actionUpdate', args.workload, 1_000_000);
  unwrap(await store.commit(commands, { actor, at: new Date().toISOString() }));
  await store.close();
  return { maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function memoryFloor(args: { path: string }): Promise<MemorySample> {
  JSON.parse(await readFile(args.path, 'utf8'));
  return { maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/**
 * A copy of a data file whose people named in `slackUserIds` have those Slack user ids, for the
 * Slack section (the synthetic partnership gives people Teams ids only).
 */
async function slackCopy(args: { from: string; to: string; slackUserIds: Record<string, string> }): Promise<{ linked: number }> {
  const store = unwrap(await openFileStore(args.from));
  const db = await store.read();
  await store.close();
  let linked = 0;
  const people = db.people.map((person) => {
    const slackUserId = args.slackUserIds[person.id];
    if (slackUserId === undefined) return person;
    linked += 1;
    return { ...person, slackUserId };
  });
  unwrap(await createDataFile(args.to, { ...db, people }, { force: true }));
  return { linked };
}

/** The fan-out's data file: `people` reminders due now, to as many Slack users. */
async function dueReminders(args: { path: string; people: number }): Promise<{ slackUserIds: readonly string[]; due: string }> {
  const { db, slackUserIds, due } = dueRemindersPartnership({ people: args.people, now: new Date() });
  unwrap(await createDataFile(args.path, db, { force: true }));
  return { slackUserIds, due };
}

const tasks: Record<string, (args: never) => Promise<unknown>> = {
  generate,
  reports,
  commits,
  memory,
  'memory-floor': memoryFloor,
  log,
  'pg-load': pgLoad,
  'pg-grow': pgGrow,
  'pg-commits': pgCommits,
  'pg-open': pgOpen,
  'slack-copy': slackCopy,
  'due-reminders': dueReminders,
};

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const task = name === undefined ? undefined : tasks[name];
  if (!task) throw new Error(`unknown task ${name}; one of ${Object.keys(tasks).join(', ')}`);
  const result = await task(JSON.parse(json ?? '{}') as never);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

await main();

import { readFile, writeFile } from 'node:fs/promises';
import type { Machine } from './measure/machine.js';

/** A measurement against its floor: medians in milliseconds (or MiB) and their ratio. */
export interface AgainstFloor {
  readonly floor: number;
  readonly value: number;
  readonly ratio: number;
  readonly samples: number;
}

/** Everything measured at one scale. */
export interface ScaleResult {
  readonly scale: number;
  readonly bytes: number;
  readonly counts: Readonly<Record<string, number>>;
  /** Open + read + quarterly digest + engagement (year) + funding, against readFile + JSON.parse. */
  readonly reports: AgainstFloor & { readonly open: number; readonly compute: number };
  /** One change through FileStore.commit, against appending it as a JSON line with fsync. */
  readonly commits: { readonly actionUpdate: AgainstFloor; readonly register: AgainstFloor };
  /** Peak resident memory of a fresh process that opens, reports and commits once, against one that only parses. */
  readonly memory: AgainstFloor;
  /** The change log when it is about to be compacted: opening (with the replay), the commit past the limit, the compaction. */
  readonly log: ChangeLogResult;
}

/** What a full change log costs: the replay at open, the commit past the limit and the compaction. */
export interface ChangeLogResult {
  readonly entries: number;
  /** Open + read with `entries` changes to replay, against readFile + JSON.parse of the snapshot. */
  readonly open: AgainstFloor;
  /** The commit past the limit, against an fsync'd append: it appends, and starts the compaction in a background process. */
  readonly pastLimit: AgainstFloor;
  /** That compaction, from the commit until it is installed (ms); no one waits for it. */
  readonly background: number;
  /** The compaction's work spread over the changes between two compactions. */
  readonly amortisedPerChange: number;
}

/** A section that could not run, and why. */
export interface Skipped {
  readonly skipped: string;
}

/** CLI cold start: medians of repeated runs against `node -e 0`. */
export interface CliResult {
  readonly runs: number;
  readonly floor: number;
  readonly version: AgainstFloor;
  readonly exportEngagement: AgainstFloor;
}

/** One kind of bot turn at one concurrency: latency percentiles against the echo bot's. */
export interface BotTurnResult {
  readonly command: string;
  readonly concurrency: number;
  readonly requests: number;
  readonly p50: number;
  readonly p99: number;
  readonly echoP50: number;
  readonly echoP99: number;
  readonly p99Ratio: number;
  /** The start of the bot's last reply, to show the turns did what they say. */
  readonly sampleReply: string;
}

/** Bot turn latency over HTTP on 127.0.0.1. */
export interface BotResult {
  readonly scale: number;
  readonly turns: readonly BotTurnResult[];
}

/** One kind of Slack request at one concurrency: latency percentiles against the bare Bolt app's. */
export interface SlackTurnResult {
  /** `/ptrack my actions` (timed until its reply reaches the response_url) or `Update modal submission` (until its HTTP answer). */
  readonly request: string;
  readonly concurrency: number;
  readonly requests: number;
  readonly p50: number;
  readonly p99: number;
  readonly boltP50: number;
  readonly boltP99: number;
  readonly p99Ratio: number;
  /**
   * Modal submissions only: the bare Bolt app that makes each submission durable (appended and
   * fsynced) before answering, as ptrack must, and p99 ÷ its p99 — the goal's ratio for them.
   */
  readonly durableBoltP50?: number;
  readonly durableBoltP99?: number;
  readonly durableP99Ratio?: number;
  /** The start of ptrack-bot's last reply, to show the requests did what they say. */
  readonly sampleReply: string;
}

/** Due reminders sent through a fake Slack Web API that enforces a rate on chat.postMessage. */
export interface SlackFanOutResult {
  readonly reminders: number;
  /** The day the actions were due (the reminder rules decided which day makes them due now). */
  readonly due: string;
  /** The fake's chat.postMessage rate, and PTRACK_REMINDER_RATE. */
  readonly perSecond: number;
  /** The fake's token bucket: how many calls may go at once above the rate. */
  readonly burst: number;
  /** Messages the fake accepted. */
  readonly accepted: number;
  /** Users who got more than one. */
  readonly duplicates: number;
  /** Users who got none. */
  readonly missed: number;
  /** chat.postMessage calls the fake answered 429. */
  readonly throttled: number;
  /** The scheduler's own line about its tick. */
  readonly schedulerReport: string;
  /** From the bot listening (its scheduler starting) to the last reminder accepted (ms). */
  readonly totalMs: number;
  /** `reminders` ÷ `perSecond` (ms). */
  readonly minimumMs: number;
  readonly ratio: number;
}

/** The Slack section: request latency against a bare Bolt app, and the reminder fan-out. */
export interface SlackResult {
  readonly scale: number;
  readonly requests: readonly SlackTurnResult[] | Skipped;
  readonly fanOut: SlackFanOutResult | Skipped;
}

/** A whole bench run. */
export interface Report {
  readonly machine: Machine;
  readonly scales: readonly ScaleResult[];
  readonly cli: CliResult | Skipped;
  readonly bot: BotResult | Skipped;
  readonly postgres: PostgresResult | Skipped;
  readonly slack: SlackResult | Skipped;
}

/** The PostgreSQL store at one scale and number of partnerships in the database. */
export interface PostgresRow {
  readonly scale: number;
  readonly partnerships: number;
  /** Of those, how many hold a tenth of the measured partnership's rows rather than all of them. */
  readonly fillers: number;
  /** One action update through PgStore.commit, against the same statements as one bare pg transaction. */
  readonly commit: AgainstFloor;
  /** Opening the partnership cold (connect, migrations check, every row, schema), against a new connection and the same rows' queries. */
  readonly open: AgainstFloor;
}

/** The PostgreSQL store, on a durable throwaway cluster on the same machine. */
export interface PostgresResult {
  readonly server: string;
  readonly rows: readonly PostgresRow[];
  /** The bot's `update` turns with the partnership in the database (at the smallest scale, two partnerships), against the echo bot. */
  readonly bot: BotResult | Skipped;
}

/** The report's sections, by heading: the smoke test checks every one is present. */
export const SECTION_HEADINGS = [
  '### Reports from the store',
  '### One recorded change',
  '### The change log',
  '### Peak memory',
  '### CLI cold start',
  '### Bot turn latency',
  '### PostgreSQL',
  '### Slack',
] as const;

const GOAL = {
  reports: 2,
  cliVersion: 3,
  botP99: 1.5,
  pgCommit: 1.5,
  pgOpen: 2,
  slackP99: 1.5,
  fanOut: 1.2,
};

function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
  return lines.join('\n');
}

/** The report as Markdown: the machine, then one table per section. */
export function renderReport(report: Report): string {
  const { machine } = report;
  const parts: string[] = [];
  parts.push(
    `Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), ${machine.memoryGiB} GiB memory, ${machine.os}, Node ${machine.node}. ` +
      'Times are medians in milliseconds; ratios are against a floor measured in the same run.',
  );
  parts.push(
    table(
      ['scale', 'agencies', 'subgroups', 'meetings', 'register lines', 'actions', 'updates', 'audit entries', 'file'],
      report.scales.map((s) => [
        `${s.scale}×`,
        ...['agencies', 'subgroups', 'meetings', 'attendance', 'actions', 'updates', 'audit'].map((key) => String(s.counts[key] ?? '–')),
        megabytes(s.bytes),
      ]),
    ),
  );

  parts.push(`### Reports from the store (open + read + quarterly digest + engagement + funding) vs readFile + JSON.parse\n\nGoal: ≤ ${GOAL.reports}× the floor at 10×.`);
  parts.push(
    table(
      ['scale', 'floor (ms)', 'store (ms)', 'of which open', 'of which compute', 'ratio', 'samples'],
      report.scales.map((s) => [`${s.scale}×`, ms(s.reports.floor), ms(s.reports.value), ms(s.reports.open), ms(s.reports.compute), times(s.reports.ratio), String(s.reports.samples)]),
    ),
  );

  parts.push('### One recorded change through FileStore.commit, durable on disk, vs appending it as a JSON line with fsync\n\nGoal: the cost of a change does not grow with the history.');
  parts.push(
    table(
      ['scale', 'change', 'floor (ms)', 'commit (ms)', 'ratio', 'samples'],
      report.scales.flatMap((s) => [
        [`${s.scale}×`, 'action update', ms(s.commits.actionUpdate.floor), ms(s.commits.actionUpdate.value), times(s.commits.actionUpdate.ratio), String(s.commits.actionUpdate.samples)],
        [`${s.scale}×`, 'register (10 lines)', ms(s.commits.register.floor), ms(s.commits.register.value), times(s.commits.register.ratio), String(s.commits.register.samples)],
      ]),
    ),
  );

  parts.push(
    '### The change log: opening with a full log, the commit past its limit, and the compaction it starts\n\n' +
      'Every change goes to the log; the commit that takes it past its limit still only appends, and starts a compaction in a background process at lowered CPU priority ' +
      '(parse, replay, write the new snapshot) that is installed under the lock in a moment, while commits go on. ' +
      'Opening replays the log; no caller waits for the compaction, done once per that many changes.',
  );
  parts.push(
    table(
      ['scale', 'log entries', 'floor (ms)', 'open + read (ms)', 'ratio', 'commit past the limit (ms)', 'append floor (ms)', 'ratio', 'compaction, in the background (ms)', 'amortised per change (ms)'],
      report.scales.map((s) => [
        `${s.scale}×`,
        String(s.log.entries),
        ms(s.log.open.floor),
        ms(s.log.open.value),
        times(s.log.open.ratio),
        ms(s.log.pastLimit.value),
        ms(s.log.pastLimit.floor),
        times(s.log.pastLimit.ratio),
        ms(s.log.background),
        ms(s.log.amortisedPerChange),
      ]),
    ),
  );

  parts.push('### Peak memory (maxRSS of a fresh process) that opens the store, reports and commits once, vs one that only parses the file');
  parts.push(
    table(
      ['scale', 'file', 'floor (MiB)', 'store (MiB)', 'ratio'],
      report.scales.map((s) => [`${s.scale}×`, megabytes(s.bytes), s.memory.floor.toFixed(0), s.memory.value.toFixed(0), times(s.memory.ratio)]),
    ),
  );

  parts.push(`### CLI cold start vs \`node -e 0\`\n\nGoal: \`ptrack --version\` ≤ ${GOAL.cliVersion}× the floor.`);
  if ('skipped' in report.cli) {
    parts.push(`Skipped: ${report.cli.skipped}`);
  } else {
    const cli = report.cli;
    parts.push(
      table(
        ['command', 'floor (ms)', 'median (ms)', 'ratio', 'runs'],
        [
          ['ptrack --version', ms(cli.floor), ms(cli.version.value), times(cli.version.ratio), String(cli.runs)],
          ['ptrack export engagement --data FILE (1×)', ms(cli.floor), ms(cli.exportEngagement.value), times(cli.exportEngagement.ratio), String(cli.runs)],
        ],
      ),
    );
  }

  parts.push(`### Bot turn latency over HTTP on 127.0.0.1 vs a bare botbuilder echo bot\n\nGoal: p99 ≤ ${GOAL.botP99}× the echo bot's for \`my actions\` and \`update\`.`);
  if ('skipped' in report.bot) {
    parts.push(`Skipped: ${report.bot.skipped}`);
  } else {
    parts.push(
      table(
        ['command', 'concurrent conversations', 'requests', 'p50 (ms)', 'p99 (ms)', 'echo p50 (ms)', 'echo p99 (ms)', 'p99 ratio'],
        report.bot.turns.map((t) => [t.command, String(t.concurrency), String(t.requests), ms(t.p50), ms(t.p99), ms(t.echoP50), ms(t.echoP99), times(t.p99Ratio)]),
      ),
    );
    parts.push(`Data file: the ${report.bot.scale}× synthetic partnership.`);
  }

  parts.push(...renderPostgres(report.postgres));
  parts.push(...renderSlack(report.slack));
  return `${parts.join('\n\n')}\n`;
}

/** The Slack section's heading, goals and tables. */
export function renderSlack(slack: SlackResult | Skipped): string[] {
  const parts: string[] = [];
  parts.push(
    `### Slack: requests over HTTP on 127.0.0.1 vs a bare Bolt app; a fan-out of due reminders at an enforced rate\n\n` +
      `Goals: p99 ≤ ${GOAL.slackP99}× the bare Bolt app's — for a modal submission, the bare app's that makes the submission durable before it answers, as ptrack must ` +
      '(an append to a file on the same disk and its fsync, submissions arriving together sharing one); ' +
      `the fan-out sends every reminder once, within ${GOAL.fanOut}× the least time the rate allows. ` +
      '`/ptrack my actions` is timed until its reply reaches the command\'s response_url (Slack shows it then); an Update modal submission until its HTTP answer ' +
      '(the modal closes then; the confirmation and the Home tab follow). The bare app that only acknowledges is shown beside it.',
  );
  if ('skipped' in slack) {
    parts.push(`Skipped: ${slack.skipped}`);
    return parts;
  }
  if ('skipped' in slack.requests) {
    parts.push(`Requests skipped: ${slack.requests.skipped}`);
  } else {
    parts.push(
      table(
        ['request', 'concurrent users', 'requests', 'p50 (ms)', 'p99 (ms)', 'bare Bolt p50 (ms)', 'bare Bolt p99 (ms)', 'p99 ratio', 'durable bare Bolt p50 (ms)', 'durable bare Bolt p99 (ms)', 'p99 ratio to durable'],
        slack.requests.map((t) => [
          t.request,
          String(t.concurrency),
          String(t.requests),
          ms(t.p50),
          ms(t.p99),
          ms(t.boltP50),
          ms(t.boltP99),
          times(t.p99Ratio),
          t.durableBoltP50 === undefined ? '—' : ms(t.durableBoltP50),
          t.durableBoltP99 === undefined ? '—' : ms(t.durableBoltP99),
          t.durableP99Ratio === undefined ? '—' : times(t.durableP99Ratio),
        ]),
      ),
    );
    parts.push(`Data file: the ${slack.scale}× synthetic partnership, its owners given Slack ids.`);
  }
  const fanOut = slack.fanOut;
  if ('skipped' in fanOut) {
    parts.push(`Fan-out skipped: ${fanOut.skipped}`);
  } else {
    parts.push(
      table(
        ['reminders', 'rate (chat.postMessage/s)', 'accepted', 'sent twice', 'missed', '429s', 'minimum (s)', 'total (s)', 'ratio'],
        [[String(fanOut.reminders), String(fanOut.perSecond), String(fanOut.accepted), String(fanOut.duplicates), String(fanOut.missed), String(fanOut.throttled), (fanOut.minimumMs / 1000).toFixed(1), (fanOut.totalMs / 1000).toFixed(1), times(fanOut.ratio)]],
      ),
    );
    parts.push(
      `The fake's token bucket holds ${fanOut.burst} calls; PTRACK_REMINDER_RATE=${fanOut.perSecond}. Total: from the bot listening (its scheduler starting) to the last reminder accepted. ` +
        `The scheduler said: \`${fanOut.schedulerReport}\`.`,
    );
  }
  return parts;
}

/** The PostgreSQL section's heading, goals and tables. */
export function renderPostgres(postgres: PostgresResult | Skipped): string[] {
  const parts: string[] = [];
  parts.push(
    `### PostgreSQL: one change through PgStore vs the same-shape bare pg transaction; opening a partnership cold vs the same rows' queries\n\n` +
      `Goals: a change ≤ ${GOAL.pgCommit}× its floor, flat with the number of partnerships and with the history; opening ≤ ${GOAL.pgOpen}× its floor.`,
  );
  if ('skipped' in postgres) {
    parts.push(`Skipped: ${postgres.skipped}`);
  } else {
    parts.push(
      table(
        ['scale', 'partnerships in the database', 'change floor (ms)', 'PgStore.commit (ms)', 'ratio', 'open floor (ms)', 'open + read (ms)', 'ratio', 'samples'],
        postgres.rows.map((r) => [`${r.scale}×`, r.fillers > 0 ? `${r.partnerships} (${r.fillers} of a tenth)` : String(r.partnerships), ms(r.commit.floor), ms(r.commit.value), times(r.commit.ratio), ms(r.open.floor), ms(r.open.value), times(r.open.ratio), String(r.commit.samples)]),
      ),
    );
    parts.push(`Server: ${postgres.server}, a throwaway cluster on the same machine with fsync on.`);
    parts.push(`Bot \`update\` turns with the partnership in PostgreSQL vs the echo bot. Goal: p99 ≤ ${GOAL.botP99}× the echo bot's.`);
    const bot = postgres.bot;
    if ('skipped' in bot) {
      parts.push(`Skipped: ${bot.skipped}`);
    } else {
      parts.push(
        table(
          ['command', 'concurrent conversations', 'requests', 'p50 (ms)', 'p99 (ms)', 'echo p50 (ms)', 'echo p99 (ms)', 'p99 ratio'],
          bot.turns.map((t) => [t.command, String(t.concurrency), String(t.requests), ms(t.p50), ms(t.p99), ms(t.echoP50), ms(t.echoP99), times(t.p99Ratio)]),
        ),
      );
    }
  }
  return parts;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Puts the rendered report between the results markers of a Markdown file (so the prose around
 * it is kept), or appends the markers and the report if the file has none.
 */
export async function writeIntoDocument(path: string, rendered: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = '# Performance\n';
  }
  const block = `${START}\n${rendered}${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${block}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(path, next);
}

import { readFileSync } from 'node:fs';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { EngagementMeasure, Result } from '@partnership-tracker/core';
import type { Io } from './io.js';

// Only commander and type imports here: each command loads core, exceljs, ical-generator and the
// rest when it runs, so that `ptrack --version` and `--help` start instantly.

/** The entities `ptrack import` reads, in the order a new partnership imports them. */
export const IMPORT_ENTITIES = ['agencies', 'people', 'subgroups', 'members', 'meetings', 'attendance', 'contributions', 'expenditure', 'plans', 'actions', 'commitments', 'reviews', 'recommendations', 'audit-questions', 'audit-targets', 'audits', 'audit-actions', 'inspections', 'inspection-findings', 'challenges', 'training-bookings', 'elearning', 'training-baselines', 'returns', 'return-responses', 'standards', 'self-ratings'] as const;

/** The tables `ptrack export` writes. */
export const EXPORT_TABLE_NAMES = ['engagement', 'funding', 'income', 'expenditure', 'actions', 'attendance', 'commitments', 'reviews', 'audits', 'inspections', 'challenges', 'training', 'compliance'] as const;

/** The formats of `ptrack export`. */
export const FORMATS = ['csv', 'xlsx', 'md', 'html', 'json'] as const;

/** The formats of `ptrack report`. */
export const REPORT_FORMATS = ['html', 'docx', 'md'] as const;

/** The formats of `ptrack digest`. */
export const DIGEST_FORMATS = ['md', 'html', 'json'] as const;

const ACTION_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete', 'withdrawn'] as const;

/** The version in package.json, read without importing anything else. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

function percentage(value: string): number {
  const number = Number(value.replace(/%$/, ''));
  if (!/^\d{1,3}%?$/.test(value) || number > 100) throw new InvalidArgumentError('give a whole number from 0 to 100.');
  return number;
}

/** A command's work: loaded lazily, run with the process's Io, returning a Result for the translator. */
export type Run = (work: () => Promise<Result<void>>) => Promise<void>;

/**
 * Builds ptrack's command line. `run` receives each command's work so that one translator
 * (in main.ts) turns every outcome into output and an exit code.
 */
export function buildProgram(io: Io, run: Run): Command {
  const program = new Command('ptrack')
    .description('Partnership Tracker for the business team: import registers, export report tables, digests and calendars.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--data <file|url>', 'the data file, or a postgres:// database URL (default: $PTRACK_DATA, else ./partnership.json)'))
    .addOption(new Option('--partnership <slug>', 'which partnership of the database (default: $PTRACK_PARTNERSHIP, else its only one)'))
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 invalid input (nothing was written), 2 usage error,
3 written but not confirmed by the disk (check before running it again).
Without --as, changes are recorded as ptrack run by this operating-system user, who administers
the data file; --as EMAIL makes them as that person in the register, under their permissions.
Set PTRACK_NOW to an ISO instant to reproduce a report as of that moment (changes are never
dated before the last one or after the clock).
PostgreSQL credentials come from the --data URL or the standard PG* variables (PGPASSWORD, PGPASSFILE…).
${examples(
  'ptrack init --name "Croydon Safeguarding Children Partnership" --area Croydon',
  'ptrack import agencies agencies.csv',
  'ptrack export engagement --year 2024/25 --format xlsx --out engagement.xlsx',
  'ptrack calendar --subgroup QAG --out qag.ics',
)}`,
    );
  const data = (command: Command): { data?: string; partnership?: string } => {
    const { data: address, partnership } = command.optsWithGlobals() as { data?: string; partnership?: string };
    return { ...(address === undefined ? {} : { data: address }), ...(partnership === undefined ? {} : { partnership }) };
  };

  program
    .command('init')
    .description('create a new partnership: a data file, or a partnership in a database (refuses to replace an existing one)')
    .option('--name <name>', "the partnership's name")
    .option('--area <area>', 'the area it covers')
    .option('--example', 'write the example partnership (modelled on a real 2024/25 annual report) to try things out')
    .option('--force', 'replace an existing data file')
    .addHelpText(
      'after',
      examples(
        'ptrack init --name "Croydon Safeguarding Children Partnership" --area Croydon',
        'ptrack --data example.json init --example',
        'PTRACK_DATA=test.json ptrack init --name Test --area Test --force',
        'ptrack init --data postgresql://ptrack@db.example.org/ptrack --partnership croydon-scp --name "Croydon Safeguarding Children Partnership" --area Croydon',
      ),
    )
    .action((flags: { name?: string; area?: string; force?: boolean; example?: boolean }, command: Command) =>
      run(async () => (await import('./commands/initCommand.js')).initCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('partnerships')
    .description('list the partnerships in a database (a data file holds one): id, name, area, revision')
    .addHelpText('after', examples('ptrack partnerships --data postgresql://ptrack@db.example.org/ptrack'))
    .action((_flags: unknown, command: Command) => run(async () => (await import('./commands/partnershipsCommand.js')).partnershipsCommand(data(command), io)));

  program
    .command('workspaces')
    .description('the Teams tenants and Slack workspaces in which the bot answers for a partnership of a database')
    .option('--teams-tenants <ids>', 'comma-separated Microsoft Entra tenant ids: replaces the list (empty to clear it)')
    .option('--slack-workspaces <ids>', 'comma-separated Slack workspace (team) ids: replaces the list')
    .addHelpText(
      'after',
      `\nOne bot deployment on a database of several partnerships sends each Teams activity to the partnership\nof its tenant; a tenant answers for one partnership. Without options, shows the lists.\n${examples(
        'ptrack workspaces --data postgresql://ptrack@db.example.org/ptrack --partnership croydon-scp --teams-tenants 72f988bf-86f1-41af-91ab-2d7cd011db47',
        'ptrack workspaces --partnership croydon-scp',
      )}`,
    )
    .action((flags: { teamsTenants?: string; slackWorkspaces?: string }, command: Command) =>
      run(async () => (await import('./commands/workspacesCommand.js')).workspacesCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('copy')
    .description('copy a partnership whole, with its history, between data files and databases, and check the copy reads back the same')
    .requiredOption('--from <file|url>', 'where the partnership is now')
    .requiredOption('--to <file|url>', 'where to copy it (refuses an existing data file or partnership)')
    .addHelpText(
      'after',
      `\n--partnership names the partnership on the database side (both sides, when both are databases).\n${examples(
        'ptrack copy --from partnership.json --to postgresql://ptrack@db.example.org/ptrack --partnership croydon-scp',
        'ptrack copy --from postgresql://ptrack@db.example.org/ptrack --partnership croydon-scp --to backup.json',
      )}`,
    )
    .action((flags: { from: string; to: string }, command: Command) =>
      run(async () => (await import('./commands/copyCommand.js')).copyCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('import')
    .description('import a CSV file or an Excel workbook (.xlsx): every row is checked first, and a file with any bad row writes nothing')
    .addArgument(new Argument('<entity>', 'what the file holds').choices(IMPORT_ENTITIES))
    .argument('<file>', 'a CSV file (UTF-8, with or without BOM) or an .xlsx workbook; the first row names the columns')
    .option('--create-agencies', 'add agencies the file names but the register lacks (sector "other"), instead of refusing those rows')
    .option('--dry-run', 'check the file and say what would change, without writing')
    .option('--strict', 'refuse a file with columns the import does not read (they are ignored with a warning otherwise)')
    .option('--sheet <name>', 'the sheet of an .xlsx workbook to read (default: the first)')
    .option('--overwrite-progress', 'with actions: set existing actions\' progress and status from the file, over what their owners recorded since')
    .addHelpText(
      'after',
      `\nImport in this order on a new partnership: ${IMPORT_ENTITIES.join(', ')}.\nColumns: see docs/cli.md; example files are in docs/examples.\n${examples(
        'ptrack import agencies docs/examples/agencies.csv',
        'ptrack import contributions income-2024-25.csv --create-agencies',
        'ptrack import attendance register.csv --dry-run',
        'ptrack import people staff.xlsx --sheet "Current staff"',
      )}`,
    )
    .action((entity: string, file: string, flags: { createAgencies?: boolean; dryRun?: boolean; strict?: boolean; sheet?: string; overwriteProgress?: boolean }, command: Command) =>
      run(async () => (await import('./commands/importCommand.js')).importCommand(entity, file, { ...flags, ...data(command) }, io)),
    );

  program
    .command('export')
    .description('write a report table as csv, xlsx, md, html or json (to standard output unless --out)')
    .addArgument(new Argument('<table>', 'which table').choices(EXPORT_TABLE_NAMES))
    .option('--year <year>', 'the financial year, e.g. 2024/25')
    .option('--quarter <quarter>', 'a quarter of that year (Q1 = April–June), e.g. Q3, or "2024/25 Q3"')
    .option('--subgroup <name>', 'only this subgroup (name or short name)')
    .addOption(new Option('--format <format>', 'the output format').choices(FORMATS).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--compare <year>', 'with funding: the change on every line since this year, e.g. 2021/22')
    .addOption(new Option('--measure <measure>', 'with engagement: attendance % (engagement, the default), seat coverage (coverage), or both tables').choices(['engagement', 'coverage', 'both']))
    .option('--agency <name>', "with compliance: one agency's own record of returns, over every year unless --year or --quarter")
    .addHelpText(
      'after',
      `
Tables:
  engagement   attendance % of each agency at each subgroup ("—" not a member); needs --year;
               --measure coverage|both: the share of expected seats filled
  funding      income and expenditure with shares, balance, rollups; needs --year; --compare
  income       income by source with shares; needs --year
  expenditure  spending by category with shares; needs --year
  actions      the plans' actions: owner, due, status, RAG, progress, last update
  attendance   the register: meeting, date, agency, person, status
  commitments  what we said / what we delivered: each plan's commitments, priority, actions;
               --year: the plans covering that year (re-importable with ptrack import commitments)
  challenges   the challenge and escalation log: raised by, with, stage, response, outcome,
               impact, actions; --year: also the Impact of Executive Actions and the counts
               by stage and outcome as they stood at the year's end
  training     the annual report's training section: bookings, courses, attendance and
               no-show rates with the change from last year in points, uptake; needs --year
  compliance   returns agency × return: on time, late n days, partial, missing; needs --year
               (or --quarter); --agency: one agency's own record over time
${examples(
  'ptrack export engagement --year 2024/25',
  'ptrack export engagement --year 2024/25 --quarter Q3 --format md',
  'ptrack export engagement --year 2024/25 --measure both --format xlsx --out engagement.xlsx',
  'ptrack export funding --year 2024/25 --compare 2021/22 --format xlsx --out funding.xlsx',
  'ptrack export actions --format html --out actions.html',
  'ptrack export attendance --year 2024/25 --subgroup QAG',
  'ptrack export compliance --year 2024/25 --quarter Q3 --format xlsx --out returns-q3.xlsx',
  'ptrack export challenges --year 2024/25 --format md',
)}`,
    )
    .action((table: string, flags: { year?: string; quarter?: string; subgroup?: string; format: (typeof FORMATS)[number]; out?: string; compare?: string; measure?: EngagementMeasure; agency?: string }, command: Command) =>
      run(async () => (await import('./commands/exportCommand.js')).exportCommand(table, { ...flags, ...data(command) }, io)),
    );

  program
    .command('report')
    .description("the partnership's annual report for a year, built from the data, in the order of a Working Together 2023 yearly report")
    .requiredOption('--year <year>', 'the financial year, e.g. 2024/25')
    .addOption(new Option('--format <format>', 'html for one printable page, docx for Word, md to paste into a document').choices(REPORT_FORMATS).default('html'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--narrative <folder>', 'a folder of Markdown files, one per narrative section: area-profile.md, voice-of-children.md, scrutineer.md')
    .addHelpText(
      'after',
      `\nSections with no data yet, and narrative sections with no file, are left as marked placeholders and\nlisted at the start of the report (and on standard error).\n${examples(
        'ptrack report --year 2024/25 --format html --out annual-report-2024-25.html',
        'ptrack report --year 2024/25 --format docx --narrative report-text/ --out annual-report-2024-25.docx',
        'ptrack report --year 2024/25 --format md --narrative report-text/ --out annual-report-2024-25.md',
      )}`,
    )
    .action((flags: { year: string; format: (typeof REPORT_FORMATS)[number]; out?: string; narrative?: string }, command: Command) =>
      run(async () => (await import('./commands/reportCommand.js')).reportCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('calendar')
    .description('write an iCalendar (.ics) file of meetings that Outlook and Google update in place on re-import')
    .option('--subgroup <name>', "only this subgroup's meetings")
    .option('--person <email>', "only the meetings this person is expected at, plus their open actions' due dates")
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', examples('ptrack calendar --out partnership.ics', 'ptrack calendar --subgroup QAG --out qag.ics', 'ptrack calendar --person police.lead@example.org --out mine.ics'))
    .action((flags: { subgroup?: string; person?: string; out?: string }, command: Command) =>
      run(async () => (await import('./commands/calendarCommand.js')).calendarCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('digest')
    .description('the quarterly digest for the Executive: delivery, overdue and at-risk actions, engagement, meetings, funding')
    .requiredOption('--quarter <quarter>', 'the quarter, e.g. "2024/25 Q4" (or Q4 with --year)')
    .option('--year <year>', 'the financial year, when --quarter is just Q1–Q4')
    .option('--plan <name>', 'the business plan to report on (default: the plan covering the quarter)')
    .addOption(new Option('--format <format>', 'md for e-mail, html for a page with charts, json for the data').choices(DIGEST_FORMATS).default('md'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', examples('ptrack digest --quarter "2024/25 Q4"', 'ptrack digest --year 2025/26 --quarter Q2 --format html --out digest-2025-26-q2.html'))
    .action((flags: { quarter: string; year?: string; plan?: string; format: (typeof DIGEST_FORMATS)[number]; out?: string }, command: Command) =>
      run(async () => (await import('./commands/digestCommand.js')).digestCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('remind')
    .description('list the reminders and other messages the bot would send on a day, and to whom')
    .option('--dry-run', 'list only; required, because ptrack never sends')
    .option('--on <date>', 'the day (default today), e.g. 31/10/2025 or 2025-10-31')
    .addHelpText(
      'after',
      `
The rules are the bot's: owners are reminded 14 and 3 days before an action is due, on the day,
then weekly while it is overdue; at 14 days overdue a chair is told; owners are asked for updates
two weeks before a quarter ends; chairs are prompted for registers; the digest goes to every channel
bound to it ("post digests here" to the bot in the channel). A return not yet in is chased with its
agency's contact a week before it is due, on the day, then weekly while overdue (six times); ten
working days overdue, a chair is told.
Messages go at 09:00 on working days (a weekend or bank holiday moves to the next working day).
${examples('ptrack remind --dry-run', 'ptrack remind --dry-run --on 28/10/2025')}`,
    )
    .action((flags: { dryRun?: boolean; on?: string }, command: Command) =>
      run(async () => (await import('./commands/remindCommand.js')).remindCommand({ ...flags, ...data(command) }, io)),
    );

  const attendance = program
    .command('attendance')
    .description("record a meeting's register")
    .addHelpText('after', examples('ptrack attendance record --meeting quality-assurance-group-2025-01-21 --present qa.lead@example.org --as qa.lead@example.org'));
  attendance
    .command('record')
    .description('record who came to a meeting (marks it held when anyone was present)')
    .requiredOption('--meeting <id>', 'the meeting id: subgroup and date, e.g. quality-assurance-group-2025-01-21')
    .option('--present <emails>', 'who attended, comma-separated emails')
    .option('--apologies <emails>', 'who sent apologies')
    .option('--absent <emails>', 'who was absent without apologies')
    .option('--as <email>', 'who is recording it: must chair the subgroup or be in the business team')
    .addHelpText('after', examples('ptrack attendance record --meeting quality-assurance-group-2025-01-21 --present qa.lead@example.org,chair@example.org --apologies probation.lead@example.org --as qa.lead@example.org'))
    .action((flags: { meeting: string; present?: string; apologies?: string; absent?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).attendanceRecordCommand({ ...flags, ...data(command) }, io)),
    );

  const action = program
    .command('action')
    .description('update a business plan action')
    .addHelpText('after', examples('ptrack action update A-12 --progress 60 --note "Training delivered"'));
  action
    .command('update')
    .description("add an update to an action's history")
    .argument('<ref>', 'the action, e.g. A-12')
    .option('--progress <percent>', 'per cent complete, 0–100', percentage)
    .addOption(new Option('--status <status>', 'where it stands').choices(ACTION_STATUSES))
    .option('--note <text>', 'what happened')
    .option('--as <email>', 'who is updating it: must own the action or be in the business team')
    .addHelpText('after', examples('ptrack action update A-12 --progress 60 --status on-track --note "Toolkit training delivered to 40 staff"', 'ptrack action update A-3 --status at-risk --as police.lead@example.org'))
    .action((ref: string, flags: { progress?: number; status?: (typeof ACTION_STATUSES)[number]; note?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).actionUpdateCommand(ref, { ...flags, ...data(command) }, io)),
    );

  action
    .command('withdraw')
    .description("withdraw an action, with the reason (the business team or the Executive); its owner may --propose it")
    .argument('<ref>', 'the action, e.g. A-12')
    .option('--reason <text>', "why: it goes into the action's history")
    .option('--propose', 'only propose it, as its owner; the business team is told')
    .option('--as <email>', 'who is withdrawing it (or proposing to)')
    .addHelpText(
      'after',
      `\nA withdrawn action no longer counts towards its plan's delivery, so withdrawing one (and reopening a\ncompleted or withdrawn one, with \`action update --status … --note …\`) is for the business team or the Executive.\n${examples(
        'ptrack action withdraw A-12 --reason "Superseded by the Families First programme"',
        'ptrack action withdraw A-12 --propose --reason "The new MASH protocol covers it" --as owner@example.org',
      )}`,
    )
    .action((ref: string, flags: { reason?: string; propose?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).actionWithdrawCommand(ref, { ...flags, ...data(command) }, io)),
    );

  action
    .command('snooze')
    .description("pause an action's reminders until a date (the owner's or the business team's decision)")
    .argument('<ref>', 'the action, e.g. A-12')
    .option('--until <date>', 'the last day with no reminders (2026-12-15 or 15/12/2026)')
    .option('--off', 'send reminders again')
    .option('--as <email>', 'who is snoozing it: must own the action or be in the business team')
    .addHelpText('after', examples('ptrack action snooze A-12 --until 15/12/2026 --as owner@example.org', 'ptrack action snooze A-12 --off'))
    .action((ref: string, flags: { until?: string; off?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).actionSnoozeCommand(ref, { ...flags, ...data(command) }, io)),
    );

  const returns = program
    .command('returns')
    .description("chase an agency's contact for a return by hand, or pause their chases (the returns are imported with ptrack import returns)")
    .addHelpText('after', examples('ptrack returns chase --return "Multi-agency dataset 2025/26 Q1" --agency "Croydon Council: Housing"'));
  returns
    .command('chase')
    .description("chase an agency's contact for a return now: queued in the outbox, sent once by the bot at its next tick (the business team)")
    .requiredOption('--return <name>', 'the return, by name')
    .requiredOption('--agency <name>', 'the agency, by name or alias')
    .option('--as <email>', 'who is chasing: must be in the business team')
    .addHelpText('after', examples('ptrack returns chase --return "Multi-agency dataset 2025/26 Q1" --agency Housing'))
    .action((flags: { return: string; agency: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).returnsChaseCommand({ ...flags, ...data(command) }, io)),
    );
  returns
    .command('snooze')
    .description("no chases to an agency's contact for a return until a date (the chair is still told when it is overdue)")
    .requiredOption('--return <name>', 'the return, by name')
    .requiredOption('--agency <name>', 'the agency, by name or alias')
    .option('--until <date>', 'the last day with no chases (2026-12-15 or 15/12/2026)')
    .option('--off', 'chase again')
    .option('--as <email>', "who is snoozing: the agency's contact for the return, or the business team")
    .addHelpText('after', examples('ptrack returns snooze --return "Multi-agency dataset 2025/26 Q1" --agency Housing --until 15/09/2025'))
    .action((flags: { return: string; agency: string; until?: string; off?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/recordsCommands.js')).returnsSnoozeCommand({ ...flags, ...data(command) }, io)),
    );

  program
    .command('plan')
    .description('business plans: carry the unfinished actions of one plan over into the next (the business team)')
    .command('carry-over')
    .description("give each unfinished action of a plan a linked action in the next plan, where the annual report's \"carried over\" list reads it")
    .requiredOption('--from <plan>', 'the plan that is ending, by name or the years in it, e.g. "2024/25"')
    .requiredOption('--to <plan>', 'the plan that takes them on, e.g. "2025–27" (or 2025-27)')
    .option('--dry-run', 'say what would be carried over, without writing')
    .option('--as <email>', 'who is doing it: must be in the business team')
    .addHelpText(
      'after',
      `\nEach new action keeps the title, owner, lead agency, source, status and progress, is due when the\noriginal was, takes the new plan's priority of the same name (if any) and the next free reference\n(A-7 → A-31); the original's history notes where it went. Actions already carried over are skipped,\nso running it again changes nothing.\n${examples('ptrack plan carry-over --from "2024/25" --to "2025–27" --dry-run', 'ptrack plan carry-over --from "2024/25" --to "2025–27"')}`,
    )
    .action((flags: { from: string; to: string; dryRun?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/planCommands.js')).planCarryOverCommand({ ...flags, ...data(command) }, io)),
    );

  const person = program
    .command('person')
    .description("change a person's agency or email, record that they have left, or erase them on request (the business team)")
    .addHelpText('after', examples('ptrack person move named.nurse@example.org --agency "Croydon ICB" --from 01/12/2026', 'ptrack person leave housing.lead@example.org --on 31/10/2026'));
  person
    .command('move')
    .description('the person is with another agency from a date; registers already recorded keep counting for the agency of the time')
    .argument('<email>', "the person's email")
    .option('--agency <name>', 'the new agency, by name or alias')
    .option('--no-agency', 'they are with no agency from now on (a guest)')
    .option('--from <date>', 'the first day with the new agency (default today)')
    .option('--as <email>', 'who is making the change: must be in the business team')
    .addHelpText('after', examples('ptrack person move named.nurse@example.org --agency "Croydon ICB" --from 01/12/2026'))
    .action((email: string, flags: { agency?: string | false; from?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/personCommands.js')).personMoveCommand(email, { ...flags, ...data(command) }, io)),
    );
  person
    .command('email')
    .description("change a person's email address (an import matches people on it, so never changes one)")
    .argument('<email>', 'their address now')
    .argument('<new-email>', 'their new address')
    .option('--as <email>', 'who is making the change: must be in the business team')
    .addHelpText('after', examples('ptrack person email jo.smith@croydon.gov.uk joanne.smith@croydon.gov.uk'))
    .action((email: string, newEmail: string, flags: { as?: string }, command: Command) =>
      run(async () => (await import('./commands/personCommands.js')).personEmailCommand(email, newEmail, { ...flags, ...data(command) }, io)),
    );
  person
    .command('leave')
    .description('the person has left: inactive from a date, their attendance and history kept')
    .argument('<email>', "the person's email")
    .option('--on <date>', 'the first day they are no longer with the partnership (default today)')
    .option('--as <email>', 'who is making the change: must be in the business team')
    .addHelpText('after', examples('ptrack person leave housing.lead@example.org --on 31/10/2026'))
    .action((email: string, flags: { on?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/personCommands.js')).personLeaveCommand(email, { ...flags, ...data(command) }, io)),
    );

  person
    .command('erase')
    .description("erase a person on a GDPR request: name, email and chat ids become a pseudonym (the business team only)")
    .argument('<email>', "the person's email")
    .option('--as <email>', 'who is making the change: must be in the business team')
    .addHelpText(
      'after',
      `\nTheir attendance keeps counting where it counted and their place in action histories stays; the audit\nrecords the erasure without the erased values. It cannot be undone.\n${examples('ptrack person erase jo.smith@croydon.gov.uk')}`,
    )
    .action((email: string, flags: { as?: string }, command: Command) =>
      run(async () => (await import('./commands/removalCommands.js')).personEraseCommand(email, { ...flags, ...data(command) }, io)),
    );

  for (const [kind, what, line] of [
    ['income', 'an income line', 'the line as `ptrack export income` shows it (or its agency, or its id)'],
    ['spending', 'a spending line', 'its category as `ptrack export expenditure` shows it (or its id)'],
  ] as const) {
    program
      .command(kind)
      .description(`remove ${what} entered by mistake (the business team)`)
      .command('remove')
      .description(`remove ${what} entered by mistake: it leaves the table, the audit keeps it`)
      .argument('<line>', line)
      .option('--year <year>', 'the financial year, e.g. 2024/25')
      .option('--as <email>', 'who is making the change: must be in the business team')
      .addHelpText('after', examples(kind === 'income' ? 'ptrack income remove "Croydon ICB" --year 2024/25' : 'ptrack spending remove "TASP membership" --year 2024/25'))
      .action((name: string, flags: { year?: string; as?: string }, command: Command) =>
        run(async () => (await import('./commands/removalCommands.js')).fundingRemoveCommand(kind, name, { ...flags, ...data(command) }, io)),
      );
  }

  program
    .command('meeting')
    .description('remove a meeting entered by mistake (the business team)')
    .command('remove')
    .description('remove a meeting entered by mistake; a planned meeting that did not happen is cancelled instead')
    .argument('<id>', 'the meeting id, e.g. quality-assurance-group-2025-01-21')
    .option('--with-register', 'also remove its register: only for a meeting that never took place')
    .option('--as <email>', 'who is making the change: must be in the business team')
    .addHelpText('after', examples('ptrack meeting remove review-group-2024-09-11'))
    .action((id: string, flags: { withRegister?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/removalCommands.js')).meetingRemoveCommand(id, { ...flags, ...data(command) }, io)),
    );

  const membership = program
    .command('membership')
    .description("end, correct or remove an agency's membership of a subgroup (the business team)")
    .addHelpText('after', examples('ptrack membership end --subgroup QAG --agency Housing --on 31/03/2026', 'ptrack membership correct --subgroup QAG --agency Housing --joined 09/01/2023'));
  const membershipFlags = (command: Command) =>
    command
      .requiredOption('--subgroup <name>', 'the group, by name or short name')
      .requiredOption('--agency <name>', 'the agency, by name or alias')
      .option('--as <email>', 'who is making the change: must be in the business team');
  membershipFlags(membership.command('end').description('the agency is a member until a day (its last)'))
    .option('--on <date>', 'the last day of membership')
    .action((flags: { subgroup: string; agency: string; on?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/removalCommands.js')).membershipCommand('end', { ...flags, ...data(command) }, io)),
    );
  membershipFlags(membership.command('correct').description("correct a membership's dates, e.g. a mistyped join date (engagement follows the corrected dates)"))
    .option('--was <date>', 'the join date as recorded, when the agency has been a member more than once')
    .option('--joined <date>', 'the right join date')
    .option('--left <date>', 'the right last day')
    .option('--still-member', 'it has not left')
    .action((flags: { subgroup: string; agency: string; was?: string; joined?: string; left?: string; stillMember?: boolean; as?: string }, command: Command) =>
      run(async () => (await import('./commands/removalCommands.js')).membershipCommand('correct', { ...flags, ...data(command) }, io)),
    );
  membershipFlags(membership.command('remove').description('remove a membership entered by mistake'))
    .option('--was <date>', 'its join date, when the agency has been a member more than once')
    .action((flags: { subgroup: string; agency: string; was?: string; as?: string }, command: Command) =>
      run(async () => (await import('./commands/removalCommands.js')).membershipCommand('remove', { ...flags, ...data(command) }, io)),
    );

  return program;
}

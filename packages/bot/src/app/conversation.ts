import {
  ActionStatus,
  annualReport,
  canExport,
  canRecordAttendance,
  isExecutive,
  escapeMarkdown,
  exportReport,
  isAdministrator,
  localDateOf,
  type Action,
  type Actor,
  type AnnualReport,
  type AuditEntry,
  type Clock,
  type CommandInput,
  type Database,
  type Meeting,
  type Person,
  type Report,
  type Result,
  type Store,
  type Subgroup,
} from '@partnership-tracker/core';
import { parseCommandText } from './commandText.js';
import { postDigestsHere, stopDigestsHere, type DigestChannelTurn } from './digestChannels.js';
import { describeError, UNKNOWN_SENDER_TEXT } from './errors.js';
import { EXPORT_EXAMPLE, exportCommandText, exportFileName, parseExportFileName, parseExportText, type ExportRequest } from './exportRequests.js';
import { formatDate, formatMeetingStart, formatStatus, plural } from './format.js';
import { RECORD_ATTENDANCE_VERB, UPDATE_ACTION_VERB, updateInputIds } from './forms.js';
import { findSender, type ChatIdentity, type ChatPlace } from './identity.js';
import { meetingEngagement, registerEntriesOf, registerOf } from './register.js';
import type { Reply } from './reply.js';
import type { HomeView } from './views.js';
import { Reports } from './reports.js';
import { parseReportFileName, parseReportText, reportFileName, REPORT_EXAMPLE, type ChatReportFormat } from './reportRequests.js';
import { parseSnoozeText } from './snoozeText.js';
import { myReturnsText, parseSubmitReturnText, returnsOfContact, SUBMIT_RETURN_EXAMPLE } from './returnText.js';
import { parseUpdateText, UPDATE_EXAMPLE, type ActionChange } from './updateText.js';

/** What a conversation needs from its host: the data, the time, and where the server is reachable. */
export interface ConversationOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The address of the full HTML digest for a period address such as `2024-25-Q4`. */
  readonly linkToDigest: (slug: string) => string;
  /** The signed download address of an exported file such as `engagement-2024-25.xlsx`, and for how long it opens; none where files are not served. */
  readonly linkToExport?: (fileName: string) => { url: string; hours: number };
  /** The signed address of the annual report such as `annual-report-2024-25.docx`, and for how long it opens; none where files are not served. */
  readonly linkToReport?: (fileName: string) => { url: string; hours: number };
}

const textReply = (value: string): Reply => ({ text: value });

/** What a card button led to: the reply, and whether the card is finished with. */
export interface CardActionOutcome {
  readonly reply: Reply;
  readonly settled: boolean;
  /** For a correction: the form field at fault (see forms.ts), so a channel can show the message beside it. */
  readonly field?: string;
}

const correction = (value: string, field?: string): CardActionOutcome => ({ reply: textReply(value), settled: false, ...(field ? { field } : {}) });
const settledWith = (reply: Reply): CardActionOutcome => ({ reply, settled: true });

/**
 * The bot's conversations, independent of the chat channel: a message or a card submission
 * from a chat identity goes in, a Reply comes out. Every change goes through the store as the
 * sender, so core's permission checks apply; every failure becomes polite text here.
 */
export class Conversation {
  private readonly reports: Reports;

  constructor(private readonly options: ConversationOptions) {
    this.reports = new Reports(options);
  }

  /** The full HTML digest for a period address such as `2024-25-Q4`, for the server to serve. */
  async digestPage(slug: string): Promise<{ status: number; html: string }> {
    return this.reports.digestPage(await this.options.store.read(), slug);
  }

  /**
   * The exported file at an address such as `engagement-2024-25.xlsx`, built from the data as
   * it is now: the same report `ptrack export` writes, for the server to write out and serve.
   */
  async exportFile(fileName: string): Promise<Result<{ request: ExportRequest; report: Report }>> {
    const request = parseExportFileName(fileName);
    if (!request.success) return request;
    const db = await this.options.store.read();
    const { table, period } = request.data;
    const report = exportReport(db, table, { ...(period ? { period } : {}), today: this.today(db) });
    return report.success ? { success: true, data: { request: request.data, report: report.data } } : report;
  }

  /**
   * The annual report at an address such as `annual-report-2024-25.docx`, built from the data as
   * it is now (`ptrack report`'s model), for the server to write in that format and serve.
   */
  async reportFile(fileName: string): Promise<Result<{ format: ChatReportFormat; report: AnnualReport }>> {
    const named = parseReportFileName(fileName);
    if (!named.success) return named;
    const db = await this.options.store.read();
    const report = annualReport(db, { period: named.data.year, now: this.options.clock.now().toISOString() });
    return { success: true, data: { format: named.data.format, report } };
  }

  /**
   * Answers a text message. `requestId` names the incoming message (e.g. `teams:<activity id>`)
   * so that a channel's retry of the same message records an update once. `snapshot` is the
   * store's data as the channel has just read it for this turn, to spare reading it again.
   * `place` is where it was said; "post digests here" needs to know which channel that is.
   */
  async handleText(identity: ChatIdentity, message: string, requestId?: string, snapshot?: Database, place?: ChatPlace): Promise<Reply> {
    const db = snapshot ?? (await this.options.store.read());
    const person = findSender(db, identity);
    if (!person) return textReply(UNKNOWN_SENDER_TEXT);
    const command = parseCommandText(message);
    switch (command.kind) {
      case 'help':
        return this.help(db, person);
      case 'myActions':
        return this.myActions(db, person);
      case 'myReturns':
        return textReply(myReturnsText(db, person, this.today(db)));
      case 'submitReturn':
        return this.submitReturn(db, person, command.rest);
      case 'update':
        return this.updateFromText(db, person, command.rest, requestId);
      case 'snooze':
        return this.snooze(db, person, command.rest);
      case 'attendance':
        return this.attendance(db, person, command.subgroup);
      case 'digest':
        return this.reports.digest(db, command.period);
      case 'engagement':
        return this.reports.engagement(db, command.rest);
      case 'funding':
        return this.reports.funding(db, command.year);
      case 'registerWork':
        return this.reports.registerWork(db, command.register);
      case 'export':
        return this.exportLink(db, person, command.rest, place);
      case 'report':
        return this.reportLinks(db, person, command.rest, place);
      case 'postDigests':
        return textReply(await postDigestsHere(this.digestChannelTurn(db, person, place), command.subgroup));
      case 'stopDigests':
        return textReply(await stopDigestsHere(this.digestChannelTurn(db, person, place)));
      case 'unknown':
        return textReply(`I didn't understand "${command.text.length > 60 ? `${command.text.slice(0, 60)}…` : command.text}". Say "help" to see what I can do.`);
    }
  }

  /**
   * Answers a card button: the card's data and inputs, with `verb` naming the button. `settled`
   * is true when the card has done its job (the change was saved or refused for good), false when
   * the person should correct the card and press again. `snapshot` is as for `handleText`.
   */
  async handleCardAction(identity: ChatIdentity, data: Record<string, unknown>, requestId?: string, snapshot?: Database): Promise<CardActionOutcome> {
    const db = snapshot ?? (await this.options.store.read());
    const person = findSender(db, identity);
    if (!person) return { reply: textReply(UNKNOWN_SENDER_TEXT), settled: true };
    switch (data.verb) {
      case UPDATE_ACTION_VERB:
        return this.updateFromCard(db, person, data, requestId);
      case RECORD_ATTENDANCE_VERB:
        return this.recordAttendance(person, data);
      default:
        return { reply: textReply('That button is from an older version of me. Say "help" to start again.'), settled: true };
    }
  }

  /**
   * A person's home page (Slack's App Home): their open actions, the groups they chair with the
   * latest and next meetings, and the latest digest for the Executive and the business team
   * (reused across changes for a few minutes: see `Reports.homeDigest`). Undefined when the
   * business team has not added them.
   */
  async home(identity: ChatIdentity, snapshot?: Database): Promise<HomeView | undefined> {
    const db = snapshot ?? (await this.options.store.read());
    const person = findSender(db, identity);
    if (!person) return undefined;
    const actions = this.myActions(db, person).view;
    const now = this.now().getTime();
    const zone = db.partnership.timeZone;
    const meetings = this.chairedSubgroups(db, person).map((subgroup) => {
      const held = db.meetings.filter((m) => m.subgroupId === subgroup.id && m.status !== 'cancelled');
      const latest = held.filter((m) => Date.parse(m.start) <= now).sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0];
      const next = held.filter((m) => Date.parse(m.start) > now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
      return {
        subgroup: { id: subgroup.id, name: subgroup.name, shortName: subgroup.shortName },
        latest: latest ? { meetingId: latest.id, when: formatMeetingStart(latest.start, zone), recorded: db.attendance.filter((a) => a.meetingId === latest.id).length } : null,
        next: next ? formatMeetingStart(next.start, zone) : null,
      };
    });
    const actor: Actor = { kind: 'person', personId: person.id };
    const digestView = isAdministrator(db, actor) || isExecutive(db, actor) ? this.reports.homeDigest(db).view : undefined;
    return {
      kind: 'home',
      personName: person.name,
      actions: actions?.kind === 'myActions' ? actions : { kind: 'myActions', actions: [], today: this.today(db), timeZone: zone },
      meetings,
      digest: digestView?.kind === 'digest' ? digestView : null,
    };
  }

  /** The register view of one meeting for a person who may record it, or the reason they may not (the same rules as "attendance"). */
  async registerFor(identity: ChatIdentity, meetingId: string, snapshot?: Database): Promise<Reply> {
    const db = snapshot ?? (await this.options.store.read());
    const person = findSender(db, identity);
    if (!person) return textReply(UNKNOWN_SENDER_TEXT);
    const meeting = db.meetings.find((m) => m.id === meetingId);
    const subgroup = meeting && db.subgroups.find((s) => s.id === meeting.subgroupId);
    if (!meeting || !subgroup) return textReply(describeError({ code: 'meeting.not_found', message: `There is no meeting ${meetingId || '(none)'}.` }));
    const allowed = canRecordAttendance(db, { kind: 'person', personId: person.id }, subgroup);
    if (!allowed.success) return textReply(describeError(allowed.error));
    return this.registerReply(db, meeting, subgroup, '');
  }

  private now(): Date {
    return this.options.clock.now();
  }

  private today(db: Database): string {
    return localDateOf(this.now(), db.partnership.timeZone);
  }

  private async commit(person: Person, commands: CommandInput[]): Promise<Result<{ changed: boolean; audit: readonly AuditEntry[] }>> {
    const actor: Actor = { kind: 'person', personId: person.id };
    const result = await this.options.store.commit(commands, { actor, at: this.now().toISOString() });
    if (!result.success) return result;
    return { success: true, data: { changed: result.data.audit.length > 0, audit: result.data.audit } };
  }

  private digestChannelTurn(db: Database, person: Person, place: ChatPlace | undefined): DigestChannelTurn {
    return { db, person, place, now: this.now(), commit: (commands) => this.commit(person, commands) };
  }

  private chairedSubgroups(db: Database, person: Person): Subgroup[] {
    return db.subgroups.filter((s) => s.chairId === person.id || s.deputyChairId === person.id);
  }

  private help(db: Database, person: Person): Reply {
    const lines = [
      `Hello ${escapeMarkdown(person.name)}. Here is what you can ask me:`,
      '',
      '- **my actions**: your open actions, soonest due first, with an Update button on each',
      `- **${UPDATE_EXAMPLE}**: record progress, status and a note on an action you own`,
      '- **snooze A-12 2 weeks**: pause the reminders for an action you own (**snooze A-12 off** resumes them)',
      '- **digest** or **digest 2024/25 Q4**: the quarterly digest',
      // Published tables (the annual report prints them), so anyone in the partnership may read them.
      '- **engagement**, **engagement QAG 2024/25**: attendance % by agency, as the partnership publishes it',
      '- **funding** or **funding 2024/25**: income and spending, as published',
      "- **reviews** or **audits**: the open actions from case reviews' recommendations or audits' action plans, by owner, and anything late",
      ...(returnsOfContact(db, person).length > 0
        ? ['- **my returns**: the returns you send for your agency, and where each stands', `- **${SUBMIT_RETURN_EXAMPLE}**: mark your agency's return sent, with its link`]
        : []),
    ];
    const chaired = this.chairedSubgroups(db, person);
    const admin = isAdministrator(db, { kind: 'person', personId: person.id });
    if (chaired.length > 0 || admin) {
      lines.push('', chaired.length > 0 ? `As chair of ${chaired.map((s) => s.shortName).join(', ')}:` : 'As the business team:');
      lines.push(
        chaired.length > 1 || admin
          ? '- **attendance** or **attendance QAG**: the register for the latest meeting, to record who came'
          : '- **attendance**: the register for your latest meeting, to record who came',
        ...(admin ? [`- **${EXPORT_EXAMPLE}** (or funding, income, expenditure, actions, attendance, commitments, reviews, audits, inspections, challenges, training, compliance; csv or xlsx): a download link for the file ptrack export writes`] : []),
        ...(admin || isExecutive(db, { kind: 'person', personId: person.id }) ? [`- **${REPORT_EXAMPLE}**: links to the annual report in Word and as a web page`] : []),
        `- **post digests here**, said in a channel with an @mention of me: I post the quarterly digest there (${chaired.length > 0 && !admin ? 'your group' : "the Executive's"}); **stop** in that channel ends it`,
      );
    }
    return textReply(lines.join('\n'));
  }

  /** A download link for a file the business team asked for, in their personal chat only. */
  private exportLink(db: Database, person: Person, rest: string, place: ChatPlace | undefined): Reply {
    const allowed = canExport(db, { kind: 'person', personId: person.id });
    if (!allowed.success) {
      return textReply(`${describeError(allowed.error)} The published tables are for everyone: say "engagement 2024/25" or "funding 2024/25" to see them here.`);
    }
    if (place !== undefined && place.scope !== 'personal') {
      return textReply('I send download links only in our personal chat: anyone who sees a link can download the file. Say it to me there.');
    }
    const link = this.options.linkToExport;
    if (link === undefined) return textReply('This bot does not serve files; the business team can write them with ptrack export.');
    const request = parseExportText(rest);
    if (!request.success) return textReply(request.error.message);
    const name = exportFileName(request.data);
    const { url, hours } = link(name);
    const format = request.data.format === 'xlsx' ? 'an Excel workbook' : 'CSV';
    return textReply(
      `${name}, as ${format}, the same file as ptrack export writes: ${url}\n\n` +
        `The link works for ${hours} hours, and anyone who has it can download the file, so please don't forward it. ` +
        `When it has expired, say "${exportCommandText(request.data)}" again for a fresh one.`,
    );
  }

  /** Links to the annual report in Word and as a web page, for the business team and the Executive, in their personal chat. */
  private reportLinks(db: Database, person: Person, rest: string, place: ChatPlace | undefined): Reply {
    const actor: Actor = { kind: 'person', personId: person.id };
    if (!isAdministrator(db, actor) && !isExecutive(db, actor)) {
      return textReply('The annual report is drafted by the business team and the Executive, so I send its links only to them. Say "engagement 2024/25" or "funding 2024/25" to see the published tables here.');
    }
    if (place !== undefined && place.scope !== 'personal') {
      return textReply('I send report links only in our personal chat: anyone who sees a link can open the report. Say it to me there.');
    }
    const link = this.options.linkToReport;
    if (link === undefined) return textReply('This bot does not serve files; the business team can write the report with ptrack report.');
    const year = parseReportText(rest);
    if (!year.success) return textReply(year.error.message);
    const word = link(reportFileName(year.data, 'docx'));
    const page = link(reportFileName(year.data, 'html'));
    const label = year.data.year.label;
    return textReply(
      `The annual report ${label}, built from the data as it is now, as ptrack report writes it:\n\n` +
        `- Word, to edit: ${word.url}\n- Web page, to read or print: ${page.url}\n\n` +
        `The links work for ${word.hours} hours, and anyone who has them can open the report, so please don't forward them. ` +
        `When they have expired, say "report ${label}" again for fresh ones.`,
    );
  }

  private openActionsOf(db: Database, person: Person): Action[] {
    return db.actions
      .filter((a) => a.ownerId === person.id && a.status !== 'complete' && a.status !== 'withdrawn')
      .sort((a, b) => (a.due === b.due ? a.ref.localeCompare(b.ref, 'en', { numeric: true }) : a.due < b.due ? -1 : 1));
  }

  private myActions(db: Database, person: Person): Reply {
    const actions = this.openActionsOf(db, person);
    const today = this.today(db);
    const summary =
      actions.length === 0
        ? 'You have no open actions.'
        : `You have ${plural(actions.length, 'open action')}; the soonest is ${actions[0]!.ref}, due ${formatDate(actions[0]!.due)}.`;
    return { text: summary, view: { kind: 'myActions', actions, today, timeZone: db.partnership.timeZone } };
  }

  private async updateFromText(db: Database, person: Person, rest: string, requestId: string | undefined): Promise<Reply> {
    const parsed = parseUpdateText(rest);
    if (!parsed.success) {
      // "update A-12" alone: offer the form rather than a correction.
      if (parsed.error.code === 'update.nothing') {
        const ref = /^\s*([A-Za-z]{1,4})\s*-\s*(\d+)/.exec(rest);
        const action = ref ? db.actions.find((a) => a.ref === `${ref[1]!.toUpperCase()}-${Number(ref[2])}`) : undefined;
        if (action) return { text: `What changed for ${action.ref}?`, view: { kind: 'actionUpdate', action, today: this.today(db) } };
      }
      return textReply(parsed.error.message);
    }
    return (await this.applyChange(db, person, parsed.data, requestId)).reply;
  }

  private async updateFromCard(db: Database, person: Person, data: Record<string, unknown>, requestId: string | undefined): Promise<CardActionOutcome> {
    const ref = typeof data.ref === 'string' ? data.ref : '';
    const action = db.actions.find((a) => a.ref === ref);
    if (!action) return settledWith(textReply(describeError({ code: 'action.not_found', message: `There is no action ${ref || '(no reference)'}.` })));
    const ids = updateInputIds(ref);
    const rawProgress = data[ids.progress];
    let progress: number | null = null;
    if (rawProgress !== undefined && rawProgress !== null && String(rawProgress).trim() !== '') {
      const value = Number(String(rawProgress).trim());
      if (!Number.isInteger(value) || value < 0 || value > 100) {
        return correction(`Progress must be a whole number from 0 to 100; the form said "${String(rawProgress)}". Nothing was changed.`, ids.progress);
      }
      if (value !== action.progress) progress = value;
    }
    const rawStatus = data[ids.status];
    let status: ActionStatus | null = null;
    if (typeof rawStatus === 'string' && rawStatus.trim() !== '') {
      const parsed = ActionStatus.safeParse(rawStatus.trim());
      if (!parsed.success) return correction(`"${rawStatus}" is not a status I know. Nothing was changed.`, ids.status);
      if (parsed.data !== action.status) status = parsed.data;
    }
    const rawNote = data[ids.note];
    const note = typeof rawNote === 'string' && rawNote.trim() !== '' ? rawNote.trim() : null;
    if (progress === null && status === null && note === null) {
      return correction(`Nothing changed for ${ref}: change the progress or the status, or write a note. Nothing was saved.`, ids.note);
    }
    return this.applyChange(db, person, { ref, progress, status, note }, requestId);
  }

  private async applyChange(db: Database, person: Person, change: ActionChange, requestId: string | undefined): Promise<CardActionOutcome> {
    const before = db.actions.find((a) => a.ref === change.ref);
    const result = await this.commit(person, [
      { type: 'action.update', ref: change.ref, progress: change.progress, status: change.status, note: change.note, requestId: requestId ?? null },
    ]);
    if (!result.success) {
      // An owner may not withdraw their own action, but may propose it: the business team decides.
      if (result.error.code === 'action.withdraw_not_allowed' && before?.ownerId === person.id) return this.proposeWithdrawal(person, change, requestId);
      // Refusals stand; a contradiction in what was asked, or a missing reason, can be corrected on the same card.
      const message = describeError(result.error);
      if (result.error.code === 'action.complete_needs_100') return correction(message, updateInputIds(change.ref).status);
      if (result.error.code === 'action.reason_needed') return correction(message, updateInputIds(change.ref).note);
      return settledWith(textReply(message));
    }
    const record = before ?? (await this.options.store.read()).actions.find((a) => a.ref === change.ref)!;
    if (!result.data.changed) return settledWith(textReply(`That update to ${record.ref} was already recorded, so nothing changed.`));
    // The commit's audit entry holds exactly the fields it changed, before and after, so the reply
    // needs no second read of the store and is right even if the turn's snapshot was a moment old.
    const entry = result.data.audit.find((e) => e.entity === 'action' && e.entityId === record.ref);
    const was = (entry?.before ?? {}) as Partial<Action>;
    const now = (entry?.after ?? {}) as Partial<Action>;
    const progress = now.progress ?? record.progress;
    const status = now.status ?? record.status;
    const changes: string[] = [];
    if (was.progress !== undefined && now.progress !== undefined) changes.push(`progress ${was.progress}% → ${now.progress}%`);
    if (was.status !== undefined && now.status !== undefined) changes.push(`status ${formatStatus(was.status)} → ${formatStatus(now.status)}`);
    if (change.note) changes.push(`note "${escapeMarkdown(change.note)}"`);
    if (changes.length === 0) changes.push(`progress ${progress}% and status ${formatStatus(status)} confirmed`);
    return settledWith(textReply(`Updated ${record.ref} (${escapeMarkdown(record.title)}): ${changes.join('; ')}. It is in the action's history.`));
  }

  /** Records an owner's proposal to withdraw their action, with their reason; the business team is told. */
  private async proposeWithdrawal(person: Person, change: ActionChange, requestId: string | undefined): Promise<CardActionOutcome> {
    if (change.note === null) {
      return correction(
        `Withdrawing ${change.ref} is for the business team or the Executive, but you can propose it: say why, e.g. "update ${change.ref} withdrawn — the new MASH protocol covers it". Nothing was changed.`,
        updateInputIds(change.ref).note,
      );
    }
    const result = await this.commit(person, [{ type: 'action.proposeWithdrawal', ref: change.ref, reason: change.note, requestId: requestId ?? null }]);
    if (!result.success) return settledWith(textReply(describeError(result.error)));
    if (!result.data.changed) return settledWith(textReply(`Your proposal to withdraw ${change.ref} was already recorded, so nothing changed.`));
    return settledWith(
      textReply(
        `Withdrawing an action takes it out of the plan's delivery figure, so the business team or the Executive decide. ` +
          `I have recorded your proposal to withdraw ${change.ref} in its history, with your reason, and told the business team. ` +
          `Until then it stays open${change.progress !== null ? '; the progress you gave was not recorded' : ''}.`,
      ),
    );
  }

  private async snooze(db: Database, person: Person, rest: string): Promise<Reply> {
    const parsed = parseSnoozeText(rest, this.today(db));
    if (!parsed.success) return textReply(parsed.error.message);
    const { ref, until } = parsed.data;
    const result = await this.commit(person, [{ type: 'action.snooze', ref, until }]);
    if (!result.success) return textReply(describeError(result.error));
    if (until === null) return textReply(`Reminders for ${ref} are back on.`);
    return textReply(`No reminders for ${ref} until ${formatDate(until)}. Say "snooze ${ref} off" to have them back sooner.`);
  }

  /**
   * The contact marks their agency's return sent, with its link: core records it received today
   * (refusing anyone but the contact or the business team), and the chasing stops. The same link
   * sent again, as a channel's retry would, changes nothing.
   */
  private async submitReturn(db: Database, person: Person, rest: string): Promise<Reply> {
    const parsed = parseSubmitReturnText(db, person, rest);
    if (!parsed.success) return textReply(parsed.error.message);
    const { returnId, agencyId, link } = parsed.data;
    const result = await this.commit(person, [{ type: 'returnResponse.submit', returnId, agencyId, link }]);
    if (!result.success) return textReply(describeError(result.error));
    const request = db.returns.find((r) => r.id === returnId)!;
    const agency = escapeMarkdown(db.agencies.find((a) => a.id === agencyId)?.name ?? agencyId);
    const title = escapeMarkdown(request.title);
    if (!result.data.changed) return textReply(`${agency}'s ${title} was already recorded with that link, so nothing changed.`);
    const today = this.today(db);
    const late = today > request.dueOn ? ` It was due on ${formatDate(request.dueOn)}, so it counts as late.` : '';
    return textReply(
      `Thank you. I have recorded ${agency}'s ${title} as received today (${formatDate(today)}), with its link; the business team will review it, and the reminders stop.${late}`,
    );
  }

  private latestMeeting(db: Database, subgroups: readonly Subgroup[]): Meeting | undefined {
    const now = this.now().getTime();
    const ids = new Set(subgroups.map((s) => s.id));
    return db.meetings
      .filter((m) => ids.has(m.subgroupId) && m.status !== 'cancelled' && Date.parse(m.start) <= now)
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0];
  }

  private attendance(db: Database, person: Person, named: string | null): Reply {
    const actor: Actor = { kind: 'person', personId: person.id };
    let candidates: Subgroup[];
    if (named !== null) {
      const wanted = named.trim().toLowerCase();
      const subgroup = db.subgroups.find((s) => [s.id, s.name, s.shortName].some((n) => n.toLowerCase() === wanted));
      if (!subgroup) {
        return textReply(`There is no group called "${named}". The groups are: ${db.subgroups.map((s) => s.shortName).join(', ')}.`);
      }
      const allowed = canRecordAttendance(db, actor, subgroup);
      if (!allowed.success) return textReply(describeError(allowed.error));
      candidates = [subgroup];
    } else {
      candidates = this.chairedSubgroups(db, person);
      if (candidates.length === 0) {
        if (isAdministrator(db, actor)) return textReply(`Which group? Say e.g. "attendance ${db.subgroups[0]?.shortName ?? 'QAG'}".`);
        return textReply(
          "You don't chair a group, so there is no register for you to record. The chair or deputy chair of a group records its attendance; if that should be you, ask the business team.",
        );
      }
    }
    const meeting = this.latestMeeting(db, candidates);
    if (!meeting) {
      return textReply(`No meeting of ${candidates.map((s) => s.name).join(' or ')} has started yet, so there is no register to record.`);
    }
    const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
    const others = candidates.length > 1 ? ` For another group say e.g. "attendance ${candidates.find((s) => s.id !== subgroup.id)!.shortName}".` : '';
    return this.registerReply(db, meeting, subgroup, others);
  }

  private registerReply(db: Database, meeting: Meeting, subgroup: Subgroup, others: string): Reply {
    const register = registerOf(db, meeting);
    const when = formatMeetingStart(meeting.start, db.partnership.timeZone);
    return {
      text: `Here is the register for ${subgroup.name}, ${when}.${others}`,
      view: {
        kind: 'register',
        subgroup: { id: subgroup.id, name: subgroup.name, shortName: subgroup.shortName },
        meeting: { id: meeting.id, title: meeting.title ?? null },
        when,
        groups: register.groups,
        guests: register.guests,
        deputyCandidates: register.deputyCandidates,
      },
    };
  }

  private async recordAttendance(person: Person, data: Record<string, unknown>): Promise<CardActionOutcome> {
    const meetingId = typeof data.meetingId === 'string' ? data.meetingId : '';
    const entries = registerEntriesOf(data);
    if (!entries.success) return correction(entries.error.message);
    const result = await this.commit(person, [{ type: 'attendance.record', meetingId, entries: entries.data, replace: true }]);
    if (!result.success) return settledWith(textReply(describeError(result.error)));
    const db = await this.options.store.read();
    const meeting = db.meetings.find((m) => m.id === meetingId)!;
    const subgroup = db.subgroups.find((s) => s.id === meeting.subgroupId)!;
    const register = db.attendance.filter((a) => a.meetingId === meeting.id);
    const count = (status: string) => register.filter((a) => a.personId !== null && a.status === status).length;
    const guests = register.filter((a) => a.guestName !== null).length;
    const when = formatMeetingStart(meeting.start, db.partnership.timeZone);
    const totals = `${count('present')} present, ${count('apologies')} apologies, ${count('absent')} absent${guests ? `, ${plural(guests, 'guest')}` : ''}`;
    const headline = result.data.changed
      ? `Recorded the ${subgroup.name} register for ${when}: ${totals}.`
      : `The ${subgroup.name} register for ${when} was already recorded exactly like this, so nothing changed (${totals}).`;
    const engagement = meetingEngagement(db, meeting);
    const view = { kind: 'meetingEngagement', subgroupName: subgroup.name, when, lines: engagement.lines, guests: engagement.guests } as const;
    return settledWith({ text: headline, view });
  }
}

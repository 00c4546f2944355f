// What the bot shows, independent of the chat channel. The channels render these: teams/ as
// Adaptive Cards, slack/ as Block Kit. A view holds the data to show, never markup, so each
// channel can lay it out in its own way and step it down to fit its own limits.
import type { Action, EngagementTable, FundingSummary, MessageSummary, QuarterlyDigest, RegisterWork } from '@partnership-tracker/core';
import type { DeputyCandidates, RegisterGroup } from './register.js';

/** An owner's open actions, soonest due first, each with a way to update it. */
export interface MyActionsView {
  readonly kind: 'myActions';
  readonly actions: readonly Action[];
  /** Today in the partnership's time zone, for "due in 3 days". */
  readonly today: string;
  readonly timeZone: string;
}

/** One action and a form to update its progress, status and note. */
export interface ActionUpdateView {
  readonly kind: 'actionUpdate';
  readonly action: Action;
  readonly today: string;
}

/** A chair's register for one meeting: each member agency's people with what is recorded, and the guests. */
export interface RegisterView {
  readonly kind: 'register';
  readonly subgroup: { readonly id: string; readonly name: string; readonly shortName: string };
  readonly meeting: { readonly id: string; readonly title: string | null };
  /** When the meeting started, as people read it: `Tue 20 May 2025, 10:00`. */
  readonly when: string;
  readonly groups: readonly RegisterGroup[];
  readonly guests: readonly string[];
  /** Everyone a line could name as deputised for, by agency: active on the day, or already named. */
  readonly deputyCandidates: readonly DeputyCandidates[];
}

/** One agency's showing at one meeting, as the chair sees it after recording. */
export interface MeetingEngagementLine {
  readonly agency: string;
  readonly present: number;
  readonly apologies: number;
  /** Present ÷ one meeting, as a percentage: 100% per representative, as the annual report counts. */
  readonly percent: number;
}

/** Each member agency's engagement at one meeting, after its register was recorded. */
export interface MeetingEngagementView {
  readonly kind: 'meetingEngagement';
  readonly subgroupName: string;
  readonly when: string;
  readonly lines: readonly MeetingEngagementLine[];
  readonly guests: number;
}

/**
 * A quarter's digest and the link to the full HTML page. `digest` is shared by every request on
 * the same data (channels may remember how it fitted); `preparedAt` is the time of asking, which
 * the digest shows as the day it was prepared.
 */
export interface DigestView {
  readonly kind: 'digest';
  readonly digest: QuarterlyDigest;
  readonly preparedAt: string;
  readonly threshold: number;
  readonly timeZone: string;
  readonly fullDigestUrl: string;
}

/** Engagement by agency and group over a period; cells below `threshold` are flagged. */
export interface EngagementView {
  readonly kind: 'engagement';
  readonly table: EngagementTable;
  readonly threshold: number;
}

/** A financial year's income and spending, each line with its share. */
export interface FundingView {
  readonly kind: 'funding';
  readonly summary: FundingSummary;
}

/** What a register's chair chases ("reviews", "audits"): its records' open actions by owner, and what is late. */
export interface RegisterWorkView {
  readonly kind: 'registerWork';
  readonly work: RegisterWork;
  readonly title: string;
}

/** A scheduled message (a reminder, a prompt, a digest summary): a title, facts and the replies it suggests. */
export interface ScheduledView {
  readonly kind: 'scheduled';
  readonly summary: MessageSummary;
  /** The actions the message is about, so a channel can offer to update or snooze each. */
  readonly actionRefs: readonly string[];
  /** For a quarterly digest, the address of its full HTML page, when the server knows it. */
  readonly fullDigestUrl?: string;
}

/** A chair's group on their home page: its latest meeting (whose register they can record) and its next. */
export interface HomeMeetings {
  readonly subgroup: { readonly id: string; readonly name: string; readonly shortName: string };
  readonly latest: { readonly meetingId: string; readonly when: string; readonly recorded: number } | null;
  readonly next: string | null;
}

/**
 * A person's home page in a chat service that has one (Slack's App Home): their open actions, the
 * groups they chair, and for the Executive and the business team the latest digest. Not a reply:
 * a channel shows it on its own surface and refreshes it after each change.
 */
export interface HomeView {
  readonly kind: 'home';
  readonly personName: string;
  readonly actions: MyActionsView;
  readonly meetings: readonly HomeMeetings[];
  readonly digest: DigestView | null;
}

/** Everything the bot shows beside its text. */
export type View = MyActionsView | ActionUpdateView | RegisterView | MeetingEngagementView | DigestView | EngagementView | FundingView | RegisterWorkView | ScheduledView;

/** How much of a report a channel shows, fullest first (see the channel's renderer for what each leaves out). */
export type ReportDetail = 'full' | 'by-group' | 'short' | 'headline';

/** Every detail, fullest first: the order a channel tries them in until one fits. */
export const REPORT_DETAILS: readonly ReportDetail[] = ['full', 'by-group', 'short', 'headline'];

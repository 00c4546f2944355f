import {
  engagementTable,
  financialYearOfDate,
  fundingSummary,
  localDateOf,
  parseFinancialYear,
  parsePeriod,
  periodLabel,
  previousPeriod,
  quarterOfDate,
  quarterlyDigest,
  REGISTER_LABELS,
  registerWork,
  renderDigestHtml,
  type Clock,
  type Database,
  type EngagementTable,
  type FundingSummary,
  type Period,
  type QuarterlyDigest,
  type RegisterWork,
  type Result,
} from '@partnership-tracker/core';
import { describeError } from './errors.js';
import { registerWorkSummary } from './registerWork.js';
import type { Reply } from './reply.js';
import { ReportCache } from './reportCache.js';

/** A quarter as it appears in a digest's address: `2024/25 Q4` ↔ `2024-25-Q4`. */
export function periodSlug(period: Period): string {
  return periodLabel(period).replace('/', '-').replace(' ', '-');
}

/** Reads a digest address's period back (`2024-25-Q4.html` → 2024/25 Q4). */
export function periodOfSlug(slug: string): Result<Period> {
  const match = /^(\d{4})-(\d{2})-(Q[1-4])$/i.exec(slug);
  if (!match) return { success: false, error: { code: 'digest.bad_address', message: 'Digests are at /digest/2024-25-Q4.html' } };
  return parsePeriod(`${match[1]}/${match[2]} ${match[3]!.toUpperCase()}`);
}

/**
 * How long a Home tab's digest summary may be reused across changes to the data: five minutes.
 * The summary is of the last quarter that has ended, whose actions are counted as they stood at
 * the quarter end, so an update made today does not change it. What a reused summary can miss is
 * a change to that quarter's own records made since it was computed (a register recorded late, a
 * funding line added, an import): for at most five minutes, and only on the Home tab. The
 * "digest" command and the full digest page are always computed from the data as it is.
 */
export const HOME_DIGEST_MAX_AGE_MS = 5 * 60_000;

/** The read-only reports: the quarterly digest (card and HTML page), engagement and funding tables. */
export class Reports {
  private readonly cache = new ReportCache();
  /** The Home tab's digest: reused across revisions for HOME_DIGEST_MAX_AGE_MS (see there). */
  private homeDigestKept: { quarter: string; digest: Result<QuarterlyDigest>; computedAt: number } | undefined;

  constructor(private readonly options: { clock: Clock; linkToDigest: (slug: string) => string }) {}

  /** A quarter's digest, computed once per snapshot of the data (its `generatedAt` is the first asking; views carry their own). */
  private quarterlyDigest(db: Database, quarter: Period): Result<QuarterlyDigest> {
    return this.cache.get(db, `digest ${periodLabel(quarter)}`, () => quarterlyDigest(db, { quarter, now: this.options.clock.now().toISOString() }));
  }

  private engagementTable(db: Database, period: Period, subgroupIds: string[] | undefined): EngagementTable {
    return this.cache.get(db, `engagement ${periodLabel(period)} ${subgroupIds?.join(',') ?? 'all'}`, () =>
      engagementTable(db, { period, ...(subgroupIds ? { subgroupIds } : {}) }),
    );
  }

  private fundingSummary(db: Database, year: string): FundingSummary {
    return this.cache.get(db, `funding ${year}`, () => fundingSummary(db, year));
  }

  private today(db: Database): string {
    return localDateOf(this.options.clock.now(), db.partnership.timeZone);
  }

  /** The most recent quarter that has ended. */
  private lastQuarter(db: Database): Period {
    return previousPeriod(quarterOfDate(this.today(db), db.partnership.financialYearStart));
  }

  /** The quarterly digest as a card with a link to the full HTML digest; the last ended quarter by default. */
  digest(db: Database, text: string | null): Reply {
    let quarter: Period;
    if (text === null) quarter = this.lastQuarter(db);
    else {
      const parsed = parsePeriod(text);
      if (!parsed.success) return { text: parsed.error.code === 'period.calendar_quarter' ? parsed.error.message : `${parsed.error.message}. For example: digest 2024/25 Q4` };
      quarter = parsed.data;
    }
    return this.digestReply(db, quarter, this.quarterlyDigest(db, quarter), this.options.clock.now().toISOString());
  }

  /**
   * The last ended quarter's digest for a Home tab. Computing it takes tens of milliseconds (up to
   * some 200 under load at 1×) on the event loop, and the Home tab of the Executive and the
   * business team is redrawn after every change they make, so the digest is not recomputed for
   * each revision: one computed in the last HOME_DIGEST_MAX_AGE_MS for the same quarter is reused
   * (what that may miss is said there). Its `preparedAt` is when it was computed.
   */
  homeDigest(db: Database): Reply {
    const quarter = this.lastQuarter(db);
    const label = periodLabel(quarter);
    const now = this.options.clock.now().getTime();
    const kept = this.homeDigestKept;
    const fresh = kept !== undefined && kept.quarter === label && now >= kept.computedAt && now - kept.computedAt < HOME_DIGEST_MAX_AGE_MS;
    const use = fresh ? kept : (this.homeDigestKept = { quarter: label, digest: this.quarterlyDigest(db, quarter), computedAt: now });
    return this.digestReply(db, quarter, use.digest, new Date(use.computedAt).toISOString());
  }

  private digestReply(db: Database, quarter: Period, digest: Result<QuarterlyDigest>, preparedAt: string): Reply {
    if (!digest.success) return { text: describeError(digest.error) };
    const url = this.options.linkToDigest(periodSlug(quarter));
    return {
      text: `The quarterly digest for ${digest.data.periodLabel}. The full digest: ${url}`,
      view: {
        kind: 'digest',
        digest: digest.data,
        preparedAt,
        threshold: db.partnership.engagementThreshold,
        timeZone: db.partnership.timeZone,
        fullDigestUrl: url,
      },
    };
  }

  /** The full HTML digest page served at /digest/<period>.html: the same page as `ptrack digest --format html`. */
  digestPage(db: Database, slug: string): { status: number; html: string } {
    const period = periodOfSlug(slug);
    const page = (status: number, message: string) => ({ status, html: `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Digest</title></head><body><p>${message.replace(/</g, '&lt;')}</p></body></html>\n` });
    if (!period.success) return page(404, period.error.message);
    const digest = this.quarterlyDigest(db, period.data);
    if (!digest.success) return page(404, digest.error.message);
    // The page says the day it was prepared: today, not the day the digest was first computed.
    return { status: 200, html: renderDigestHtml({ ...digest.data, generatedAt: this.options.clock.now().toISOString() }, db.partnership.timeZone) };
  }

  /** Engagement by agency for one subgroup or all, over a year or quarter (this financial year by default). */
  engagement(db: Database, text: string): Reply {
    const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
    let period: Period = { kind: 'year', year: financialYearOfDate(this.today(db), db.partnership.financialYearStart) };
    for (const take of [2, 1]) {
      if (words.length < take) continue;
      const parsed = parsePeriod(words.slice(-take).join(' '));
      if (parsed.success) {
        period = parsed.data;
        words.splice(-take, take);
        break;
      }
    }
    const name = words.join(' ').toLowerCase();
    let subgroupIds: string[] | undefined;
    if (name !== '') {
      const subgroup = db.subgroups.find((s) => [s.id, s.name, s.shortName].some((n) => n.toLowerCase() === name));
      if (!subgroup) {
        return { text: `I don't know a group or period called "${words.join(' ')}". Try e.g. "engagement QAG 2024/25". The groups are: ${db.subgroups.map((s) => s.shortName).join(', ')}.` };
      }
      subgroupIds = [subgroup.id];
    }
    const table = this.engagementTable(db, period, subgroupIds);
    const said = `Engagement ${table.periodLabel}${subgroupIds ? ` at ${table.columns[0]?.name ?? ''}` : ''}.`;
    return { text: said, view: { kind: 'engagement', table, threshold: db.partnership.engagementThreshold } };
  }

  /** Income and spending for a financial year (this one by default), compared with the year before. */
  funding(db: Database, text: string | null): Reply {
    let year = financialYearOfDate(this.today(db), db.partnership.financialYearStart);
    if (text !== null) {
      const parsed = parseFinancialYear(text);
      if (!parsed.success) return { text: `${parsed.error.message}. For example: funding 2024/25` };
      year = parsed.data;
    }
    const summary = this.fundingSummary(db, year.label);
    return { text: `Funding ${year.label}.`, view: { kind: 'funding', summary } };
  }

  /** What a register's records left open, by owner, and its records behind their timescale: for its chair to chase. */
  registerWork(db: Database, register: 'reviews' | 'audits'): Reply {
    const today = this.today(db);
    const work: RegisterWork = this.cache.get(db, `work ${register} ${today}`, () => registerWork(db, register, today));
    const title = `${REGISTER_LABELS[register]}: what is open`;
    return { text: `${title}. ${registerWorkSummary(work)}`, view: { kind: 'registerWork', work, title } };
  }
}

import { financialYear, localDateOf, periodDates, periodInstants, type DateRange, type Period } from '../base/dates.js';
import type { LocalDate } from '../base/time.js';
import { planCovering } from '../plan/delivery.js';
import type { BusinessPlan } from '../plan/plan.js';
import type { Bar } from '../reporting/digestView.js';
import type { Table } from '../reporting/table.js';
import type { Database } from '../store/database.js';
import { narrativeBlocks, type NarrativeBlock } from './narrative.js';

/** How a chart's values read: whole per cents (86 is 86%), or shares in hundredths (7408 is 74.08%). */
export type ChartScale = 'percent' | 'share';

/** A bar chart of the report: its bars, and the sentence that says what it shows to someone who cannot see it. */
export interface ReportChart {
  readonly title: string;
  /** The chart's text alternative: every bar's label and value, in words. */
  readonly description: string;
  readonly bars: readonly Bar[];
  readonly scale: ChartScale;
}

/** One piece of a section, in the order it is printed. */
export type ReportBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly table: Table; readonly notes?: readonly string[] }
  | { readonly kind: 'chart'; readonly chart: ReportChart }
  /** Text the business team wrote, from a Markdown file of the --narrative folder. */
  | { readonly kind: 'narrative'; readonly blocks: readonly NarrativeBlock[] }
  /** Marks what is still to be written, or has no data yet: every format shows it as such. */
  | { readonly kind: 'placeholder'; readonly reason: 'to-write' | 'no-data'; readonly text: string };

/** Where a section's content comes from, and whether it has any yet. */
export type SectionState =
  /** Built from the partnership's data. */
  | 'data'
  /** The data it is built from is not recorded (yet): the section says so. */
  | 'no-data'
  /** Written by the business team, from the narrative folder. */
  | 'narrative'
  /** A narrative section whose file was not given: a marked placeholder. */
  | 'missing-narrative';

/** A section of the annual report. */
export interface ReportSection {
  /** Stable id, also the HTML anchor and (for a narrative section) the file name without `.md`. */
  readonly id: string;
  readonly title: string;
  readonly state: SectionState;
  readonly blocks: readonly ReportBlock[];
}

/** An annual report: the sections of a Working Together 2023 yearly report, in order. */
export interface AnnualReport {
  readonly title: string;
  readonly partnership: string;
  readonly area: string;
  readonly yearLabel: string;
  /** The local date the figures are taken at: the year's last day, or today while the year runs. */
  readonly asAt: LocalDate;
  readonly preparedOn: LocalDate;
  readonly sections: readonly ReportSection[];
  /** The narrative sections with no file yet, as `{ id, title }`: the report lists them. */
  readonly missingNarratives: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  /** The data sections with nothing recorded for the year. */
  readonly sectionsWithoutData: ReadonlyArray<{ readonly id: string; readonly title: string }>;
}

/** What every section builder is given: the data and the year it reports on. */
export interface ReportContext {
  readonly db: Database;
  readonly period: Period & { kind: 'year' };
  readonly range: DateRange;
  /** The instant the figures are taken at: the year's end, or now while the year runs. */
  readonly at: string;
  readonly asAt: LocalDate;
  /** The business plan of the year (the one in force on its last day), if any. */
  readonly plan: BusinessPlan | undefined;
  /** The plan in force on the first day of the next year, if any. */
  readonly nextPlan: BusinessPlan | undefined;
  /** The year before, `2023/24` for `2024/25`. */
  readonly previousYear: string;
  /** The day the report is prepared, in the partnership's time zone. */
  readonly preparedOn: LocalDate;
}

/**
 * A section built from data. `build` returns its blocks, or null when nothing is recorded for the
 * year; then the report prints `noData` in its place. A later collection (the reviews register,
 * agencies' returns) plugs in by giving its section a `build`.
 */
export interface DataSection {
  readonly kind: 'data';
  readonly id: string;
  readonly title: string;
  readonly build: (context: ReportContext) => ReportBlock[] | null;
  readonly noData: (context: ReportContext) => string;
}

/** A section the business team writes: one Markdown file, `<id>.md`, in the narrative folder. */
export interface NarrativeSection {
  readonly kind: 'narrative';
  readonly id: string;
  readonly title: string;
  /** What the section should say, shown in its placeholder until it is written. */
  readonly prompt: string;
}

/** A section of the report, as the section list declares it. */
export type SectionSpec = DataSection | NarrativeSection;

/** What an annual report is built for. */
export interface AnnualReportOptions {
  readonly period: Period & { kind: 'year' };
  /** The moment of asking (ISO 8601): a year not yet over is reported as at this moment. */
  readonly now: string;
  /** The narrative sections' Markdown, by section id (the file name without `.md`). */
  readonly narratives?: Readonly<Record<string, string>>;
}

/**
 * Builds a year's annual report from the data: each section of `sections` (by default the
 * Working Together 2023 order, `REPORT_SECTIONS`) from the data where it exists, narrative
 * sections from the Markdown given, and marked placeholders for the rest. Pure: the same data
 * and options give the same report.
 */
export function buildAnnualReport(db: Database, options: AnnualReportOptions, sections: readonly SectionSpec[]): AnnualReport {
  const { period } = options;
  const yearStart = db.partnership.financialYearStart;
  const range = periodDates(period, yearStart);
  const yearEnd = periodInstants(period, db.partnership.timeZone, yearStart).end.toISOString();
  const at = Date.parse(options.now) < Date.parse(yearEnd) ? options.now : yearEnd;
  // The year's end instant is the first moment of the next year: its last day is the day before.
  const asAt = localDateOf(new Date(Date.parse(at) - 1), db.partnership.timeZone);
  const lastDay = localDateOf(new Date(Date.parse(yearEnd) - 1), db.partnership.timeZone);
  // planCovering falls back to the last plan that ended; a report wants only a plan of its year.
  const plan = planCovering(db, lastDay);
  const nextPlan = planCovering(db, range.end);
  const context: ReportContext = {
    db,
    period,
    range,
    at,
    asAt,
    plan: plan && plan.end >= range.start ? plan : undefined,
    nextPlan: nextPlan && nextPlan.start <= range.end && nextPlan.end >= range.end ? nextPlan : undefined,
    previousYear: financialYear(period.year.startYear - 1).label,
    preparedOn: localDateOf(options.now, db.partnership.timeZone),
  };
  const built = sections.map((spec) => buildSection(spec, context, options.narratives ?? {}));
  const of = (state: SectionState) => built.filter((s) => s.state === state).map(({ id, title }) => ({ id, title }));
  return {
    title: `${db.partnership.name}: annual report ${period.year.label}`,
    partnership: db.partnership.name,
    area: db.partnership.area,
    yearLabel: period.year.label,
    asAt,
    preparedOn: context.preparedOn,
    sections: built,
    missingNarratives: of('missing-narrative'),
    sectionsWithoutData: of('no-data'),
  };
}

function buildSection(spec: SectionSpec, context: ReportContext, narratives: Readonly<Record<string, string>>): ReportSection {
  const { id, title } = spec;
  if (spec.kind === 'narrative') {
    const text = narratives[id];
    if (text === undefined || text.trim() === '') {
      const text = `${spec.prompt} Write it in ${id}.md in the narrative folder.`;
      return { id, title, state: 'missing-narrative', blocks: [{ kind: 'placeholder', reason: 'to-write', text }] };
    }
    return { id, title, state: 'narrative', blocks: [{ kind: 'narrative', blocks: narrativeBlocks(text) }] };
  }
  const blocks = spec.build(context);
  if (blocks === null) return { id, title, state: 'no-data', blocks: [{ kind: 'placeholder', reason: 'no-data', text: spec.noData(context) }] };
  return { id, title, state: 'data', blocks };
}

// The public surface of @partnership-tracker/core: a curated list, grouped by domain concept.

export { ok, fail, unwrap, type Result, type DomainError } from './common/base/result.js';
export { Id, ActionRef, slugify, uniqueId } from './common/base/ids.js';
export { nameKey } from './common/base/names.js';
export { LocalDate, Instant, type Clock } from './common/base/time.js';
export { Pence } from './common/base/money.js';
export { formatPath, parseWith } from './common/base/validation.js';
export {
  APRIL_FIRST,
  financialYear,
  parseFinancialYear,
  parsePeriod,
  periodLabel,
  periodDates,
  periodInstants,
  financialYearOfDate,
  quarterOfDate,
  previousPeriod,
  nextPeriod,
  isInRange,
  localDateOf,
  localTimeOf,
  parseLocalDate,
  zonedTimeToInstant,
  offsetMinutes,
  addDays,
  addMonths,
  daysBetween,
  dayOfWeek,
  type FinancialYear,
  type Quarter,
  type Period,
  type YearStart,
  type DateRange,
} from './common/base/dates.js';

export { Partnership, PartnershipPatch } from './common/partnership/partnership.js';
export { Agency, QuorumRole, Sector, SECTOR_LABELS, StatutoryRole } from './common/agencies/agency.js';
export { Person, PersonFields, Affiliation, PartnershipRole, agencyOn, isActiveOn } from './common/people/person.js';
export { redactAudit, type Erasure } from './common/people/erasure.js';
export { isMemberOn, membershipCovers } from './common/subgroups/subgroup.js';
export { Subgroup, Membership, Cadence, QuorumRule, ChatService, ChannelAddress, ChannelBinding, sameChannel } from './common/subgroups/subgroup.js';
export { Meeting, MeetingStatus } from './common/meetings/meeting.js';
export { Attendance, AttendanceStatus, attendanceId } from './common/attendance/attendance.js';
export { Contribution, Expenditure, FinancialYearLabel } from './common/funding/funding.js';
export {
  incomeTable,
  expenditureTable,
  fundingSummary,
  formatPence,
  formatShare,
  type ShareLine,
  type ShareTable,
  type LineChange,
  type FundingSummary,
  type IncomeOptions,
} from './common/funding/fundingTables.js';
export { contributionKey, expenditureKey } from './common/funding/fundingKeys.js';
export { splitShares, type Shares, type ShareRounding } from './common/funding/shares.js';
export {
  BusinessPlan,
  Priority,
  Commitment,
  Action,
  ActionStatus,
  ACTION_STATUS_LABELS,
  ActionSource,
  ActionUpdate,
} from './common/plan/plan.js';
export {
  AMBER_WINDOW_DAYS,
  actionStateAt,
  isOpen,
  deliveryPercent,
  deliveryByPriority,
  ragOf,
  overdueActions,
  dueSoonActions,
  staleActions,
  planCovering,
  carryOverCommands,
  type Rag,
  type ActionListOptions,
  type CarryOverOptions,
} from './common/plan/delivery.js';
export { checkCommitmentLinks, commitmentLines, carriedOverActions, type CommitmentLine, type CarriedOverAction } from './common/plan/commitments.js';
export {
  EngagementCell,
  EngagementColumn,
  EngagementRow,
  EngagementTable,
  engagementTable,
  cellsBelowThreshold,
  type CellBelowThreshold,
  engagementTableForRange,
  engagementByAgency,
  meetingsSummary,
  isQuorate,
  agencyCountedFor,
  formatEngagementCell,
  type EngagementOptions,
} from './common/engagement/engagement.js';
export { roundHalfUp } from './common/base/rounding.js';
export { quorumRoleOf, statutoryPartnerOf, statutoryRoleOf } from './common/agencies/statutoryRole.js';
export { QuarterlyDigest, DigestAction, quarterlyDigest } from './common/reporting/digest.js';
export { isNumeric, type Report, type Table, type Column, type Cell, type CellType, type Row } from './common/reporting/table.js';
export { displayCell, plainCell, spreadsheetText, formatMoney, formatDate } from './common/reporting/formatCell.js';
export { writeHtml, htmlTable, escapeHtml, tableStyle } from './common/reporting/render/html.js';
export { writeMarkdown, escapeMarkdown } from './common/reporting/render/markdown.js';
export { writeJson } from './common/reporting/render/json.js';
export { ExportTable, EXPORT_RULES, exportReport, checkExportSelection, type ExportRule, type ExportSelection } from './common/reporting/exports.js';
export { engagementReport, engagementTableModel, ENGAGEMENT_KEY, COVERAGE_KEY, type EngagementMeasure } from './common/reporting/tables/engagement.js';
export { incomeReport, expenditureReport, fundingReport } from './common/reporting/tables/funding.js';
export { actionsReport, type ActionFilter } from './common/reporting/tables/actions.js';
export { trainingReport } from './common/reporting/tables/training.js';
export {
  TrainingCourse,
  TrainingDelivery,
  TrainingBooking,
  BookingOutcome,
  ElearningResult,
  TrainingBaseline,
  baselineId,
  trainingFigures,
  trainingYears,
  countBookings,
  sectorLabel,
  UNDER_REPRESENTED_BELOW_PERCENT,
  type TrainingFigures,
  type BookingCounts,
  type UptakeRow,
  type ElearningRow,
  type PreviousYear,
} from './common/training/index.js';
export { attendanceRegister, type RegisterFilter } from './common/reporting/tables/attendanceRegister.js';
export { commitmentsReport, commitmentsTable, plansOf } from './common/reporting/tables/commitments.js';
export { digestView, type DigestView, type Bar } from './common/reporting/digestView.js';
export { renderDigestHtml } from './common/reporting/render/digestHtml.js';
export { renderDigestMarkdown } from './common/reporting/render/digestMarkdown.js';
export { Actor, AuditEntry, actorLabel } from './common/audit/auditEntry.js';
export { ConversationReference, OutboxMessage } from './common/messaging/messaging.js';
export { ANSWERED_EVENT_RETENTION_MS, chatEventKey, forgettableEventKeys, MOST_FORGOTTEN_AT_ONCE } from './common/messaging/answeredEvents.js';
export {
  personOf,
  isAdministrator,
  canAdminister,
  canRecordAttendance,
  canChooseDigestChannel,
  canUpdateAction,
  canExport,
  canCloseOrReopenAction,
  canMaintainRegister,
  isExecutive,
} from './common/access/permissions.js';

export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  bankHolidays,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  firstWorkingDayOnOrAfter,
  addWorkingDays,
  workingDaysBetween,
  type BankHolidayName,
} from './common/base/workingDays.js';
export {
  CATCH_UP_DAYS,
  SEND_TIME,
  dueMessages,
  digestDestinations,
  nextDigest,
  overdueAlertSubgroup,
  OVERDUE_ALERT_KEY,
  isOpenAction,
  type ScheduledMessage,
  type ScheduledMessageKind,
  type MessageTarget,
  type ReminderOccasion,
  type ActionReminder,
  type OverdueAlert,
  type PleaseUpdate,
  type AttendancePrompt,
  type DigestMessage,
  type WithdrawalProposal,
} from './common/reminders/reminderRules.js';
export { renderMessage, type RenderedMessage, type MessageSummary } from './common/reminders/renderMessage.js';
export { pendingMessages, isPermanentFailure, PERMANENT_FAILURE_PREFIX } from './common/reminders/pendingMessages.js';

export {
  annualReport,
  buildAnnualReport,
  REPORT_SECTIONS,
  NARRATIVE_SECTIONS,
  narrativeBlocks,
  plainText,
  renderReportHtml,
  renderReportMarkdown,
  chartSvg,
  aboutThisReport,
  barValueText,
  type AnnualReport,
  type AnnualReportOptions,
  type ReportSection,
  type ReportBlock,
  type ReportChart,
  type ChartScale,
  type SectionState,
  type SectionSpec,
  type DataSection,
  type NarrativeSection,
  type ReportContext,
  type NarrativeBlock,
  type TextRun,
} from './common/report/index.js';

export { Database, CURRENT_SCHEMA_VERSION, emptyDatabase } from './common/store/database.js';
export { Command, RegisterEntry, ActionDraft, type CommandInput } from './common/store/commands.js';
export { applyCommands, type ChangeContext, type ChangeOutcome } from './common/store/applyCommands.js';
export { migrate, migrations, type Migration } from './common/store/migrations.js';
export { SerialQueue } from './common/store/serialQueue.js';
export { MemoryStore } from './common/store/memoryStore.js';
export type { Store, CommitResult } from './common/store/store.js';

export {
  examplePartnership,
  EXAMPLE_AS_OF,
  EXAMPLE_ACTOR,
  EXAMPLE_IDS,
  EXAMPLE_CHAIR_ID,
  EXAMPLE_BUSINESS_MANAGER_ID,
  PLAYGROUND_CHAIR_AAD_OBJECT_ID,
  PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID,
  exampleSlackUserId,
} from './common/example/index.js';

// Registers: where actions come from besides the plan (issue 14).
export { RegisterName, REGISTER_LABELS } from './common/subgroups/subgroup.js';
export { registerOfSource, isLinkedTo } from './common/registers/sourceLink.js';
export { registerWork, type RegisterWork, type RegisterWorkItem, type LateRecord } from './common/registers/registerWork.js';
export {
  Review,
  ReviewType,
  ReviewDecision,
  ReviewHold,
  Recommendation,
  AgeBand,
  Publication,
  ReviewTimescales,
  WORKING_TOGETHER_TIMESCALES,
  REVIEW_TYPE_LABELS,
  AGE_BAND_LABELS,
  reviewTimeliness,
  personalDataInCodename,
  personalDataInText,
  reviewProgress,
  recommendationActions,
  recommendationSummary,
  timelinessOf,
  reviewCounts,
  reviewCountsSentence,
  reviewCountsTable,
  themesByAgeBand,
  themesTable,
  reviewsReport,
  type Timeliness,
  type TimelinessState,
  type ReviewCounts,
  type ReviewProgress,
  type RecommendationProgress,
  type RecommendationState,
  type ThemeLine,
} from './common/reviews/index.js';
export {
  Audit,
  AuditType,
  YearMonth,
  StandingQuestion,
  StandingAnswer,
  AuditTarget,
  AuditProgrammeSettings,
  ActionPlanItem,
  AUDIT_TYPE_LABELS,
  auditStage,
  questionsFor,
  actionPlanActions,
  auditProgress,
  actionPlanSummary,
  auditsPlannedIn,
  programmeSummary,
  programmeSentence,
  programmeTable,
  impactOfAudits,
  impactTable,
  plannedTable,
  targetLabel,
  monthLabel,
  auditsReport,
  type AuditStage,
  type ActionPlanItemState,
  type ActionPlanItemProgress,
  type AuditProgress,
  type AuditImpact,
  type ProgrammeLine,
  type ProgrammeSummary,
} from './common/audits/index.js';
export {
  ReturnKind,
  RETURN_KIND_LABELS,
  ReturnPeriod,
  ReturnAsk,
  ReturnRequest,
  ResponseState,
  ResponseReview,
  ReturnResponse,
  responseId,
  Standard,
  SelfRating,
  SELF_RATING_LABELS,
  StandardRating,
  selfRatingsTable,
  complianceStatus,
  complianceLabel,
  complianceTable,
  returnsDueWithin,
  returnInPeriod,
  returnsInPeriod,
  agencyReturnRecord,
  canSubmitReturn,
  complianceReport,
  agencyReturnsReport,
  type ComplianceStatus,
  type ComplianceCounts,
  type ComplianceRow,
  type ComplianceTable,
  type AgencyReturnLine,
  type AgencyReturnRecord,
} from './common/returns/index.js';
export {
  Inspection,
  InspectionType,
  Inspectorate,
  InspectionStrength,
  AreaForImprovement,
  INSPECTION_TYPE_LABELS,
  INSPECTORATE_LABELS,
  statementDeadline,
  statementTimeliness,
  areaActions,
  inspectionProgress,
  inspectionsReport,
  type StatementState,
  type StatementTimeliness,
  type AreaState,
  type AreaProgress,
  type InspectionProgress,
} from './common/inspections/index.js';
export {
  Challenge,
  ChallengeRaiser,
  ChallengeOutcome,
  ChallengeEscalation,
  EscalationStage,
  CHALLENGE_RAISER_LABELS,
  CHALLENGE_OUTCOME_LABELS,
  stageOf,
  isClosedBy,
  challengeActions,
  challengeCounts,
  challengeCountsSentence,
  challengeCountsTable,
  challengedNames,
  challengesReport,
  challengesUnderWay,
  executiveImpact,
  executiveImpactTable,
  raiserName,
  type ChallengeCounts,
  type ImpactLine,
  type OutcomeAtEnd,
} from './common/challenges/index.js';

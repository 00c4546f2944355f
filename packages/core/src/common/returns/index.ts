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
} from './returnRequest.js';
export {
  complianceStatus,
  complianceLabel,
  complianceTable,
  returnsDueWithin,
  returnInPeriod,
  returnsInPeriod,
  agencyReturnRecord,
  type ComplianceStatus,
  type ComplianceCounts,
  type ComplianceRow,
  type ComplianceTable,
  type AgencyReturnLine,
  type AgencyReturnRecord,
} from './compliance.js';
export { canSubmitReturn } from './returnCommands.js';
export { complianceReport, agencyReturnsReport, selfRatingsTable } from './returnTables.js';

export { Inspection, InspectionType, Inspectorate, InspectionStrength, AreaForImprovement, INSPECTION_TYPE_LABELS, INSPECTORATE_LABELS } from './inspection.js';
export {
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
} from './inspectionTables.js';

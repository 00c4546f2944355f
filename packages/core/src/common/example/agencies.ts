import type { z } from 'zod';
import type { Agency } from '../agencies/agency.js';
import { londonTime, type Step } from './timeline.js';

type AgencyInput = z.input<typeof Agency>;

/** Agency ids of the example, named so the other modules read like the annual report. */
export const AGENCY = {
  council: 'croydon-council',
  chair: 'chair-named-person',
  scrutineer: 'independent-scrutineer',
  qualityAssurance: 'croydon-council-quality-assurance',
  childrensSocialCare: 'croydon-council-childrens-social-care',
  education: 'croydon-council-education',
  youthJustice: 'croydon-council-youth-justice-service',
  housing: 'croydon-council-housing',
  croydonHealth: 'croydon-health-service-nhs',
  icb: 'nhs-south-west-london-icb',
  police: 'metropolitan-police',
  publicHealth: 'public-health',
  slam: 'south-london-and-maudsley',
  cultureCommunitySafety: 'croydon-council-culture-and-community-safety',
  colleges: 'colleges',
  commissioning: 'croydon-council-commissioning',
  probation: 'national-probation-service',
  voluntarySector: 'voluntary-community-and-social-enterprises',
  reachingHigher: 'reaching-higher',
} as const;

const department = (id: string, name: string): AgencyInput => ({
  id,
  name,
  sector: 'local-authority',
  statutoryRole: 'local-authority',
  parentId: AGENCY.council,
});

/**
 * The register. After the council (which its departments name as parent), the order is the
 * row order of the report's engagement table, which follows register order.
 */
export const agencies: readonly AgencyInput[] = [
  { id: AGENCY.council, name: 'Croydon Council', sector: 'local-authority', statutoryRole: 'local-authority', aliases: ['London Borough of Croydon', 'LBC'] },
  { id: AGENCY.chair, name: 'Chair (Named Person)', kind: 'role', sector: 'independent' },
  { id: AGENCY.scrutineer, name: 'Independent Scrutineer', kind: 'role', sector: 'independent' },
  department(AGENCY.qualityAssurance, 'Croydon Council: Quality Assurance'),
  department(AGENCY.childrensSocialCare, "Croydon Council: Children's Social Care"),
  department(AGENCY.education, 'Croydon Council: Education'),
  department(AGENCY.youthJustice, 'Croydon Council: Youth Justice Service'),
  department(AGENCY.housing, 'Croydon Council: Housing'),
  // The NHS provider trusts are relevant agencies: the ICB is the statutory health partner. The
  // partnership's terms of reference let their safeguarding leads stand for health at a meeting.
  { id: AGENCY.croydonHealth, name: 'Croydon Health Service NHS', sector: 'health', quorumRole: 'health', aliases: ['Croydon Health Services NHS Trust', 'CHS'] },
  { id: AGENCY.icb, name: 'NHS Southwest London Integrated Care Board', sector: 'health', statutoryRole: 'health', aliases: ['Croydon ICB', 'SWL ICB', 'South West London ICB'] },
  { id: AGENCY.police, name: 'Metropolitan Police', sector: 'police', statutoryRole: 'police', aliases: ['Met Police', 'MPS'] },
  // Public Health sits in the council, so it counts towards the local-authority partner.
  { id: AGENCY.publicHealth, name: 'Public Health', sector: 'health', statutoryRole: 'local-authority', parentId: AGENCY.council, aliases: ['Croydon Public Health'] },
  { id: AGENCY.slam, name: 'South London and Maudsley NHS Foundation Trust', sector: 'health', quorumRole: 'health', aliases: ['South London and Maudsley', 'SLaM'] },
  department(AGENCY.cultureCommunitySafety, 'Croydon Council: Culture & Community Safety'),
  { id: AGENCY.colleges, name: 'Colleges', sector: 'education' },
  department(AGENCY.commissioning, 'Croydon Council: Commissioning'),
  { id: AGENCY.probation, name: 'National Probation Service', sector: 'probation', aliases: ['Probation Service'] },
  { id: AGENCY.voluntarySector, name: 'Voluntary, community and social enterprises', sector: 'voluntary-community', aliases: ['VCSE', 'VCS'] },
  // A VCSE organisation in its own right: it funds the conference. Its staff sit on subgroups
  // as VCSE representatives, so it is a member of none.
  { id: AGENCY.reachingHigher, name: 'Reaching Higher', sector: 'voluntary-community' },
];

/** The business team sets up the register before the 2024/25 year begins. */
export function agencySteps(): Step[] {
  return [{ at: londonTime('2024-03-04', '10:00'), commands: agencies.map((agency) => ({ type: 'agency.upsert', agency })) }];
}

import type { z } from 'zod';
import type { RegisterEntry } from '../store/commands.js';
import { AGENCY } from './agencies.js';
import { allMeetings, meetingRecord, type MeetingPlan } from './meetings.js';
import { PERSON } from './people.js';
import { SUBGROUP, subgroups } from './subgroups.js';
import { stableFraction, type Step } from './timeline.js';

type Line = z.input<typeof RegisterEntry>;

const present = (personId: string): Line => ({ personId, status: 'present' });
const apologies = (personId: string): Line => ({ personId, status: 'apologies' });
const absent = (personId: string): Line => ({ personId, status: 'absent' });
const guest = (guestName: string): Line => ({ guestName, status: 'present' });
const deputy = (personId: string, forId: string): Line => ({ personId, status: 'present', deputisingForId: forId });

const P = PERSON;

/**
 * The 2024/25 registers, written out so that they reproduce every figure of the report's
 * engagement table: attendances by an agency's people ÷ meetings held while a member.
 * Counts per agency are noted where they are not simply "every meeting".
 */
const registers2024: Readonly<Record<string, readonly Line[]>> = {
  // Review Group, 4 held. Scrutineer 2, Education 1, Housing 1, Public Health 1 (a deputy),
  // Children's Social Care and Youth Justice 0; guests 3.
  'review-group-2024-05-14': [
    present(P.chair), present(P.scrutineer), present(P.qualityAssuranceHead), apologies(P.socialCareHead),
    present(P.educationHead), apologies(P.youthJusticeHead), absent(P.housingLead), present(P.croydonHealthNamedNurse),
    present(P.icbDesignatedNurse), present(P.policeInspector), apologies(P.publicHealthConsultant), present(P.slamNamedNurse),
    guest('Independent Reviewer, Thematic Review: Serious Youth Violence'),
  ],
  'review-group-2024-09-10': [
    present(P.chair), apologies(P.scrutineer), present(P.qualityAssuranceHead), absent(P.socialCareHead),
    apologies(P.educationHead), apologies(P.youthJusticeHead), present(P.housingLead), present(P.croydonHealthNamedNurse),
    present(P.icbDesignatedDoctor), present(P.policeInspector), apologies(P.publicHealthConsultant),
    deputy(P.healthImprovementLead, P.publicHealthConsultant), present(P.slamNamedNurse),
    guest('DfE Safeguarding Reforms Adviser'),
  ],
  'review-group-2024-11-26': [
    present(P.chair), present(P.scrutineer), present(P.qualityAssuranceHead), apologies(P.socialCareHead),
    apologies(P.educationHead), absent(P.youthJusticeHead), apologies(P.housingLead), present(P.croydonHealthNamedNurse),
    present(P.icbDesignatedNurse), present(P.policeInspector), apologies(P.publicHealthConsultant), present(P.slamNamedNurse),
  ],
  'review-group-2025-02-11': [
    present(P.chair), apologies(P.scrutineer), present(P.qualityAssuranceHead), apologies(P.socialCareHead),
    absent(P.educationHead), apologies(P.youthJusticeHead), apologies(P.housingLead), present(P.croydonHealthNamedDoctor),
    present(P.icbDesignatedNurse), present(P.policeInspector), absent(P.publicHealthConsultant), present(P.slamHead),
    guest('Child Death Overview Panel Manager'),
  ],
  // Quality Assurance Group, 3 held. Two representatives came from Quality Assurance,
  // Children's Social Care and Education (4 attendances each: 133%); no guests.
  'quality-assurance-group-2024-06-20': [
    present(P.chair), present(P.scrutineer), present(P.qualityAssuranceHead), present(P.qualityAssuranceLead),
    present(P.socialCareHead), present(P.mashManager), present(P.educationHead), present(P.educationAdviser),
    present(P.youthJusticeHead), apologies(P.housingLead), present(P.croydonHealthNamedNurse), present(P.icbDesignatedNurse),
    present(P.policeInspector), present(P.slamNamedNurse), present(P.communitySafetyManager), apologies(P.collegeLead),
    present(P.commissioningManager), present(P.probationOfficer), present(P.reachingHigherLead),
  ],
  'quality-assurance-group-2024-10-17': [
    present(P.chair), present(P.scrutineer), present(P.qualityAssuranceHead), present(P.socialCareHead),
    present(P.mashManager), present(P.educationHead), apologies(P.youthJusticeHead), present(P.housingLead),
    apologies(P.croydonHealthNamedNurse), apologies(P.icbDesignatedNurse), present(P.policeInspector), present(P.slamNamedNurse),
    present(P.communitySafetyManager), present(P.collegeLead), apologies(P.commissioningManager), apologies(P.probationOfficer),
    apologies(P.reachingHigherLead), absent(P.legacyLead),
  ],
  'quality-assurance-group-2025-01-23': [
    present(P.chair), present(P.scrutineer), present(P.qualityAssuranceHead), apologies(P.socialCareHead),
    present(P.educationHead), absent(P.youthJusticeHead), present(P.housingLead), present(P.croydonHealthNamedNurse),
    present(P.icbDesignatedNurse), present(P.policeInspector), present(P.slamHead), apologies(P.communitySafetyManager),
    absent(P.collegeLead), absent(P.commissioningManager), present(P.probationOfficer), apologies(P.reachingHigherLead),
  ],
  // Editorial Group, 2 held. Education, Croydon Health, SLaM and the VCSE sent two people to
  // the first (150%); Children's Social Care and Housing none; guests 3 of 2 (150%).
  'editorial-group-2024-07-09': [
    present(P.chair), present(P.qualityAssuranceHead), apologies(P.socialCareHead), present(P.educationHead),
    present(P.educationAdviser), absent(P.housingLead), present(P.croydonHealthNamedNurse), present(P.croydonHealthNamedDoctor),
    present(P.icbDesignatedNurse), present(P.policeInspector), present(P.slamNamedNurse), present(P.slamHead),
    present(P.reachingHigherLead), present(P.legacyLead), present(P.youngScrutineer), guest('PHEW Learning Platform Trainer'),
  ],
  'editorial-group-2025-01-14': [
    present(P.chair), present(P.qualityAssuranceHead), apologies(P.socialCareHead), present(P.educationHead),
    apologies(P.housingLead), present(P.croydonHealthNamedNurse), present(P.icbDesignatedDoctor), apologies(P.policeInspector),
    present(P.slamNamedNurse), present(P.reachingHigherLead), present(P.youngScrutineer),
  ],
};

/** Who represents each member agency at the three subgroups: the usual attendee first. */
const representatives: Readonly<Record<string, readonly string[]>> = {
  [AGENCY.chair]: [P.chair],
  [AGENCY.scrutineer]: [P.scrutineer],
  [AGENCY.qualityAssurance]: [P.qualityAssuranceHead, P.qualityAssuranceLead],
  [AGENCY.childrensSocialCare]: [P.socialCareHead, P.mashManager],
  [AGENCY.education]: [P.educationHead, P.educationAdviser],
  [AGENCY.youthJustice]: [P.youthJusticeHead],
  [AGENCY.housing]: [P.housingLead],
  [AGENCY.croydonHealth]: [P.croydonHealthNamedNurse, P.croydonHealthNamedDoctor],
  [AGENCY.icb]: [P.icbDesignatedNurse, P.icbDesignatedDoctor],
  [AGENCY.police]: [P.policeInspector],
  [AGENCY.publicHealth]: [P.publicHealthConsultant],
  [AGENCY.slam]: [P.slamNamedNurse, P.slamHead],
  [AGENCY.cultureCommunitySafety]: [P.communitySafetyManager],
  [AGENCY.colleges]: [P.collegeLead],
  [AGENCY.commissioning]: [P.commissioningManager],
  [AGENCY.probation]: [P.probationOfficer],
  [AGENCY.voluntarySector]: [P.reachingHigherLead, P.legacyLead],
  [AGENCY.council]: [P.councilDirector],
};

/** The Executive's register: the three partners' leads, with the Scrutineers and the business team in attendance. */
function executiveRegister(plan: MeetingPlan): Line[] {
  const chance = (personId: string) => stableFraction(`${plan.id}/${personId}`);
  const lines: Line[] = [present(P.councilDirector), present(P.businessManager)];
  lines.push(chance(P.icbChiefNurse) < 0.85 ? present(P.icbChiefNurse) : apologies(P.icbChiefNurse));
  if (chance(P.policeCommander) < 0.7) lines.push(present(P.policeCommander));
  else lines.push(apologies(P.policeCommander), deputy(P.policeInspector, P.policeCommander));
  lines.push(chance(P.scrutineer) < 0.9 ? present(P.scrutineer) : apologies(P.scrutineer));
  if (plan.date >= '2024-07-08') lines.push(present(P.youngScrutineer));
  return lines;
}

/**
 * A plausible register for a subgroup meeting after 2024/25: the chair always, each member's
 * usual attendee most of the time, a second representative where the agency has two seats,
 * now and then a guest. The variation is a hash of the meeting and person, so it is stable.
 */
function subgroupRegister(plan: MeetingPlan): Line[] {
  const subgroup = subgroups.find((s) => s.id === plan.subgroupId)!;
  const lines: Line[] = [];
  for (const member of subgroup.members ?? []) {
    if (member.joined > plan.date) continue;
    const people = representatives[member.agencyId] ?? [];
    const seats = Math.min(member.expectedRepresentatives ?? 1, people.length);
    for (const [index, personId] of people.slice(0, seats).entries()) {
      const chance = stableFraction(`${plan.id}/${personId}`);
      if (personId === P.chair || chance < (index === 0 ? 0.78 : 0.5)) lines.push(present(personId));
      else if (chance < 0.93) lines.push(apologies(personId));
      else lines.push(absent(personId));
    }
  }
  if (plan.subgroupId === SUBGROUP.editorial) lines.push(present(P.youngScrutineer));
  if (stableFraction(`${plan.id}/guest`) < 0.35) lines.push(guest('Practice Learning Lead, London Safeguarding Children Partnership'));
  return lines;
}

/** The register of a held meeting, or null for a meeting that is cancelled or still to come. */
export function registerOf(plan: MeetingPlan, until: string): Line[] | null {
  if (plan.cancelled !== undefined || meetingRecord(plan).end > until) return null;
  const written = registers2024[plan.id];
  if (written !== undefined) return [...written];
  if (plan.date < '2025-04-01' && plan.subgroupId !== SUBGROUP.executive) {
    throw new Error(`The 2024/25 ${plan.id} register is missing from the example.`);
  }
  return plan.subgroupId === SUBGROUP.executive ? executiveRegister(plan) : subgroupRegister(plan);
}

/** Each held meeting's register is recorded by the business team as the meeting ends. */
export function attendanceSteps(until: string): Step[] {
  const steps: Step[] = [];
  for (const plan of allMeetings) {
    const lines = registerOf(plan, until);
    if (lines === null) continue;
    const record = meetingRecord(plan);
    steps.push({ at: record.end, commands: [{ type: 'attendance.record', meetingId: plan.id, entries: lines }] });
  }
  return steps;
}

import type { Actor } from '../audit/auditEntry.js';
import { applyCommands } from '../store/applyCommands.js';
import { emptyDatabase, type Database } from '../store/database.js';
import { actionSteps, noteStep } from './actionHistory.js';
import { actions2024 } from './actions2024.js';
import { actions2025, carriedOver, PLAN_2025_APPROVED } from './actions2025.js';
import { agencySteps } from './agencies.js';
import { attendanceSteps } from './attendance.js';
import { auditSteps } from './audits.js';
import { challengeSteps } from './challenges.js';
import { fundingSteps } from './funding.js';
import { inspectionSteps } from './inspections.js';
import { meetingSteps } from './meetings.js';
import { peopleSteps } from './people.js';
import { planSteps } from './plans.js';
import { returnSteps } from './returns.js';
import { reviewSteps } from './reviews.js';
import { subgroupSteps } from './subgroups.js';
import { trainingSteps } from './training.js';
import { londonTime, TIME_ZONE, type Step } from './timeline.js';

/**
 * The moment the example's history runs to (Monday 16 November 2026, 09:00 in London): nothing
 * in it happened later, meetings before it were held or cancelled, meetings after it are to come.
 */
export const EXAMPLE_AS_OF = londonTime('2026-11-16', '09:00');

/** Who the example's changes are recorded as made by, in the audit log and action histories. */
export const EXAMPLE_ACTOR: Actor = { kind: 'system', name: 'example' };

/** Every step of the example's history, in the order it happened. */
export function exampleHistory(): Step[] {
  const carriedNotes = Object.entries(carriedOver).map(([newRef, oldRef]) =>
    noteStep(oldRef, PLAN_2025_APPROVED, '10:30', `Carried over to the CSCP Business Plan 2025–27 as ${newRef}.`),
  );
  const steps = [
    ...agencySteps(),
    ...peopleSteps(),
    ...subgroupSteps(),
    ...meetingSteps(),
    ...attendanceSteps(EXAMPLE_AS_OF),
    ...fundingSteps(),
    ...trainingSteps(),
    ...planSteps(),
    ...reviewSteps(),
    ...auditSteps(),
    ...returnSteps(),
    ...inspectionSteps(),
    ...challengeSteps(),
    ...actions2024.flatMap(actionSteps),
    ...actions2025.flatMap(actionSteps),
    ...carriedNotes,
  ];
  const late = steps.find((step) => step.at > EXAMPLE_AS_OF);
  if (late) throw new Error(`The example's history runs past EXAMPLE_AS_OF: ${late.at}.`);
  // A stable sort keeps the order of steps recorded at the same moment.
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The example partnership before its history: its settings and nothing else. */
export function emptyExamplePartnership(): Database {
  return emptyDatabase({
    name: 'Croydon Safeguarding Children Partnership',
    area: 'London Borough of Croydon',
    timeZone: TIME_ZONE,
    financialYearStart: { month: 4, day: 1 },
    engagementThreshold: 50,
  });
}

/**
 * An example partnership modelled on the Croydon Safeguarding Children Partnership's 2024/25
 * annual report, built through the store's commands so every record is validated and the audit
 * log reads like real use. Pure and deterministic: the same database on every call.
 */
export function examplePartnership(): Database {
  let db = emptyExamplePartnership();
  for (const step of exampleHistory()) {
    const outcome = applyCommands(db, step.commands, { actor: EXAMPLE_ACTOR, at: step.at });
    // The example is fixed data: a refused command is a bug in it, not a user's mistake.
    if (!outcome.success) throw new Error(`The example partnership is invalid at ${step.at}: ${outcome.error.code}: ${outcome.error.message}`);
    db = outcome.data.db;
  }
  return db;
}

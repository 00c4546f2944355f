import { engagementTable, fundingSummary, parsePeriod, quarterlyDigest, unwrap, type Actor, type CommandInput, type Database } from '@partnership-tracker/core';
import { SYNTHETIC_AS_OF, type Workload } from '../synthetic/partnership.js';

/** The three reports the issue names, computed from a database. */
export function computeReports(db: Database, workload: Workload): void {
  unwrap(quarterlyDigest(db, { quarter: unwrap(parsePeriod(workload.digestQuarter)), now: SYNTHETIC_AS_OF }));
  engagementTable(db, { period: unwrap(parsePeriod(workload.engagementYear)) });
  fundingSummary(db, workload.fundingYear);
}

/** The two changes the issue names, the n-th time: an owner's update and a chair's ten-line register. */
export function changeOf(kind: 'actionUpdate' | 'register', workload: Workload, n: number): { commands: CommandInput[]; actor: Actor } {
  if (kind === 'actionUpdate') {
    const refs = workload.owner.openActionRefs;
    const ref = refs[n % refs.length]!;
    return {
      actor: { kind: 'person', personId: workload.owner.personId },
      commands: [{ type: 'action.update', ref, progress: 10 + (n % 80), note: `Benchmark update ${n}: met the ICB lead and agreed next steps.` }],
    };
  }
  const meetings = workload.chair.meetingIds;
  const round = Math.floor(n / meetings.length);
  return {
    actor: { kind: 'person', personId: workload.chair.personId },
    commands: [
      {
        type: 'attendance.record',
        meetingId: meetings[n % meetings.length]!,
        // Each visit to a meeting flips every line, so every sample is a real change.
        entries: workload.chair.attendeeIds.map((personId, line) => ({ personId, status: (round + line) % 2 === 0 ? 'present' : 'apologies' })),
      },
    ],
  };
}


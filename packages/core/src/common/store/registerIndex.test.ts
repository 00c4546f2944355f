import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { unwrap } from '../base/result.js';
import { actors, by, NOW, sampleDatabase } from './__fixtures__/sampleDatabase.js';
import { applyCommands } from './applyCommands.js';
import type { CommandInput, RegisterEntry } from './commands.js';
import type { Database } from './database.js';
import { registerIndex } from './registerIndex.js';

const register = (meetingId: string, entries: z.input<typeof RegisterEntry>[], replace = false): CommandInput => ({
  type: 'attendance.record',
  meetingId,
  entries,
  replace,
});

/** The sample partnership with four held QAG meetings. */
function withMeetings(): Database {
  const db = sampleDatabase();
  const months = ['2025-01', '2025-02', '2025-03', '2024-11'];
  return {
    ...db,
    meetings: [
      ...db.meetings,
      ...months.map((month) => ({ id: `qag-${month}`, subgroupId: 'qag', start: `${month}-10T09:30:00.000Z`, end: `${month}-10T11:00:00.000Z`, title: null, location: null, link: null, status: 'scheduled' as const })),
    ],
  };
}

const chair = { personId: 'chloe-chair', status: 'present' } as const;
const deputy = { personId: 'dev-deputy', status: 'present' } as const;
const guest = { guestName: 'Pat Guest', status: 'present' } as const;

describe('the register index carried from one register to the next', () => {
  it('stays the index of the list through recordings, corrections that move lines, and re-recordings', () => {
    const steps: CommandInput[][] = [
      [register('qag-2025-01', [chair, guest])],
      [register('qag-2025-02', [chair, deputy, guest])],
      [register('qag-2025-03', [deputy])],
      // A correction removes a line from the middle of the list: later lines move up.
      [register('qag-2025-01', [chair], true)],
      [register('qag-2025-02', [chair, { ...deputy, status: 'apologies' }])],
      [register('qag-2024-11', [chair, deputy]), register('qag-2025-03', [deputy, guest])],
      [register('qag-2025-02', [guest], true)],
      [register('qag-2024-11', [guest])],
    ];
    let db = withMeetings();
    for (const commands of steps) {
      db = unwrap(applyCommands(db, commands, by(actors.chair, NOW))).db;
      // A copy of the list is not in the cache: its index is built from scratch.
      expect(registerIndex(db.attendance)).toEqual(registerIndex([...db.attendance]));
    }
    const lines = (meetingId: string) => db.attendance.filter((a) => a.meetingId === meetingId).map((a) => a.personId ?? a.guestName);
    expect(lines('qag-2025-01')).toEqual(['chloe-chair']);
    expect(lines('qag-2025-02')).toEqual(['Pat Guest']);
    expect(lines('qag-2025-03')).toEqual(['dev-deputy', 'Pat Guest']);
    expect(lines('qag-2024-11')).toEqual(['chloe-chair', 'dev-deputy', 'Pat Guest']);
  });
});

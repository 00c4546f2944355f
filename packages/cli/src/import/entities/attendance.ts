import { AttendanceStatus, localDateOf, type RegisterEntry } from '@partnership-tracker/core';
import { parseLocalDate } from '../../parse/index.js';
import { findSubgroup } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';
import { personCell } from './subgroups.js';

/** Imports meeting registers: one attendee of one meeting per row, matched on meeting and person. */
export const attendanceImporter: Importer = {
  entity: 'attendance',
  rowMeaning: 'one attendee of one meeting',
  columns: [
    { name: 'subgroup', required: true, description: 'Whose meeting, by name or short name.' },
    { name: 'date', required: true, description: 'The day of the meeting (it must have been imported with `ptrack import meetings`).' },
    { name: 'person', required: false, description: "The attendee's email address. Leave blank for a guest and fill `guest`." },
    { name: 'guest', required: false, description: 'The name of a guest who is not in the people list.' },
    { name: 'status', required: true, description: '`present`, `apologies` or `absent`.' },
    { name: 'deputising_for', required: false, description: 'The email of the member this person stood in for; they count for that member\'s agency.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const registers = new Map<string, { entries: RegisterEntry[]; line: number }>();
    const timeZone = db.partnership.timeZone;
    const problems = readRows(rows, (reader, keys, row) => {
      const subgroupName = reader.required('subgroup');
      const date = reader.parsed('date', parseLocalDate, true);
      const personId = personCell(reader, db, 'person');
      const guestName = reader.optional('guest');
      const status = reader.required('status') === undefined ? undefined : reader.choice('status', AttendanceStatus.options);
      const deputisingForId = personCell(reader, db, 'deputising_for');
      if (personId === null && guestName === null) reader.problem('person', 'is blank; give the email of a person or the name of a guest');
      if (personId && guestName !== null) reader.problem('guest', 'fill either person or guest, not both');
      const subgroup = subgroupName === undefined ? undefined : findSubgroup(db, subgroupName);
      if (subgroupName !== undefined && !subgroup) reader.problem('subgroup', `unknown subgroup "${subgroupName}"`);
      const meeting = subgroup && date ? db.meetings.find((m) => m.subgroupId === subgroup.id && localDateOf(m.start, timeZone) === date) : undefined;
      if (subgroup && date && !meeting) reader.problem('date', `${subgroup.shortName} has no meeting on ${date}; import it with \`ptrack import meetings\` first`);
      else if (meeting?.status === 'cancelled') reader.problem('date', `the ${subgroup!.shortName} meeting on ${date} was cancelled; it has no register`);
      else if (meeting && Date.parse(meeting.start) > Date.parse(options.now)) reader.problem('date', `the ${subgroup!.shortName} meeting on ${date} has not happened yet`);
      if (!meeting || !status || personId === undefined || deputisingForId === undefined || !reader.valid) return;
      const who = personId ?? `guest:${guestName!.toLowerCase()}`;
      if (!keys.claim(reader, personId ? 'person' : 'guest', `${meeting.id}|${who}`, `attendee (already on this meeting's register)`)) return;
      const register = registers.get(meeting.id) ?? { entries: [], line: row.line };
      register.entries.push({ personId, guestName: personId ? null : guestName, status, deputisingForId });
      registers.set(meeting.id, register);
    });
    for (const [meetingId, { entries, line }] of registers) {
      commands.push({ command: { type: 'attendance.record', meetingId, entries }, line });
    }
    return { commands, problems };
  },
};

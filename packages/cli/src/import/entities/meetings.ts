import { MeetingStatus, zonedTimeToInstant, type Meeting } from '@partnership-tracker/core';
import { parseLocalDate, parseTimeOfDay } from '../../parse/index.js';
import { findSubgroup } from '../directory.js';
import { readRows, type Importer, type PlannedCommand } from '../importer.js';

/** The id of a subgroup's meeting on a day: a subgroup meets at most once a day. */
export function meetingId(subgroupId: string, date: string): string {
  return `${subgroupId}-${date}`;
}

/** Renders an instant as stored: ISO 8601 UTC without milliseconds. */
export function instantText(instant: Date): string {
  return instant.toISOString().replace('.000Z', 'Z');
}

/** Imports meetings: one meeting per row, matched on subgroup and date. */
export const meetingsImporter: Importer = {
  entity: 'meetings',
  rowMeaning: 'one meeting',
  columns: [
    { name: 'subgroup', required: true, description: 'Whose meeting it is, by name or short name.' },
    { name: 'date', required: true, description: 'The day it is held; with the subgroup, this identifies the meeting.' },
    { name: 'start', required: true, description: "Start time on the partnership's clock (UK time), 24-hour: `10:00`." },
    { name: 'end', required: true, description: 'End time, 24-hour.' },
    { name: 'title', required: false, description: "A title, when not just the subgroup's name." },
    { name: 'location', required: false, description: 'Where it is held.' },
    { name: 'link', required: false, description: 'The online meeting link (https://…).' },
    { name: 'status', required: false, description: '`scheduled` (default), `held` or `cancelled`.' },
  ],
  plan(rows, db) {
    const commands: PlannedCommand[] = [];
    const timeZone = db.partnership.timeZone;
    const problems = readRows(rows, (reader, keys, row) => {
      const subgroupName = reader.required('subgroup');
      const date = reader.parsed('date', parseLocalDate, true);
      const start = reader.parsed('start', parseTimeOfDay, true);
      const end = reader.parsed('end', parseTimeOfDay, true);
      const title = reader.optional('title');
      const location = reader.optional('location');
      const link = reader.parsed('link', (text) =>
        URL.canParse(text) && /^https?:/i.test(text) ? { success: true, data: text } : { success: false, error: { code: 'input.bad_link', message: `"${text}" is not a web address (https://…)` } },
      );
      const status = reader.choice('status', MeetingStatus.options);
      const subgroup = subgroupName === undefined ? undefined : findSubgroup(db, subgroupName);
      if (subgroupName !== undefined && !subgroup) reader.problem('subgroup', `unknown subgroup "${subgroupName}"; import it with \`ptrack import subgroups\` first`);
      if (start && end && end <= start) reader.problem('end', `${end} is not after the start (${start})`);
      if (!subgroup || !date || !start || !end || link === undefined || status === undefined || !reader.valid) return;
      const id = meetingId(subgroup.id, date);
      if (!keys.claim(reader, 'date', id, `meeting (${subgroup.shortName} already meets on ${date})`)) return;
      const existing = db.meetings.find((m) => m.id === id);
      const meeting: Meeting = {
        id,
        subgroupId: subgroup.id,
        title: title ?? existing?.title ?? null,
        start: instantText(zonedTimeToInstant(date, start, timeZone)),
        end: instantText(zonedTimeToInstant(date, end, timeZone)),
        location: location ?? existing?.location ?? null,
        link: link ?? existing?.link ?? null,
        status: status ?? existing?.status ?? 'scheduled',
      };
      commands.push({ command: { type: 'meeting.upsert', meeting }, line: row.line });
    });
    return { commands, problems };
  },
};

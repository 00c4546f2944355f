import { NOT_ON_REGISTER, RECORD_ATTENDANCE_VERB, registerInputIds } from '../../app/forms.js';
import type { RegisterRow } from '../../app/register.js';
import type { RegisterView } from '../../app/views.js';
import { adaptiveCard, execute, text, type CardElement } from './elements.js';

/**
 * The chair's register for one meeting: every member agency's people with present / apologies /
 * absent (or left off), who they deputise for, and guests; pre-filled with what is recorded.
 *
 * A `compact` card gives each person one dropdown labelled with their name, and no "deputising
 * for" column: a line is a third of the size. A group of 16 agencies with four people each is
 * 68 KB of card in full, over what Teams accepts in one message, and 25 KB compact. The deputies
 * already recorded then travel in the button's data under the ids the inputs would have, so the
 * submission keeps them.
 */
export function createAttendanceCard(view: RegisterView, compact = false): Record<string, unknown> {
  const { subgroup, meeting, when, groups, guests } = view;
  const body: CardElement[] = [
    text(`Register: ${subgroup.name}`, { heading: true }),
    text(`${meeting.title ?? 'Meeting'}, ${when}`, { subtle: true, spacing: 'none' }),
    text(
      compact
        ? 'Mark each person. Leave "—" for people who were not expected at this meeting. This group has too many people to show who deputised for whom in one Teams message: deputies already recorded are kept, and the business team can record others.'
        : 'Mark each person. Leave "—" for people who were not expected at this meeting; a deputy counts for the agency of the person they stand in for.',
      { subtle: true },
    ),
  ];
  const status = (row: RegisterRow, label: string): CardElement => ({
    type: 'Input.ChoiceSet',
    id: registerInputIds.status(row.person.id),
    label,
    style: 'compact',
    value: row.status ?? NOT_ON_REGISTER,
    choices: [
      { title: '—', value: NOT_ON_REGISTER },
      { title: 'Present', value: 'present' },
      { title: 'Apologies', value: 'apologies' },
      { title: 'Absent', value: 'absent' },
    ],
  });
  const kept: Record<string, string> = {};
  for (const group of groups) {
    body.push(text(group.agency?.name ?? 'Others on the register', { weight: 'bolder', separator: true, spacing: 'medium' }));
    for (const row of group.rows) {
      const roles = row.person.roleTitles.join(', ');
      if (compact) {
        body.push(status(row, roles ? `${row.person.name} (${roles})` : row.person.name));
        if (row.deputisingForId !== null) kept[registerInputIds.deputy(row.person.id)] = row.deputisingForId;
        continue;
      }
      const columns: CardElement[] = [
        { type: 'Column', width: 'stretch', items: [text(row.person.name), ...(roles ? [text(roles, { subtle: true, spacing: 'none' })] : [])] },
        { type: 'Column', width: 'stretch', items: [status(row, 'Attendance')] },
      ];
      if (row.colleagues.length > 0) {
        columns.push({
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.ChoiceSet',
              id: registerInputIds.deputy(row.person.id),
              label: 'Deputising for',
              style: 'compact',
              placeholder: 'Not deputising',
              value: row.deputisingForId ?? '',
              choices: row.colleagues.map((c) => ({ title: c.name, value: c.id })),
            },
          ],
        });
      }
      body.push({ type: 'ColumnSet', columns });
    }
  }
  body.push({
    type: 'Input.Text',
    id: registerInputIds.guests,
    label: 'Guests with no agency, one per line (recorded as present)',
    isMultiline: true,
    value: guests.join('\n'),
    separator: true,
  });
  return adaptiveCard(body, [execute('Record attendance', RECORD_ATTENDANCE_VERB, { meetingId: meeting.id, ...kept }, 'positive')]);
}

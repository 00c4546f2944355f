import { NOT_ON_REGISTER, RECORD_ATTENDANCE_VERB, registerInputIds } from '../../app/forms.js';
import type { RegisterRow } from '../../app/register.js';
import type { RegisterView } from '../../app/views.js';
import { adaptiveCard, execute, text, type CardElement } from './elements.js';

/**
 * How the register card names deputies, fullest first:
 * - `full`: a "deputising for" dropdown beside every person;
 * - `deputyPairs`: one dropdown per person, then a few "who deputised / for whom" pairs (the
 *   deputies recorded and two blank), so the list of the partnership's people is in the card a
 *   few times rather than once per line;
 * - `compact`: one dropdown per person and no deputy inputs; the deputies already recorded travel
 *   in the button's data, so the submission keeps them.
 */
export type RegisterLayout = 'full' | 'deputyPairs' | 'compact';

/** The layouts to try, fullest first. */
export const REGISTER_LAYOUTS: readonly RegisterLayout[] = ['full', 'deputyPairs', 'compact'];

/** Blank deputy pairs offered beside the recorded ones in the `deputyPairs` layout. */
const BLANK_DEPUTY_PAIRS = 2;

/**
 * The chair's register for one meeting: every member agency's people with present / apologies /
 * absent (or left off), who they deputise for, and guests; pre-filled with what is recorded.
 *
 * Anyone active in the partnership on the day can be named as the one deputised for, listed by
 * agency ("Public Health — Consultant in Public Health"): a deputy counts for the agency of the
 * person they stand in for, which is seldom their own. The dropdowns are typeahead (`filtered`),
 * so a chair types part of an agency or a name. A group of 16 agencies with four people each has
 * too many lines for a dropdown of everyone beside each in one Teams message: see
 * `RegisterLayout` for how the card steps down.
 */
export function createAttendanceCard(view: RegisterView, layout: RegisterLayout = 'full'): Record<string, unknown> {
  const { subgroup, meeting, when, groups, guests } = view;
  const body: CardElement[] = [
    text(`Register: ${subgroup.name}`, { heading: true }),
    text(`${meeting.title ?? 'Meeting'}, ${when}`, { subtle: true, spacing: 'none' }),
    text(
      layout === 'compact'
        ? 'Mark each person. Leave "—" for people who were not expected at this meeting. This group has too many people to show who deputised for whom in one Teams message: deputies already recorded are kept, and the business team can record others.'
        : 'Mark each person. Leave "—" for people who were not expected at this meeting; a deputy counts for the agency of the person they stand in for.',
      { subtle: true },
    ),
  ];
  const candidates = view.deputyCandidates.flatMap((group) =>
    group.people.map((person) => ({ id: person.id, title: `${group.agency?.name ?? 'No agency'} — ${person.name}` })),
  );
  const deputisedFor = (id: string, label: string, value: string | null, except: string | null): CardElement => ({
    type: 'Input.ChoiceSet',
    id,
    label,
    style: 'filtered',
    placeholder: 'Not deputising',
    value: value ?? '',
    choices: candidates.filter((c) => c.id !== except).map((c) => ({ title: c.title, value: c.id })),
  });
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
  const rows = groups.flatMap((group) => group.rows);
  for (const group of groups) {
    body.push(text(group.agency?.name ?? 'Others on the register', { weight: 'bolder', separator: true, spacing: 'medium' }));
    for (const row of group.rows) {
      const roles = row.person.roleTitles.join(', ');
      if (layout !== 'full') {
        body.push(status(row, roles ? `${row.person.name} (${roles})` : row.person.name));
        if (layout === 'compact' && row.deputisingForId !== null) kept[registerInputIds.deputy(row.person.id)] = row.deputisingForId;
        continue;
      }
      body.push({
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [text(row.person.name), ...(roles ? [text(roles, { subtle: true, spacing: 'none' })] : [])] },
          { type: 'Column', width: 'stretch', items: [status(row, 'Attendance')] },
          { type: 'Column', width: 'stretch', items: [deputisedFor(registerInputIds.deputy(row.person.id), 'Deputising for', row.deputisingForId, row.person.id)] },
        ],
      });
    }
  }
  if (layout === 'deputyPairs') {
    body.push(text('Deputies: who stood in for whom', { weight: 'bolder', separator: true, spacing: 'medium' }));
    const recorded = rows.filter((row) => row.deputisingForId !== null);
    const pairs = [...recorded.map((row) => ({ who: row.person.id, forId: row.deputisingForId })), ...Array.from({ length: BLANK_DEPUTY_PAIRS }, () => ({ who: null, forId: null }))];
    for (const [index, pair] of pairs.entries()) {
      const ids = registerInputIds.deputyPair(index);
      body.push({
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              {
                type: 'Input.ChoiceSet',
                id: ids.who,
                label: 'Deputy',
                style: 'filtered',
                placeholder: 'Who deputised',
                value: pair.who ?? '',
                choices: rows.map((row) => ({ title: row.person.name, value: row.person.id })),
              },
            ],
          },
          { type: 'Column', width: 'stretch', items: [deputisedFor(ids.forId, 'Deputising for', pair.forId, null)] },
        ],
      });
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

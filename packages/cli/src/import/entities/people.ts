import { PartnershipRole, type PersonFields } from '@partnership-tracker/core';
import { parseEmailList, parseLocalDate, splitList } from '../../parse/index.js';
import { findPersonByEmail, NewIds } from '../directory.js';
import { AgencyResolver, readRows, type Importer, type PlannedCommand } from '../importer.js';
import { matchChoice } from '../rowReader.js';

/** Imports people: one person per row, matched on their email address. */
export const peopleImporter: Importer = {
  entity: 'people',
  rowMeaning: 'one person',
  columns: [
    { name: 'name', required: true, description: 'Their name (the examples name people by role, e.g. `Head of Quality Assurance`).' },
    { name: 'email', required: true, description: 'Their work email: the key that matches a person on re-import and in `--as`, `--present`, `--person`.' },
    { name: 'agency', required: false, description: 'The agency they represent, by name or alias; blank for a guest with no agency. A different agency for someone already imported is a move: registers already recorded keep counting for the agency of the time.' },
    { name: 'agency_from', required: false, description: 'The day a move to that agency takes effect (default: the day of the import).' },
    { name: 'role_titles', required: false, description: 'Job titles, separated by `;`.' },
    { name: 'roles', required: false, description: `Partnership roles, separated by \`;\`: ${PartnershipRole.options.join(', ')}.` },
    { name: 'teams_id', required: false, description: 'Their Microsoft Entra (AAD) object id, which the Teams bot matches them on.' },
    { name: 'slack_id', required: false, description: 'Their Slack user id.' },
    {
      name: 'preferred_chat',
      required: false,
      description:
        'Where their reminders go when the bot answers in both Teams and Slack and reaches them on both: `teams` or `slack`; `latest` for where they last began talking to the bot (the default; blank keeps what is recorded).',
    },
    { name: 'active', required: false, description: '`yes` (default) or `no` for someone who has left.' },
  ],
  plan(rows, db, options) {
    const commands: PlannedCommand[] = [];
    const agencies = new AgencyResolver(db, options, commands);
    const ids = new NewIds(db.people.map((p) => p.id));
    const problems = readRows(rows, (reader, keys, row) => {
      const name = reader.required('name');
      const emails = reader.parsed('email', parseEmailList, true);
      const agencyName = reader.optional('agency');
      const agencyFrom = reader.parsed('agency_from', parseLocalDate);
      const roleTitles = reader.optional('role_titles');
      const roles = reader.parsed('roles', (text) => {
        const out: PartnershipRole[] = [];
        for (const word of splitList(text, /[;,]/)) {
          const role = matchChoice(word, PartnershipRole.options);
          if (!role.success) return role;
          out.push(role.data);
        }
        return { success: true, data: out };
      });
      const teamsId = reader.optional('teams_id');
      const slackId = reader.optional('slack_id');
      const preferredChat = reader.choice('preferred_chat', ['teams', 'slack', 'latest'] as const);
      const active = reader.flag('active');
      if (emails !== undefined && emails.length !== 1) reader.problem('email', 'needs exactly one email address');
      const email = emails?.[0];
      if (name === undefined || email === undefined || !keys.claim(reader, 'email', email, 'email address')) return;
      const agencyId = agencyName === null ? null : agencies.resolve(reader, 'agency', agencyName);
      if (!reader.valid || agencyId === undefined || agencyFrom === undefined) return;
      const existing = findPersonByEmail(db, email);
      const person: PersonFields = {
        // Matched on the exact address only: a new address is a new person, with an id of their own.
        id: existing?.id ?? ids.for(email.replace('@', ' at ')),
        name,
        email,
        agencyId,
        roleTitles: roleTitles === null ? (existing?.roleTitles ?? []) : splitList(roleTitles),
        roles: roles ?? existing?.roles ?? [],
        teamsAadObjectId: teamsId ?? existing?.teamsAadObjectId ?? null,
        slackUserId: slackId ?? existing?.slackUserId ?? null,
        preferredChat: preferredChat === 'latest' ? null : (preferredChat ?? existing?.preferredChat ?? null),
        active: active ?? existing?.active ?? true,
      };
      commands.push({ command: { type: 'person.upsert', person, agencyFrom }, line: row.line });
    });
    return { commands, problems };
  },
};

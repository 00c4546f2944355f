import { fail, ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, type DataFlags } from '../dataStore.js';
import type { Io } from '../io.js';

/** The flags of `ptrack workspaces`. */
export interface WorkspacesFlags extends DataFlags {
  readonly teamsTenants?: string;
  readonly slackWorkspaces?: string;
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/**
 * `ptrack workspaces`: the Teams tenants and Slack workspaces in which the bot answers for a
 * partnership of a database (how one bot deployment routes each activity to its partnership).
 * With --teams-tenants or --slack-workspaces, replaces that list; then shows them all.
 */
export async function workspacesCommand(flags: WorkspacesFlags, io: Io): Promise<Result<void>> {
  const address = resolveDataAddress(flags, io);
  if (address.kind === 'file') {
    return fail('usage.workspaces_need_database', 'A data file serves one partnership: its bot answers in the tenants PTRACK_BOT_ALLOWED_TENANTS names. `ptrack workspaces` is for a database of several (--data URL).');
  }
  const { PgPartnerships } = await import('@partnership-tracker/core/node');
  const connected = await PgPartnerships.connect(address.url);
  if (!connected.success) return connected;
  const partnerships = connected.data;
  try {
    const chosen = await partnerships.choose(address.partnership);
    if (!chosen.success) return chosen;
    const partnership = chosen.data;
    for (const [channel, given] of [
      ['teams', flags.teamsTenants],
      ['slack', flags.slackWorkspaces],
    ] as const) {
      if (given === undefined) continue;
      const set = await partnerships.setChatWorkspaces(partnership, channel, list(given));
      if (!set.success) return set;
    }
    const all = await partnerships.chatWorkspaces();
    if (!all.success) return all;
    const mine = all.data.filter((w) => w.partnership === partnership);
    const names = (channel: string) => mine.filter((w) => w.channel === channel).map((w) => w.workspaceId).join(', ') || '(none)';
    io.stdout(`${partnership}\nTeams tenants: ${names('teams')}\nSlack workspaces: ${names('slack')}\n`);
    return ok(undefined);
  } finally {
    await partnerships.close();
  }
}

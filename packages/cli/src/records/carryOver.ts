import { applyCommands, carryOverCommands, fail, nameKey, ok, type BusinessPlan, type CommandInput, type Database, type Result, type Store } from '@partnership-tracker/core';
import { actorFor } from './actor.js';

/** A carry-over as typed on the command line: the plans by name or by the years in their names. */
export interface CarryOverRequest {
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly asEmail?: string;
}

// "2025–27" and "2025-27" are the same plan to the people typing them.
const looseKey = (text: string): string => nameKey(text).replace(/[\u2010-\u2015\u2212]/g, '-');

/**
 * The plan a flag names: by id or whole name, else the one plan whose name contains the text
 * ("2024/25" for "CSCP Business Plan 2024/25"). None or several is a usage error listing the plans.
 */
export function planNamed(db: Database, text: string, flag: string): Result<BusinessPlan> {
  const key = looseKey(text);
  const exact = db.plans.find((p) => p.id === text || looseKey(p.name) === key);
  if (exact) return ok(exact);
  const matches = key === '' ? [] : db.plans.filter((p) => looseKey(p.name).includes(key));
  if (matches.length === 1) return ok(matches[0]!);
  const known = db.plans.map((p) => p.name).join('; ') || 'none';
  if (matches.length === 0) return fail('input.unknown_plan', `${flag} ${text}: there is no such plan (there are: ${known}).`);
  return fail('input.ambiguous_plan', `${flag} ${text}: several plans match (${matches.map((p) => p.name).join('; ')}); give more of the name.`);
}

/**
 * Carries a plan's unfinished actions into another plan through core's `carryOverCommands`:
 * each gets a linked action in the new plan, and a note in its own history saying where it
 * went. Returns what was (or, with `dryRun`, would be) carried, one action a line.
 */
export async function carryOver(store: Store, request: CarryOverRequest, at: string): Promise<Result<string>> {
  const db = await store.read();
  const actor = actorFor(db, request.asEmail);
  if (!actor.success) return actor;
  const from = planNamed(db, request.from, '--from');
  if (!from.success) return from;
  const to = planNamed(db, request.to, '--to');
  if (!to.success) return to;
  const planned = carryOverCommands(db, from.data.id, to.data.id);
  if (!planned.success) return planned;
  const creates = planned.data.filter((c): c is Extract<CommandInput, { type: 'action.create' }> => c.type === 'action.create');
  if (creates.length === 0) {
    const carried = db.actions.filter((a) => a.planId === to.data.id && a.carriedOverFrom?.planId === from.data.id).length;
    return ok(`${from.data.name} has no unfinished action left to carry over${carried > 0 ? ` (${carried} already carried over to ${to.data.name})` : ''}; nothing changed.`);
  }
  const notes: CommandInput[] = creates.map((c) => ({ type: 'action.update', ref: c.action.carriedOverFrom!.ref, note: `Carried over to ${to.data.name} as ${c.action.ref}.` }));
  const commands = [...creates, ...notes];
  const lines = creates.map((c) => {
    const priority = to.data.priorities.find((p) => p.id === c.action.priorityId)?.title;
    return `  ${c.action.carriedOverFrom!.ref} → ${c.action.ref}: ${c.action.title} (${c.action.progress}% ${c.action.status}; ${priority ? `priority: ${priority}` : 'no matching priority in the new plan'})`;
  });
  const count = `${creates.length} unfinished ${creates.length === 1 ? 'action' : 'actions'}`;
  if (request.dryRun) {
    const trial = applyCommands(db, commands, { actor: actor.data, at });
    if (!trial.success) return trial;
    return ok([`Would carry ${count} over from ${from.data.name} to ${to.data.name}:`, ...lines, 'Nothing was written (--dry-run).'].join('\n'));
  }
  const committed = await store.commit(commands, { actor: actor.data, at });
  if (!committed.success) return committed;
  return ok([`Carried ${count} over from ${from.data.name} to ${to.data.name}:`, ...lines].join('\n'));
}

import { emptyDatabase, fail, ok, type Result } from '@partnership-tracker/core';
import { createPartnership, resolveDataAddress } from '../dataStore.js';
import type { Io } from '../io.js';

/** The flags of `ptrack init`. */
export interface InitFlags {
  readonly data?: string;
  readonly partnership?: string;
  readonly name?: string;
  readonly area?: string;
  readonly force?: boolean;
  readonly example?: boolean;
}

/**
 * `ptrack init`: creates a new, empty partnership (asking for its name and area only when not
 * given), as a data file or as a partnership of a PostgreSQL database.
 */
export async function initCommand(flags: InitFlags, io: Io): Promise<Result<void>> {
  const address = resolveDataAddress(flags, io);
  if (flags.example) {
    if (flags.name !== undefined || flags.area !== undefined) return fail('usage.example_named', '--example writes the example partnership as it is; leave out --name and --area.');
    const { examplePartnership } = await import('@partnership-tracker/core');
    const example = examplePartnership();
    const created = await createPartnership(address, example, flags.force === true);
    if (!created.success) return created;
    io.stdout(`Created ${created.data} with the example partnership (${example.partnership.name}): ${example.agencies.length} agencies, ${example.people.length} people, ${example.meetings.length} meetings, ${example.actions.length} actions.\n`);
    return ok(undefined);
  }
  if (address.kind === 'postgres' && address.partnership === undefined) {
    return fail('usage.partnership_needed', 'Say which partnership to create in the database with --partnership SLUG (e.g. croydon-scp).');
  }
  let name = flags.name?.trim();
  let area = flags.area?.trim();
  if ((!name || !area) && io.ask) {
    name ||= await io.ask('Name of the partnership (e.g. Croydon Safeguarding Children Partnership): ');
    area ||= await io.ask('Area it covers (e.g. London Borough of Croydon): ');
  }
  if (!name || !area) return fail('usage.init_needs_name', 'Give the partnership a --name and an --area, e.g. ptrack init --name "Croydon Safeguarding Children Partnership" --area Croydon');
  const created = await createPartnership(address, emptyDatabase({ name, area }), flags.force === true);
  if (!created.success) return created;
  io.stdout(`Created ${created.data} for ${name}.\nNext: import your agencies, e.g. ptrack import agencies agencies.csv\n`);
  return ok(undefined);
}

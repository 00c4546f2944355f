import { emptyDatabase, fail, ok, type Database, type Result } from '@partnership-tracker/core';
import { createDataFile as writeDataFile, resolveDataPath } from '../dataFile.js';
import type { Io } from '../io.js';

/** The flags of `ptrack init`. */
export interface InitFlags {
  readonly data?: string;
  readonly name?: string;
  readonly area?: string;
  readonly force?: boolean;
  readonly example?: boolean;
}

/** Writes the new file, adding how to replace it when one is already there. */
async function createDataFile(path: string, db: Database, force: boolean): Promise<Result<void>> {
  const created = await writeDataFile(path, db, force);
  if (created.success || created.error.code !== 'store.exists') return created;
  return fail(created.error.code, `${created.error.message} Add --force to replace it (its data will be lost).`);
}

/** `ptrack init`: creates a new, empty partnership's data file (asking for its name and area only when not given). */
export async function initCommand(flags: InitFlags, io: Io): Promise<Result<void>> {
  const path = resolveDataPath(flags.data, io);
  if (flags.example) {
    if (flags.name !== undefined || flags.area !== undefined) return fail('usage.example_named', '--example writes the example partnership as it is; leave out --name and --area.');
    const { examplePartnership } = await import('@partnership-tracker/core');
    const example = examplePartnership();
    const created = await createDataFile(path, example, flags.force === true);
    if (!created.success) return created;
    io.stdout(`Created ${path} with the example partnership (${example.partnership.name}): ${example.agencies.length} agencies, ${example.people.length} people, ${example.meetings.length} meetings, ${example.actions.length} actions.\n`);
    return ok(undefined);
  }
  let name = flags.name?.trim();
  let area = flags.area?.trim();
  if ((!name || !area) && io.ask) {
    name ||= await io.ask('Name of the partnership (e.g. Croydon Safeguarding Children Partnership): ');
    area ||= await io.ask('Area it covers (e.g. London Borough of Croydon): ');
  }
  if (!name || !area) return fail('usage.init_needs_name', 'Give the partnership a --name and an --area, e.g. ptrack init --name "Croydon Safeguarding Children Partnership" --area Croydon');
  const created = await createDataFile(path, emptyDatabase({ name, area }), flags.force === true);
  if (!created.success) return created;
  io.stdout(`Created ${path} for ${name}.\nNext: import your agencies, e.g. ptrack import agencies agencies.csv\n`);
  return ok(undefined);
}

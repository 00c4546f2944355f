import { emptyDatabase, fail, ok, type Result } from '@partnership-tracker/core';
import { createDataFile, resolveDataPath } from '../dataFile.js';
import type { Io } from '../io.js';

/** The flags of `ptrack init`. */
export interface InitFlags {
  readonly data?: string;
  readonly name?: string;
  readonly area?: string;
  readonly force?: boolean;
}

/** `ptrack init`: creates a new, empty partnership's data file (asking for its name and area only when not given). */
export async function initCommand(flags: InitFlags, io: Io): Promise<Result<void>> {
  const path = resolveDataPath(flags.data, io);
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

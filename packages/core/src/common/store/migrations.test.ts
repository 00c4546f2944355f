import { describe, expect, it } from 'vitest';
import { migrate, migrations, type Migration } from './migrations.js';
import { CURRENT_SCHEMA_VERSION } from './database.js';

/** A test chain: v1 called actions "tasks"; v2 kept the area inside the partnership under "region". */
const chain: Record<number, Migration> = {
  1: ({ tasks, ...rest }) => ({ ...rest, actions: tasks ?? [] }),
  2: (data) => {
    const partnership = data.partnership as Record<string, unknown>;
    const { region, ...kept } = partnership;
    return { ...data, partnership: { ...kept, area: region } };
  },
};

describe('migrating a data file', () => {
  it('runs each step in order from the file version to the target, stamping each version', () => {
    const result = migrate({ version: 1, partnership: { name: 'P', region: 'Croydon' }, tasks: [{ ref: 'A-1' }] }, chain, 3);
    expect(result).toEqual({
      success: true,
      data: { from: 1, data: { version: 3, partnership: { name: 'P', area: 'Croydon' }, actions: [{ ref: 'A-1' }] } },
    });
  });

  it('starts part-way along the chain for a file that is only one version behind', () => {
    const result = migrate({ version: 2, partnership: { name: 'P', region: 'Sutton' }, actions: [] }, chain, 3);
    expect(result.success && result.data).toEqual({ from: 2, data: { version: 3, partnership: { name: 'P', area: 'Sutton' }, actions: [] } });
  });

  it('leaves a current file as it is', () => {
    const data = { version: CURRENT_SCHEMA_VERSION, partnership: {} };
    expect(migrate(data)).toEqual({ success: true, data: { from: CURRENT_SCHEMA_VERSION, data } });
  });

  it('does not change the object it was given', () => {
    const data = { version: 1, partnership: { name: 'P', region: 'Croydon' }, tasks: [] };
    const before = structuredClone(data);
    migrate(data, chain, 3);
    expect(data).toEqual(before);
  });

  it.each<[string, unknown, string]>([
    ['a newer version', { version: CURRENT_SCHEMA_VERSION + 1 }, 'store.newer_version'],
    ['no version', { partnership: {} }, 'store.no_version'],
    ['a fractional version', { version: 1.5 }, 'store.no_version'],
    ['an array', [], 'store.not_an_object'],
    ['null', null, 'store.not_an_object'],
    ['a version with no migration', { version: 0 }, 'store.no_migration'],
  ])('refuses %s', (_what, data, code) => {
    const result = migrate(data, migrations);
    expect(result.success ? 'migrated' : result.error.code).toBe(code);
  });

  it('tells the user to upgrade when the file is newer than the program', () => {
    const result = migrate({ version: 7 }, chain, 3);
    expect(result.success ? null : result.error.message).toMatchInlineSnapshot(`"version: 7 is newer than this program understands (3); upgrade Partnership Tracker"`);
  });
});

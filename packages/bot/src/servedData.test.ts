import { unwrap } from '@partnership-tracker/core';
import { createScratchDatabase, PgPartnerships, TEST_DATABASE_VARIABLE } from '@partnership-tracker/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulerDatabase } from './scheduler/__fixtures__/schedulerFixtures.js';
import { openServedData } from './servedData.js';

let url: string;
let partnerships: PgPartnerships;

beforeAll(async () => {
  url = await createScratchDatabase(process.env[TEST_DATABASE_VARIABLE]!);
  partnerships = unwrap(await PgPartnerships.connect(url));
});

afterAll(async () => {
  await partnerships?.close();
});

describe('what the bot serves from a database', () => {
  it('serves the only partnership of a database as one, and every partnership of a database of several, routed by tenant', async () => {
    unwrap(await partnerships.create('croydon-scp', schedulerDatabase()));
    const alone = unwrap(await openServedData(url, null));
    expect([alone.kind, alone.label]).toEqual(['one', expect.stringMatching(/^partnership "croydon-scp" in postgresql:/)]);
    await alone.close();

    unwrap(await partnerships.create('sutton-scp', schedulerDatabase()));
    unwrap(await partnerships.setChatWorkspaces('croydon-scp', 'teams', ['tenant-croydon']));
    unwrap(await partnerships.setChatWorkspaces('sutton-scp', 'teams', ['tenant-sutton']));
    unwrap(await partnerships.setChatWorkspaces('sutton-scp', 'slack', ['T-SUTTON']));
    const many = unwrap(await openServedData(url, null));
    try {
      if (many.kind !== 'many') throw new Error('expected several partnerships');
      expect([...many.directory.stores.keys()]).toEqual(['croydon-scp', 'sutton-scp']);
      expect(Object.fromEntries(await many.directory.teamsTenants())).toEqual({ 'tenant-croydon': 'croydon-scp', 'tenant-sutton': 'sutton-scp' });
      expect(many.label).toMatch(/^2 partnerships in postgresql:/);
    } finally {
      await many.close();
    }

    const chosen = unwrap(await openServedData(url, 'sutton-scp'));
    expect(chosen.kind).toBe('one');
    await chosen.close();
  });
});

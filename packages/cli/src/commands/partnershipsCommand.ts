import { ok, type Result } from '@partnership-tracker/core';
import { resolveDataAddress, withDataStore, type DataFlags } from '../dataStore.js';
import type { Io } from '../io.js';

/** `ptrack partnerships`: the partnerships a database holds (a data file holds one), one a line. */
export async function partnershipsCommand(flags: DataFlags, io: Io): Promise<Result<void>> {
  const address = resolveDataAddress(flags, io);
  if (address.kind === 'file') {
    return withDataStore(address, async (store) => {
      const db = await store.read();
      io.stdout(`${address.path}\t${db.partnership.name}\t${db.partnership.area}\trevision ${db.revision}\n`);
      return ok(undefined);
    });
  }
  const { PgPartnerships } = await import('@partnership-tracker/core/node');
  const connected = await PgPartnerships.connect(address.url);
  if (!connected.success) return connected;
  try {
    const listed = await connected.data.list();
    if (!listed.success) return listed;
    if (listed.data.length === 0) io.stderr(`${connected.data.address} holds no partnership yet. Create one with \`ptrack init --partnership SLUG\`.\n`);
    for (const p of listed.data) io.stdout(`${p.id}\t${p.name}\t${p.area}\trevision ${p.revision}\n`);
    return ok(undefined);
  } finally {
    await connected.data.close();
  }
}

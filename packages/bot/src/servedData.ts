import { fail, ok, type Result, type Store } from '@partnership-tracker/core';
import { describeDatabaseUrl, isDatabaseUrl, openFileStore, openPgStore, PgPartnerships, type PgStore } from '@partnership-tracker/core/node';
import type { PartnershipDirectory } from './server/server.js';

/** What one bot deployment serves: one partnership's store, or the many partnerships of a database. */
export type ServedData =
  | { readonly kind: 'one'; readonly store: Store; readonly label: string; close(): Promise<void> }
  | { readonly kind: 'many'; readonly directory: PartnershipDirectory; readonly label: string; close(): Promise<void> };

/**
 * Opens what the bot serves: a data file; one partnership of a database (`partnership`, or the
 * database's only one); or, when a database holds several and none is named, every partnership
 * in it, each answering in the Teams tenants recorded for it (`ptrack workspaces`). Labels never
 * show a password.
 */
export async function openServedData(data: string, partnership: string | null): Promise<Result<ServedData>> {
  if (!isDatabaseUrl(data)) {
    const store = await openFileStore(data);
    return store.success ? ok({ kind: 'one', store: store.data, label: data, close: () => store.data.close() }) : store;
  }
  const where = describeDatabaseUrl(data);
  const one = (store: PgStore): ServedData => ({ kind: 'one', store, label: `partnership "${store.partnership}" in ${where}`, close: () => store.close() });
  if (partnership !== null) {
    const store = await openPgStore(data, partnership);
    return store.success ? ok(one(store.data)) : store;
  }
  const connected = await PgPartnerships.connect(data);
  if (!connected.success) return connected;
  const partnerships = connected.data;
  const listed = await partnerships.list();
  if (!listed.success || listed.data.length <= 1) {
    await partnerships.close();
    if (!listed.success) return listed;
    const store = await openPgStore(data, undefined);
    return store.success ? ok(one(store.data)) : store;
  }
  const stores = new Map<string, Store>();
  const closeAll = async () => {
    await Promise.all([...stores.values()].map((store) => store.close()));
    await partnerships.close();
  };
  for (const { id } of listed.data) {
    const store = await partnerships.open(id);
    if (!store.success) {
      await closeAll();
      return fail(store.error.code, `partnership "${id}": ${store.error.message}`, store.error.details);
    }
    stores.set(id, store.data);
  }
  const directory: PartnershipDirectory = {
    stores,
    async teamsTenants() {
      const workspaces = await partnerships.chatWorkspaces();
      if (!workspaces.success) throw new Error(workspaces.error.message);
      return new Map(workspaces.data.filter((w) => w.channel === 'teams').map((w) => [w.workspaceId, w.partnership]));
    },
    async slackWorkspaces() {
      const workspaces = await partnerships.chatWorkspaces();
      if (!workspaces.success) throw new Error(workspaces.error.message);
      return new Map(workspaces.data.filter((w) => w.channel === 'slack').map((w) => [w.workspaceId, w.partnership]));
    },
  };
  return ok({ kind: 'many', directory, label: `${stores.size} partnerships in ${where}`, close: closeAll });
}

import pg from 'pg';
import { fail, ok, type Result } from '../../common/base/result.js';
import { parseWith } from '../../common/base/validation.js';
import { Database } from '../../common/store/database.js';
import { loadSnapshot, insertPartnership, PgStore, type PgConnection, type PgStoreInternals } from './pgStore.js';
import { migrateSqlSchema } from './sqlSchema.js';

/** What `ptrack partnerships` shows of each partnership in a database. */
export interface PartnershipSummary {
  readonly id: string;
  readonly name: string;
  readonly area: string;
  readonly revision: number;
}

/** The chat channels whose workspaces can be routed to a partnership. */
export type ChatChannel = 'teams' | 'slack';

/** A Teams tenant or Slack workspace, and the partnership whose bot answers in it. */
export interface ChatWorkspace {
  readonly channel: ChatChannel;
  /** The Microsoft Entra tenant id, or the Slack team id. */
  readonly workspaceId: string;
  readonly partnership: string;
}

/** How to connect. */
export interface PgConnectOptions {
  /** Lines node-pg-migrate reports while migrating the tables. */
  readonly log?: (line: string) => void;
  /** Connections kept open at most (default 10). */
  readonly maxConnections?: number;
}

/** A partnership's id in a database: a slug, as in a web address. */
export const PARTNERSHIP_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Whether a data address names a PostgreSQL database rather than a data file. */
export function isDatabaseUrl(address: string): boolean {
  return /^postgres(ql)?:\/\//i.test(address.trim());
}

/** A database URL as it may be shown: without its password (or any other secret parameter). */
export function describeDatabaseUrl(address: string): string {
  try {
    const url = new URL(address);
    url.password = '';
    for (const name of [...url.searchParams.keys()]) {
      if (/pass|key|secret|token/i.test(name)) url.searchParams.set(name, '…');
    }
    return url.toString();
  } catch {
    return 'the PostgreSQL database (its URL could not be read)';
  }
}

/**
 * The partnerships of one PostgreSQL database, through one connection pool: what the bot holds
 * to serve many partnerships, and what `ptrack partnerships`, `init` and `copy` use. Connecting
 * brings the tables up to date first (node-pg-migrate, under its advisory lock).
 */
export class PgPartnerships {
  private constructor(private readonly connection: PgConnection) {}

  /** Connects to the database at `url` (credentials from the URL or the standard PG* variables) and migrates its tables. */
  static async connect(url: string, options: PgConnectOptions = {}): Promise<Result<PgPartnerships>> {
    const address = describeDatabaseUrl(url);
    try {
      await migrateSqlSchema({ connectionString: url }, options.log);
    } catch (error) {
      return fail('store.unavailable', `Cannot use PostgreSQL at ${address}: ${(error as Error).message}`, { address });
    }
    // Pipelined: a commit sends its statements together and waits once for their answers.
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, application_name: 'partnership-tracker', pipeline: true });
    // An idle connection that the server drops must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return ok(new PgPartnerships({ pool, address }));
  }

  /** The database as shown in messages (no password). */
  get address(): string {
    return this.connection.address;
  }

  /** The partnerships in the database, by id. */
  async list(): Promise<Result<PartnershipSummary[]>> {
    return this.guard(async () => {
      const result = await this.connection.pool.query<{ id: string; revision: string; name: string | null; area: string | null }>(
        "SELECT id, revision, settings ->> 'name' AS name, settings ->> 'area' AS area FROM ptrack.partnerships ORDER BY id",
      );
      return ok(result.rows.map((row) => ({ id: row.id, name: row.name ?? '', area: row.area ?? '', revision: Number(row.revision) })));
    });
  }

  /** Adds a partnership holding `db` (validated first); refuses (`store.exists`) an id already taken. */
  async create(partnership: string, db: Database): Promise<Result<void>> {
    const id = checkId(partnership);
    if (!id.success) return id;
    const valid = parseWith(Database, db, 'store.invalid');
    if (!valid.success) return fail('store.invalid', `partnership "${partnership}": ${valid.error.message}`, { partnership, ...valid.error.details });
    return this.guard(() => insertPartnership(this.connection, partnership, valid.data));
  }

  /** Opens one partnership as a store that shares this pool; closing the store leaves the pool open. */
  async open(partnership: string, internals: PgStoreInternals = {}): Promise<Result<PgStore>> {
    return this.openWith(partnership, async () => {}, internals);
  }

  /**
   * The partnership a command means: `partnership` when given, else the database's only one.
   * Several and none chosen is refused with their ids, so that nobody changes the wrong one.
   */
  async choose(partnership: string | undefined): Promise<Result<string>> {
    if (partnership !== undefined) return checkId(partnership);
    const listed = await this.list();
    if (!listed.success) return listed;
    const ids = listed.data.map((p) => p.id);
    if (ids.length === 1) return ok(ids[0]!);
    if (ids.length === 0) return fail('store.not_found', `${this.address} holds no partnership yet. Create one with \`ptrack init --partnership SLUG\`.`);
    return fail('store.ambiguous', `${this.address} holds ${ids.length} partnerships (${ids.join(', ')}); choose one with --partnership or PTRACK_PARTNERSHIP.`, { partnerships: ids });
  }

  /** Every Teams tenant and Slack workspace a partnership of the database answers in. */
  async chatWorkspaces(): Promise<Result<ChatWorkspace[]>> {
    return this.guard(async () => {
      const result = await this.connection.pool.query<{ channel: ChatChannel; workspace_id: string; partnership_id: string }>(
        'SELECT channel, workspace_id, partnership_id FROM ptrack.chat_workspaces ORDER BY partnership_id, channel, workspace_id',
      );
      return ok(result.rows.map((row) => ({ channel: row.channel, workspaceId: row.workspace_id, partnership: row.partnership_id })));
    });
  }

  /**
   * Sets the Teams tenants (or Slack workspaces) a partnership's bot answers in, replacing its
   * previous list. A workspace another partnership answers in is refused (`store.conflict`)
   * and nothing changes: an activity must route to one partnership.
   */
  async setChatWorkspaces(partnership: string, channel: ChatChannel, workspaceIds: readonly string[]): Promise<Result<void>> {
    const id = checkId(partnership);
    if (!id.success) return id;
    const ids = [...new Set(workspaceIds.map((w) => w.trim()).filter((w) => w !== ''))];
    return this.guard(async () => {
      const client = await this.connection.pool.connect();
      try {
        await client.query('BEGIN');
        const head = await client.query('SELECT 1 FROM ptrack.partnerships WHERE id = $1 FOR UPDATE', [partnership]);
        if (head.rowCount !== 1) {
          await client.query('ROLLBACK');
          return fail('store.not_found', `There is no partnership "${partnership}" in ${this.address}.`, { partnership });
        }
        const taken = await client.query<{ workspace_id: string; partnership_id: string }>(
          'SELECT workspace_id, partnership_id FROM ptrack.chat_workspaces WHERE channel = $1 AND workspace_id = ANY($2::text[]) AND partnership_id <> $3 FOR UPDATE',
          [channel, ids, partnership],
        );
        const clash = taken.rows[0];
        if (clash !== undefined) {
          await client.query('ROLLBACK');
          const what = channel === 'teams' ? 'Teams tenant' : 'Slack workspace';
          return fail('store.conflict', `The ${what} ${clash.workspace_id} already answers for partnership "${clash.partnership_id}"; a ${what} answers for one partnership.`, { channel, workspaceId: clash.workspace_id, partnership: clash.partnership_id });
        }
        await client.query('DELETE FROM ptrack.chat_workspaces WHERE partnership_id = $1 AND channel = $2', [partnership, channel]);
        await client.query('INSERT INTO ptrack.chat_workspaces (channel, workspace_id, partnership_id) SELECT $1, unnest($2::text[]), $3', [channel, ids, partnership]);
        await client.query('COMMIT');
        return ok(undefined);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  /** Closes the pool; stores opened from it must be closed first. */
  async close(): Promise<void> {
    await this.connection.pool.end();
  }

  /** @internal `open`, with what to do when the store is closed. */
  async openWith(partnership: string, onClose: () => Promise<void>, internals: PgStoreInternals = {}): Promise<Result<PgStore>> {
    const id = checkId(partnership);
    if (!id.success) return id;
    return this.guard(async () => {
      const loaded = await loadSnapshot(this.connection, partnership, internals);
      if (!loaded.success) return loaded;
      return ok(new PgStore(this.connection, partnership, loaded.data, onClose, internals));
    });
  }

  private async guard<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await work();
    } catch (error) {
      return fail('store.unavailable', `PostgreSQL at ${this.address} failed: ${(error as Error).message}`, { address: this.address });
    }
  }
}

function checkId(partnership: string): Result<string> {
  if (PARTNERSHIP_ID.test(partnership)) return ok(partnership);
  return fail('store.invalid_partnership', `"${partnership}" cannot name a partnership: use lower-case letters, digits and hyphens (e.g. croydon-scp), at most 63.`, { partnership });
}

/**
 * Opens one partnership of the database at `url` as a store with a pool of its own, closed
 * with the store: what a CLI command uses. `partnership` may be left out when the database
 * holds only one.
 */
export async function openPgStore(url: string, partnership: string | undefined, options: PgConnectOptions & { internals?: PgStoreInternals } = {}): Promise<Result<PgStore>> {
  const connected = await PgPartnerships.connect(url, { maxConnections: 2, ...options });
  if (!connected.success) return connected;
  const partnerships = connected.data;
  const chosen = await partnerships.choose(partnership);
  const opened = chosen.success ? await partnerships.openWith(chosen.data, () => partnerships.close(), options.internals) : chosen;
  if (!opened.success) await partnerships.close();
  return opened;
}

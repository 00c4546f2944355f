import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL server of our own in a temporary directory, reached through a unix socket. */
export interface ThrowawayCluster {
  /** A URL of the cluster's `postgres` database, as the superuser `postgres`. */
  readonly url: string;
  /** The directory holding the data, the socket and the server's log. */
  readonly directory: string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** How to start a throwaway cluster. */
export interface ThrowawayClusterOptions {
  /**
   * Flush every commit to disk, as a production server does: for benchmarks. Off by default,
   * because a throwaway cluster's data is gone when it stops anyway.
   */
  readonly durable?: boolean;
}

/** Where PostgreSQL's server programs are: `initdb` on PATH, else Debian's newest packaged version. */
export function findServerPrograms(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const packaged = '/usr/lib/postgresql';
  if (!existsSync(packaged)) return null;
  const versions = readdirSync(packaged)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(packaged, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(packaged, versions[0], 'bin');
}

/** What to say when there is no server to test or try things against. */
export const NO_SERVER_HELP =
  'No PostgreSQL server programs (initdb, pg_ctl) were found on PATH or in /usr/lib/postgresql/*/bin. ' +
  'Install them (Debian: apt-get install postgresql), or set PTRACK_TEST_DATABASE_URL to a database whose login may create databases.';

/**
 * The user the server runs as: PostgreSQL refuses to run as root, so root hands it to the
 * unprivileged `postgres` account that Debian's packages create.
 */
async function serverAccount(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('Running as root, and there is no `postgres` user to run a throwaway PostgreSQL as (initdb refuses root). Create one (useradd --system postgres) or run as another user.');
  }
}

const PREFIX = 'ptrack-pg-';
const OWNER_FILE = 'owner.pid';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and removes the throwaway clusters of processes that died without stopping them (a
 * test run killed half-way): the machine is shared, and each holds a server and its memory.
 */
async function stopAbandonedClusters(bin: string, account: { uid: number; gid: number } | null): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of entries.filter((entry) => entry.startsWith(PREFIX))) {
    const directory = join(tmpdir(), name);
    const owner = Number((await readFile(join(directory, OWNER_FILE), 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(owner) || owner <= 0 || isRunning(owner)) continue;
    const as = account === null ? {} : { uid: account.uid, gid: account.gid };
    await run(join(bin, 'pg_ctl'), ['-D', join(directory, 'data'), '-m', 'immediate', '-w', 'stop'], { ...as, cwd: tmpdir() }).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Starts a private PostgreSQL cluster in a new temporary directory: trust authentication,
 * no TCP listener, its socket inside the directory. For tests and local trials only.
 */
export async function startThrowawayCluster(options: ThrowawayClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = findServerPrograms();
  if (bin === null) throw new Error(NO_SERVER_HELP);
  const account = await serverAccount();
  await stopAbandonedClusters(bin, account);
  // Short: a unix socket's path is limited to about 100 bytes.
  const directory = await mkdtemp(join(tmpdir(), PREFIX));
  await writeFile(join(directory, OWNER_FILE), `${process.pid}\n`);
  const as = account === null ? {} : { uid: account.uid, gid: account.gid };
  if (account !== null) await chown(directory, account.uid, account.gid);
  const data = join(directory, 'data');
  const settings = ["-c listen_addresses=''", `-k ${directory}`, '-c max_connections=200'];
  if (!options.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { ...as, cwd: directory });
    await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(directory, 'server.log'), '-w', '-t', '120', '-o', settings.join(' '), 'start'], { ...as, cwd: directory });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not start a throwaway PostgreSQL with ${bin}: ${stderr || (error as Error).message}`);
  }
  let stopped = false;
  return {
    // The host is a placeholder: the `host` parameter (the socket's directory) wins, in pg and libpq alike.
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(directory)}`,
    directory,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...as, cwd: directory }).catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a new, empty database on the server of `serverUrl` and gives its URL: each test file
 * (or local trial) gets a database of its own. The login must be allowed to create databases.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'ptrack'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    // A database name cannot be a parameter; this one is made of [a-z0-9_] only.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The variable naming a PostgreSQL server for tests to use instead of a throwaway cluster. */
export const TEST_DATABASE_VARIABLE = 'PTRACK_TEST_DATABASE_URL';

/**
 * The server a test run uses: `PTRACK_TEST_DATABASE_URL` when set, else a throwaway cluster
 * started now (once per run; `stop` stops it). Fails, never skips, where neither can be had.
 */
export async function testDatabaseServer(env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ url: string; stop(): Promise<void> }> {
  const given = env[TEST_DATABASE_VARIABLE]?.trim();
  if (given) return { url: given, stop: async () => {} };
  try {
    return await startThrowawayCluster();
  } catch (error) {
    throw new Error(`The PostgreSQL tests need a server. ${(error as Error).message}\n${NO_SERVER_HELP}`);
  }
}
